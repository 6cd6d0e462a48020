#pragma once
/// `pave backup prune`: applies the retention policy (flags, else [backup])
/// to the backups of an environment and deletes the others (record first,
/// so a half-deleted backup is never listed). --dry-run only reports.
#include <chrono>
#include <string>
#include <vector>

#include <pave/actions/backup_common.hpp>
#include <pave/backup/retention.hpp>

namespace pave::actions {

struct BackupPruneOptions
{
  std::string environment; ///< required
  BackupDestinationOptions dest;
  backup::RetentionPolicy policy; ///< fields left at 0/nullopt take [backup]'s
  bool dry_run = false;
};

struct BackupPruneResult
{
  std::string destination;
  std::vector<backup::RetentionDecision> decisions; ///< newest first
  int removed = 0;
};

/// Error: no retention policy at all (it would delete everything), or a deletion fails.
util::Result<BackupPruneResult> backup_prune(const project::Project& project, const BackupPruneOptions& options,
                                             std::chrono::system_clock::time_point now);

} // namespace pave::actions
