#pragma once
/// The [backup] table of pave.toml:
///   destination = "s3://acme-backups/shop"   # or file://DIR, or a directory
///   rpo = "24h"                              # pave backup list exits 5 when the newest backup is older
///   key_file = "secrets/backup.key"          # else PAVE_BACKUP_KEY / PAVE_BACKUP_PASSPHRASE
///   keep_last = 7, keep_daily = 7, keep_weekly = 4, keep_monthly = 12, ttl = "2160h"
///   schedule = "0 2 * * *"                   # pave backup schedule
///   region, aws_profile, endpoint_url        # for s3://; default the environment's
///   compression_level = 3
#include <chrono>
#include <optional>
#include <string>

#include <pave/backup/retention.hpp>
#include <pave/project/project.hpp>

namespace pave::backup {

struct BackupConfig
{
  std::string destination;
  std::optional<std::chrono::milliseconds> rpo;
  std::string key_file; ///< relative to the project directory
  RetentionPolicy retention;
  std::string schedule = "0 2 * * *";
  std::string region, aws_profile, endpoint_url;
  int compression_level = 3;
};

/// Parses project.reserved["backup"] (defaults when absent). Errors name the
/// file and key: "pave.toml: [backup] unknown key \"destinaton\" (did you mean destination?)",
/// "pave.toml: [backup] rpo: not a duration ...".
util::Result<BackupConfig> parse_backup_config(const project::Project& project);

} // namespace pave::backup
