#pragma once
/// What failover needs from backups, as a narrow interface: the newest
/// backup (its age against the RPO, in `pave failover status`) and a
/// restore of it to the standby (runbook step 3 when [failover]
/// restore_backup = true). lib/backup implements it; until it is wired,
/// open_backup_catalog returns null and both uses say so.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <pave/failover/config.hpp>
#include <pave/project/project.hpp>
#include <pave/util/expected.hpp>

namespace pave::failover {

struct BackupRef
{
  std::string id;
  std::chrono::system_clock::time_point created;
};

class BackupCatalog
{
public:
  virtual ~BackupCatalog() = default;
  /// The newest complete backup, or nullopt when there is none.
  virtual util::Result<std::optional<BackupRef>> latest() = 0;
  /// Restores the newest backup to `site`; returns a one-line description.
  /// Must be idempotent (a resumed run may call it again after a crash).
  virtual util::Result<std::string> restore_latest(const Site& site) = 0;
};

/// The catalog of the project's [backup] destination, or null when backups
/// are not available to failover.
std::unique_ptr<BackupCatalog> open_backup_catalog(const project::Project& project);

} // namespace pave::failover
