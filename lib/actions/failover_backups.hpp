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
/// destination (no key needed). restore_latest() is not offered from a
/// failover run: it fails naming the `pave backup restore` to run instead.
util::Result<std::unique_ptr<failover::BackupCatalog>> open_failover_backups(const project::Project& project,
                                                                             const std::string& environment);

} // namespace pave::actions
