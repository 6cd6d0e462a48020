#pragma once
/// What the `pave backup` actions share: the [backup] settings of pave.toml,
/// the destination they name (or --destination), and the key.
#include <memory>
#include <string>
#include <vector>

#include <pave/backup/config.hpp>
#include <pave/backup/destination.hpp>
#include <pave/backup/key.hpp>
#include <pave/backup/select.hpp>
#include <pave/project/project.hpp>

namespace pave::actions {

/// Flags every backup command takes.
struct BackupDestinationOptions
{
  std::string destination; ///< --destination; default [backup] destination
  std::string key_file;    ///< --key-file; default [backup] key_file, then PAVE_BACKUP_KEY / PAVE_BACKUP_PASSPHRASE
};

/// The scope flags shared by `backup create` and `backup restore`.
struct BackupScopeOptions
{
  std::vector<std::string> include_namespaces, exclude_namespaces, include_kinds, exclude_kinds;
  std::string selector;
};

/// The backup::Scope of `o`. Error: a malformed --selector.
util::Result<backup::Scope> backup_scope(const BackupScopeOptions& o);

struct BackupSession
{
  backup::BackupConfig config;
  std::unique_ptr<backup::Destination> destination;
};

/// Parses [backup] and opens the destination. `environment` (may be null)
/// provides the AWS region, profile and endpoint when [backup] sets none.
util::Result<BackupSession> open_backup_session(const project::Project& project, const project::Environment* environment,
                                                const BackupDestinationOptions& options);

/// The key: --key-file, [backup] key_file, PAVE_BACKUP_KEY, PAVE_BACKUP_PASSPHRASE.
util::Result<backup::KeyMaterial> backup_key(const BackupSession& session, const BackupDestinationOptions& options);

} // namespace pave::actions
