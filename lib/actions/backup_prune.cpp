#include <pave/actions/backup_prune.hpp>

#include <pave/backup/catalog.hpp>

namespace pave::actions {

util::Result<BackupPruneResult> backup_prune(const project::Project& project, const BackupPruneOptions& o,
                                             std::chrono::system_clock::time_point now)
{
  const auto it = project.environments.find(o.environment);
  if (it == project.environments.end()) {
    return util::fail("environment {} is not declared in pave.toml", o.environment);
  }
  PAVE_TRY_ASSIGN(BackupSession b, open_backup_session(project, &it->second, o.dest));
  backup::RetentionPolicy p = o.policy;
  const auto& c = b.config.retention;
  if (p.keep_last + p.keep_daily + p.keep_weekly + p.keep_monthly == 0 && !p.ttl) {
    p = c;
  }
  if (p.empty()) {
    util::Error e{"no retention policy: pass --keep-last, --keep-daily, --keep-weekly, --keep-monthly or --ttl, or set "
                  "them in [backup]"};
    e.code = util::ExitCode::usage;
    return std::unexpected(e);
  }
  BackupPruneResult r;
  r.destination = b.destination->describe();
  PAVE_TRY_ASSIGN(const auto backups, backup::list_backups(*b.destination, o.environment));
  r.decisions = backup::apply_retention(backups, p, now);
  if (!o.dry_run) {
    for (const auto& d : r.decisions) {
      if (!d.keep) {
        PAVE_TRY(backup::delete_backup(*b.destination, d.id));
        ++r.removed;
      }
    }
  }
  return r;
}

} // namespace pave::actions
