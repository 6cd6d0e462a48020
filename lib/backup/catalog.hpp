#pragma once
/// The catalog of a destination: one folder per backup, ID/archive.pave
/// (the encrypted archive) and ID/backup.json (its record, in clear, written
/// after the archive is complete). A backup without its record is not listed:
/// an interrupted upload never looks complete.
///
/// This is also the library API other modules use (failover, CI tooling):
/// list_backups() and find_backup() need no key.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <pave/backup/destination.hpp>
#include <pave/backup/manifest.hpp>

namespace pave::backup {

inline constexpr std::string_view k_archive_object = "archive.pave";
inline constexpr std::string_view k_record_object = "backup.json";

/// One complete backup as its catalog record describes it.
struct BackupInfo
{
  std::string id;
  std::string environment;
  std::chrono::system_clock::time_point created; ///< parsed from `created_text`
  std::string created_text;                      ///< RFC 3339 UTC
  std::uint64_t size = 0;                        ///< archive bytes in the destination
  std::string sha256;                            ///< of the archive bytes (hex)
  Counts counts;
  std::string cluster;
  std::string pave_version;
  std::string scope;
  std::string key_kind; ///< "key" or "passphrase"

  BackupHeader header() const;
};

/// The record's JSON (what ID/backup.json holds).
nlohmann::ordered_json to_json(const BackupInfo& info);
/// Parses a record. Errors name the field ("backup record: missing archive").
util::Result<BackupInfo> parse_record(std::string_view text);

/// Every complete backup in `dest` (of `environment` only, unless empty),
/// oldest first (by created, then id). Records that cannot be read are
/// skipped and described in `warnings` (when given). Error: the destination
/// cannot be listed.
util::Result<std::vector<BackupInfo>> list_backups(Destination& dest, const std::string& environment = {},
                                                   std::vector<std::string>* warnings = nullptr);

/// The backup `id`. Error: "no backup ID in DEST" (exit 1).
util::Result<BackupInfo> find_backup(Destination& dest, const std::string& id);

/// Removes a backup: its record first (so it stops being listed), then its archive.
util::Result<void> delete_backup(Destination& dest, const std::string& id);

/// A duration for people: "3d4h", "5h12m", "42m", "30s" (two units at most, rounded down).
std::string format_age(std::chrono::milliseconds d);

/// The key of an object of backup `id`.
std::string object_key(const std::string& id, std::string_view object);

} // namespace pave::backup
