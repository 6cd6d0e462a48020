#include <pave/actions/backup_list.hpp>

namespace pave::actions {

bool BackupListResult::out_of_bounds() const
{
  return std::any_of(rpo.begin(), rpo.end(), [](const RpoStatus& s) { return s.status == "violated"; });
}

RpoStatus rpo_status(const std::vector<backup::BackupInfo>& backups, const std::string& environment,
                     std::optional<std::chrono::milliseconds> rpo, std::chrono::system_clock::time_point now)
{
  RpoStatus s;
  s.environment = environment;
  s.rpo = rpo;
  for (const auto& b : backups) {
    if (b.environment != environment) {
      continue;
    }
    const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(now - b.created);
    if (!s.newest_age || age < *s.newest_age) {
      s.newest_age = age;
    }
  }
  if (!rpo) {
    s.status = "unknown";
  } else if (!s.newest_age || *s.newest_age > *rpo) {
    s.status = "violated";
  } else {
    s.status = "ok";
  }
  return s;
}

util::Result<BackupListResult> backup_list(const project::Project& project, const BackupListOptions& o,
                                           std::chrono::system_clock::time_point now)
{
  const project::Environment* env = nullptr;
  if (!o.environment.empty()) {
    const auto it = project.environments.find(o.environment);
    if (it == project.environments.end()) {
      return util::fail("environment {} is not declared in pave.toml", o.environment);
    }
    env = &it->second;
  } else if (!project.environments.empty()) {
    env = &project.environments.begin()->second;
  }
  PAVE_TRY_ASSIGN(BackupSession b, open_backup_session(project, env, o.dest));
  BackupListResult r;
  r.destination = b.destination->describe();
  PAVE_TRY_ASSIGN(r.backups, backup::list_backups(*b.destination, o.environment, &r.warnings));
  const auto rpo = o.rpo ? o.rpo : b.config.rpo;
  if (!o.environment.empty()) {
    r.rpo.push_back(rpo_status(r.backups, o.environment, rpo, now));
  } else {
    for (const auto& [name, e] : project.environments) {
      r.rpo.push_back(rpo_status(r.backups, name, rpo, now));
    }
  }
  return r;
}

} // namespace pave::actions
