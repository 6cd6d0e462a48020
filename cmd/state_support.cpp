#include "cmd/state_support.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/cli/context.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::cmd {

void add_state_flags(CLI::App& app, cli::Context& ctx, bool locks)
{
  app.add_option_function<std::string>(
       "--state-dir", [&ctx](const std::string& v) { ctx.setting_flags["state_dir"] = {v, "--state-dir"}; },
       "Directory of the state files (setting state_dir, default .pave/state)")
    ->type_name("DIR");
  if (locks) {
    app.add_option_function<std::string>(
         "--lock-timeout", [&ctx](const std::string& v) { ctx.setting_flags["lock_timeout"] = {v, "--lock-timeout"}; },
         "How long to wait for a held state lock, e.g. 30s or 5m (setting lock_timeout, default 0s)")
      ->type_name("DURATION");
  }
}

actions::StateOptions state_options(cli::Context& ctx)
{
  const auto* project = util::value_or_throw(ctx.project());
  actions::StateOptions o;
  o.environment = ctx.setting("environment");
  if (!project->environments.contains(o.environment)) {
    std::vector<std::string> names;
    for (const auto& [name, env] : project->environments) {
      names.push_back(name);
    }
    util::Error e{fmt::format("environment \"{}\" is not declared in {}", o.environment, project->file.string())};
    e.detail = names.empty() ? "add an [environments.NAME] table" : "its environments: " + util::join(names, ", ");
    throw util::Fatal(std::move(e));
  }
  o.project_dir = project->dir;
  o.state_dir = ctx.setting("state_dir");
  auto timeout = util::parse_duration(ctx.setting("lock_timeout"));
  if (!timeout) {
    timeout.error().code = util::ExitCode::usage;
  }
  o.lock_timeout = util::value_or_throw(std::move(timeout), "lock_timeout (" + ctx.settings().setting("lock_timeout").source + "): ");
  return o;
}

void print_warnings(cli::Context& ctx, const std::vector<std::string>& warnings)
{
  util::Diagnostics d;
  for (const auto& w : warnings) {
    d.warning("", w);
  }
  ctx.print_diagnostics(d);
}

} // namespace pave::cmd
