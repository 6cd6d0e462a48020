#pragma once
/// `pave backup list`: the complete backups at the destination, with age,
/// size and counts, and the RPO status of the environment: the age of its
/// newest backup against [backup] rpo.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <pave/actions/backup_common.hpp>
#include <pave/backup/catalog.hpp>

namespace pave::actions {

struct BackupListOptions
{
  std::string environment; ///< "" = every environment (RPO then checked per environment)
  BackupDestinationOptions dest;
  std::optional<std::chrono::milliseconds> rpo; ///< --rpo; default [backup] rpo
};

struct RpoStatus
{
  std::string environment;
  std::string status; ///< "ok", "violated" (newest older than the RPO, or none at all), "unknown" (no RPO set)
  std::optional<std::chrono::milliseconds> newest_age; ///< nullopt: no backup
  std::optional<std::chrono::milliseconds> rpo;
};

struct BackupListResult
{
  std::string destination;
  std::vector<backup::BackupInfo> backups; ///< oldest first
  std::vector<RpoStatus> rpo;              ///< one per environment listed (the -e one, or each of pave.toml's)
  std::vector<std::string> warnings;
  bool out_of_bounds() const;
};

/// Never fails for an RPO violation: the caller maps out_of_bounds() to exit code 5.
util::Result<BackupListResult> backup_list(const project::Project& project, const BackupListOptions& options,
                                           std::chrono::system_clock::time_point now);

/// The RPO status from backups (any order) of one environment.
RpoStatus rpo_status(const std::vector<backup::BackupInfo>& backups, const std::string& environment,
                     std::optional<std::chrono::milliseconds> rpo, std::chrono::system_clock::time_point now);

} // namespace pave::actions
