#include <pave/actions/failover_backups.hpp>

#include <fmt/format.h>

#include <pave/actions/backup_common.hpp>
#include <pave/backup/catalog.hpp>

namespace pave::actions {

namespace {

class DestinationCatalog final : public failover::BackupCatalog
{
public:
  DestinationCatalog(BackupSession session, std::string environment)
      : m_session(std::move(session)), m_environment(std::move(environment))
  {
  }

  util::Result<std::optional<failover::BackupRef>> latest() override
  {
    PAVE_TRY_ASSIGN(const auto all, backup::list_backups(*m_session.destination, m_environment));
    if (all.empty()) { // oldest first
      return std::optional<failover::BackupRef>{};
    }
    return std::optional<failover::BackupRef>{failover::BackupRef{all.back().id, all.back().created}};
  }

  util::Result<std::string> restore_latest(const failover::Site& site) override
  {
    PAVE_TRY_ASSIGN(const auto newest, latest());
    return util::fail("restoring a backup from a failover run is not supported: restore {} to {} with `pave backup "
                      "restore {} -e ENV` (ENV targeting {}) and run failover with restore_backup = false",
                      newest ? newest->id : "the newest backup", site.name, newest ? newest->id : "ID", site.name);
  }

private:
  BackupSession m_session;
  std::string m_environment;
};

} // namespace

util::Result<std::unique_ptr<failover::BackupCatalog>> open_failover_backups(const project::Project& project,
                                                                             const std::string& environment)
{
  PAVE_TRY_ASSIGN(const auto config, backup::parse_backup_config(project));
  if (config.destination.empty()) {
    return std::unique_ptr<failover::BackupCatalog>{};
  }
  const auto env = project.environments.find(environment);
  PAVE_TRY_ASSIGN(auto session, open_backup_session(project, env == project.environments.end() ? nullptr : &env->second,
                                                    BackupDestinationOptions{}));
  return std::unique_ptr<failover::BackupCatalog>(std::make_unique<DestinationCatalog>(std::move(session), environment));
}

} // namespace pave::actions
