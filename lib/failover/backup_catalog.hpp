#pragma once
/// What failover needs from backups, as a narrow interface: the newest
/// backup (its age against the RPO, in `pave failover status`) and a
/// restore of it to the standby (runbook step 3 when [failover]
/// restore_backup = true). actions::open_failover_backups implements it
/// over lib/backup.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <pave/failover/config.hpp>
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

} // namespace pave::failover
