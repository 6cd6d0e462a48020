#include "cmd/env_options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/cli/context.hpp>
#include <pave/cli/setting_flag.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::cmd {

void add_state_flags(CLI::App& app, cli::Context& ctx, bool locks)
{
  cli::add_setting_flag(app, ctx, "state_dir");
  if (locks) {
    cli::add_setting_flag(app, ctx, "lock_timeout");
  }
}

void add_environment_flags(CLI::App& app, cli::Context& ctx, bool cluster)
{
  add_state_flags(app, ctx, true);
  if (cluster) {
    cli::add_setting_flag(app, ctx, "kubeconfig");
    cli::add_setting_flag(app, ctx, "kube_context");
  }
}

actions::EnvironmentOptions environment_options(cli::Context& ctx)
{
  const actions::StateOptions s = state_options(ctx);
  actions::EnvironmentOptions o;
  o.environment = s.environment;
  o.state_dir = s.state_dir;
  o.lock_timeout = s.lock_timeout;
  o.state_aws = s.aws;
  o.kubeconfig = ctx.setting("kubeconfig");
  o.kube_context = ctx.setting("kube_context");
  return o;
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
  o.aws = actions::state_aws_options(*project, project->environments.at(o.environment));
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
