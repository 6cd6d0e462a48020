#include <pave/actions/validate.hpp>

#include <pave/cloud/desired.hpp>
#include <pave/config/settings.hpp>
#include <pave/cost/config.hpp>
#include <pave/cost/usage.hpp>
#include <pave/failover/config.hpp>
#include <pave/util/fs.hpp>
#include <pave/project/load.hpp>

namespace pave::actions {

namespace {

/// [cost] (cost-report's settings), its budgets' environments and its usage file.
void check_cost(const nlohmann::json& table, const project::Project& project, util::Diagnostics& diags)
{
  const std::string file = project.file.empty() ? "pave.toml" : project.file.filename().string();
  auto config = cost::parse_cost_config(table, file);
  if (!config) {
    const std::string prefix = file + ": ";
    std::string message = config.error().message;
    diags.error(file, message.starts_with(prefix) ? message.substr(prefix.size()) : message);
    return;
  }
  for (const auto& [env, amount] : config->budgets) {
    if (!project.environments.contains(env)) {
      diags.error(file, "[cost] budgets." + env + ": no environment \"" + env + "\"");
    }
  }
  if (!config->usage_file.empty()) {
    const std::filesystem::path path = project.dir / config->usage_file;
    auto text = util::read_file(path);
    if (!text) {
      diags.error(file, "[cost] usage_file: " + text.error().message);
    } else if (auto usage = cost::parse_usage(*text, config->usage_file); !usage) {
      const std::string prefix = config->usage_file + ": ";
      const std::string& message = usage.error().message;
      diags.error(config->usage_file, message.starts_with(prefix) ? message.substr(prefix.size()) : message);
    }
  }
}

} // namespace

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
    failover::check(fo->second, project, r.diagnostics);
  }
  if (const auto cost = project.reserved.find("cost"); cost != project.reserved.end()) {
    check_cost(cost->second, project, r.diagnostics);
  }
  return r;
}

} // namespace pave::actions
