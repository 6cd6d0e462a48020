#include <pave/failover/backup_catalog.hpp>

namespace pave::failover {

// Wired to lib/backup (list_backups(destination), restore) when that module
// is merged; until then failover reports backups as unavailable.
std::unique_ptr<BackupCatalog> open_backup_catalog(const project::Project&)
{
  return nullptr;
}

} // namespace pave::failover
