#pragma once
/// `pave backup restore ID`: puts the objects of a backup back through the
/// plan/apply engine. The whole archive is read and verified first, so a
/// corrupted or tampered backup applies nothing. Then the objects (namespace
/// mapped, scope filtered) are planned against the live target: objects that
/// do not exist are created; existing ones are skipped unless the policy is
/// "update"; waves put Namespaces first, then CRDs, then the rest.
/// --dry-run stops at the plan. --restore-state also brings back pave's
/// state (as a new serial, with a "restore" revision).
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <pave/actions/backup_common.hpp>
#include <pave/actions/environment.hpp>
#include <pave/backup/catalog.hpp>
#include <pave/deploy/engine.hpp>
#include <pave/plan/plan.hpp>

namespace pave::actions {

struct RestoreOptions : BackupScopeOptions
{
  std::string id;                 ///< the backup to restore
  EnvironmentOptions env;         ///< the environment restored into (its target and state)
  BackupDestinationOptions dest;
  std::vector<std::string> namespace_mapping; ///< "old:new" values
  std::string existing_resource_policy = "none"; ///< "none" (skip) or "update"
  bool dry_run = false;
  bool restore_state = false;
  bool wait = false;                              ///< wait for workloads to roll out
  std::chrono::milliseconds timeout{300000};
  std::string files_to;                           ///< extract files/ entries into this directory ("" = only verify them)
};

struct RestoreResult
{
  backup::BackupInfo info;
  plan::Plan plan;               ///< creates and updates, and no-ops for skipped existing objects
  deploy::Report report;         ///< empty on --dry-run
  int skipped_existing = 0;
  bool state_restored = false;
  std::uint64_t state_serial = 0;
  std::vector<std::string> files; ///< extracted paths
};

/// The restore entry point for commands and for other modules (failover).
/// Errors: the backup is missing, the key is wrong, the archive fails any
/// check ("backup ID failed verification: ... Nothing was applied."), a bad
/// mapping or scope flag, the state lock is held (exit 4), or the apply
/// fails (the report then says what was done).
util::Result<RestoreResult> restore_backup(const project::Project& project, const RestoreOptions& options,
                                           const std::function<void(const deploy::Event&)>& on_event = {});

} // namespace pave::actions
