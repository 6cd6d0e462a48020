#include <pave/actions/failover_backups.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pave/actions/backup_common.hpp>
#include <pave/actions/backup_restore.hpp>
#include <pave/backup/catalog.hpp>

namespace pave::actions {

namespace {

class DestinationCatalog final : public failover::BackupCatalog
{
public:
  DestinationCatalog(const project::Project& project, BackupSession session, std::string environment)
      : m_project(project), m_session(std::move(session)), m_environment(std::move(environment))
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
    if (!newest) {
      return util::fail("no backup of {} to restore to {}", m_environment, site.name);
    }
    RestoreOptions o;
    o.id = newest->id;
    o.env.environment = site.environment;
    o.existing_resource_policy = "none"; // a resumed run restores again harmlessly: what exists is skipped
    o.wait = true;
    PAVE_TRY_ASSIGN(const RestoreResult r, restore_backup(m_project, o));
    if (r.report.failed) {
      return util::fail("restoring backup {} into environment {} failed: {}", newest->id, site.environment,
                        r.report.failure);
    }
    const auto applied = std::count_if(r.report.outcomes.begin(), r.report.outcomes.end(),
                                       [](const deploy::Outcome& outcome) { return outcome.done; });
    return fmt::format("restored backup {} into environment {}: {} object(s) applied, {} already there", newest->id,
                       site.environment, applied, r.skipped_existing);
  }

private:
  const project::Project& m_project;
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
  return std::unique_ptr<failover::BackupCatalog>(std::make_unique<DestinationCatalog>(project, std::move(session), environment));
}

} // namespace pave::actions
