#pragma once
/// What a backup holds. Two JSON documents, both versioned by
/// k_manifest_format:
///  - the manifest, the last entry of the (encrypted) archive: when, what
///    cluster, which pave, counts, and the path, type, size and SHA-256 of
///    every other entry;
///  - the catalog record (BackupInfo), stored in clear next to the archive
///    and written after it, so a backup is listed only once it is complete:
///    the same header and counts plus the archive's size and SHA-256.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::backup {

inline constexpr int k_manifest_format = 1;
/// The archive entry that holds the manifest (always the last entry).
inline constexpr std::string_view k_manifest_entry = "manifest.json";
/// The archive entry that holds pave's state of the environment.
inline constexpr std::string_view k_state_entry = "state/state.json";

struct ManifestEntry
{
  std::string path;    ///< "resources/NAMESPACE/KIND.GROUP/NAME.json", "state/state.json", "files/NAME"
  std::string type;    ///< "resource", "state" or "file"
  std::string address; ///< resources: the object's address (k8s:...)
  std::uint64_t size = 0;
  std::string sha256;  ///< lowercase hex of the entry's content

  bool operator==(const ManifestEntry&) const = default;
};

struct Counts
{
  int resources = 0;
  int namespaces = 0;
  int files = 0;
  bool state = false;
  std::map<std::string, int> kinds; ///< resources by kind

  bool operator==(const Counts&) const = default;
};

/// The header every backup carries, in its manifest and its catalog record.
struct BackupHeader
{
  int format_version = k_manifest_format;
  std::string id;          ///< "ENV-YYYYMMDDTHHMMSSZ" (unique in a destination)
  std::string environment;
  std::string created;     ///< RFC 3339 UTC
  std::string cluster;     ///< the target's description
  std::string pave_version;
  std::string scope;       ///< "managed" or the scope flags used
  Counts counts;

  bool operator==(const BackupHeader&) const = default;
};

struct Manifest
{
  BackupHeader header;
  std::vector<ManifestEntry> entries;

  bool operator==(const Manifest&) const = default;
};

nlohmann::ordered_json to_json(const Counts& c);
nlohmann::ordered_json to_json(const ManifestEntry& e);
nlohmann::ordered_json to_json(const Manifest& m);

/// Reads a manifest. Errors name the field: "manifest: entries[3].sha256 is not 64 hex digits",
/// "manifest: unsupported format_version 2 (this pave reads 1)".
util::Result<Manifest> parse_manifest(std::string_view text);

/// Reads the common header fields of a manifest or catalog record (`what` names it in errors).
util::Result<BackupHeader> parse_header(const nlohmann::json& j, std::string_view what);
void write_header(nlohmann::ordered_json& j, const BackupHeader& h);

/// The archive path of a resource: resources/NS/KIND.GROUP/NAME.json
/// (cluster-scoped: NS = "_cluster"; core group: KIND only).
std::string resource_entry_path(const std::string& api_version, const std::string& kind, const std::string& ns,
                                const std::string& name);

/// True for a 64-character lowercase hex string.
bool is_sha256_hex(std::string_view s);

} // namespace pave::backup
