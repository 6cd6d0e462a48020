#pragma once
/// Backups as failover sees them: the failover::BackupCatalog of an
/// environment, over the [backup] destination (lib/backup).
#include <memory>
#include <string>

#include <pave/failover/backup_catalog.hpp>
#include <pave/project/project.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

/// The catalog of `environment`'s backups in the [backup] destination; null
/// when pave.toml sets no [backup] destination. Errors: a malformed [backup]
/// table or a destination that cannot be opened. latest() lists the
/// destination (no key needed). restore_latest(site) restores the newest
/// backup of `environment` into the site's `environment` through
/// restore_backup (the backup key as for `pave backup`), skipping objects
/// that exist, so repeating it after an interruption is harmless.
util::Result<std::unique_ptr<failover::BackupCatalog>> open_failover_backups(const project::Project& project,
                                                                             const std::string& environment);

} // namespace pave::actions
