#pragma once
/// Retention for `pave backup prune`, restic/borg style: keep the newest N
/// backups, and the newest backup of each of the last N days, ISO weeks
/// (Monday to Sunday, UTC) and months; a backup is kept when any rule picks
/// it. A TTL then expires every backup older than it, picked or not.
/// Pure: the caller passes the time.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <pave/backup/catalog.hpp>

namespace pave::backup {

struct RetentionPolicy
{
  int keep_last = 0;
  int keep_daily = 0;
  int keep_weekly = 0;
  int keep_monthly = 0;
  std::optional<std::chrono::milliseconds> ttl;

  /// True when no rule and no TTL is set (prune refuses to run: it would delete everything).
  bool empty() const { return keep_last + keep_daily + keep_weekly + keep_monthly == 0 && !ttl; }
};

struct RetentionDecision
{
  std::string id;
  bool keep = false;
  std::vector<std::string> reasons; ///< "last 1", "daily 2026-11-20", "weekly 2026-11-16", "monthly 2026-11", "expired (TTL 30d)"
};

/// A decision for every backup, newest first. With no keep rule but a TTL,
/// every backup within the TTL is kept.
std::vector<RetentionDecision> apply_retention(std::vector<BackupInfo> backups, const RetentionPolicy& policy,
                                               std::chrono::system_clock::time_point now);

} // namespace pave::backup
