// pave rollback: thin adapter over actions::rollback.
#include <CLI/CLI.hpp>

#include <pave/actions/rollback.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/plan/view.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_rollback(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::RollbackOptions>();
  auto no_wait = std::make_shared<bool>(false);
  auto timeout = std::make_shared<std::string>("5m");
  app.add_option("revision", o->revision, "Revision to restore (default: the one before the current)");
  app.add_flag("--no-wait", *no_wait, "Do not wait for workloads to roll out");
  app.add_option("--timeout", *timeout, "How long to wait for rollouts (e.g. 90s, 5m)")->capture_default_str();
  add_environment_flags(app, ctx, true);
  cli::on_run(app, ctx, [o, no_wait, timeout, &ctx] {
    o->env = environment_options(ctx);
    o->wait = !*no_wait;
    o->timeout = util::value_or_throw(util::parse_duration(*timeout), "--timeout: ");
    const auto* project = util::value_or_throw(ctx.project());
    const auto r = util::value_or_throw(actions::rollback(*project, *o, {}));
    nlohmann::ordered_json j;
    j["from"] = r.from;
    j["to"] = r.to;
    j["revision"] = r.revision;
    j["failed"] = r.report.failed;
    j["failure"] = r.report.failure;
    j["plan"] = plan::to_json(r.plan, false);
    cli::emit(ctx, j, [&](std::ostream& out) {
      plan::print_plan(out, r.plan, ctx.out_style());
      if (!r.report.failed) {
        out << "Rolled back " << r.plan.environment << " to revision " << r.to << " (recorded as revision "
            << r.revision << ").\n";
      }
    });
    if (r.report.failed) {
      throw util::Fatal(util::Error{"rollback failed: " + r.report.failure});
    }
  });
}

} // namespace pave::cmd
