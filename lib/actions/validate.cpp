#include <pave/actions/validate.hpp>

#include <pave/cloud/desired.hpp>
#include <pave/config/settings.hpp>
#include <pave/failover/config.hpp>
#include <pave/project/load.hpp>

namespace pave::actions {

util::Result<ValidateResult> validate(const ValidateOptions& options)
{
  ValidateResult r;
  r.file = options.project_file;
  PAVE_TRY_ASSIGN(auto project, project::load(options.project_file, r.diagnostics));
  r.environments = project.environments.size();
  r.apps = project.apps.size();
  // Settings values (choices) are checked the way they will be resolved.
  config::Sources sources;
  sources.file = project.settings;
  config::Settings::resolve(sources, r.diagnostics);
  if (const auto cloud = project.reserved.find("cloud"); cloud != project.reserved.end()) {
    cloud::check(cloud->second, project, r.diagnostics);
  }
  if (const auto fo = project.reserved.find("failover"); fo != project.reserved.end()) {
    std::vector<std::string> names;
    for (const auto& [name, env] : project.environments) {
      names.push_back(name);
    }
    // The base table and each environment's merged table.
    std::vector<std::string> envs = {""};
    if (fo->second.is_object() && fo->second.contains("environments") && fo->second["environments"].is_object()) {
      for (const auto& [name, t] : fo->second["environments"].items()) {
        envs.push_back(name);
      }
    }
    util::Result<failover::Config> c = util::fail("");
    for (const auto& env : envs) {
      auto table = failover::environment_table(fo->second, env, names, project.file.string());
      c = table ? failover::parse_config(*table, project.file.string()) : std::unexpected(table.error());
      if (!c) {
        break;
      }
    }
    if (!c) {
      const std::string file = project.file.string();
      std::string summary = c.error().message;
      if (summary.starts_with(file + ": ")) {
        summary.erase(0, file.size() + 2);
      }
      r.diagnostics.error(file, summary, c.error().detail);
    }
  }
  return r;
}

} // namespace pave::actions
