#pragma once
/// `pave backup create -e ENV`: snapshot the environment's objects (by
/// default everything pave manages there; or a Velero-like scope), its
/// state, and optional extra files, into one streamed, compressed,
/// encrypted archive at the destination.
#include <filesystem>
#include <string>
#include <vector>

#include <pave/actions/backup_common.hpp>
#include <pave/actions/environment.hpp>
#include <pave/backup/catalog.hpp>

namespace pave::actions {

struct BackupCreateOptions : BackupScopeOptions
{
  EnvironmentOptions env;
  BackupDestinationOptions dest;
  bool all_resources = false; ///< every listable kind (discovery), not only pave's objects
  bool include_state = true;  ///< --no-state: leave pave's state out
  std::vector<std::string> include_files; ///< --include-file PATH (stored as files/BASENAME)
  std::string id;             ///< --name; default ENV-YYYYMMDDTHHMMSSZ
};

struct BackupCreateResult
{
  backup::BackupInfo info;
  std::string destination;
  std::vector<std::string> warnings;
  double seconds = 0;
};

/// Errors: the environment, target, destination or key cannot be opened;
/// a scope flag is invalid; any stage of the stream fails (then nothing is listed).
util::Result<BackupCreateResult> backup_create(const project::Project& project, const BackupCreateOptions& options);

} // namespace pave::actions
