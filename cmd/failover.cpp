// pave failover [--to SITE]; pave failover status; pave failover drill.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/failover_view.hpp"

namespace pave::cmd {

void setup_failover(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::FailoverOptions>();
  app.add_option("--to", o->to, "The site that takes over: secondary (default) or primary")
    ->check(CLI::IsMember({"primary", "secondary"}))
    ->capture_default_str();
  add_runbook_flags(app, ctx, *o, true);
  auto* drill = app.add_subcommand("drill", "Rehearse the switch and report the RTO; production DNS is untouched");
  setup_failover_drill(*drill, ctx);
  setup_failover_status(*app.add_subcommand("status", "Health, DNS answers, standby readiness, backups, drills"),
                        ctx);
  cli::on_run(app, ctx, [o, &ctx, &app] {
    if (!app.get_subcommands().empty()) {
      return; // a subcommand ran
    }
    actions::FailoverOptions opts = *o;
    opts.operation = opts.to == "primary" ? "failback" : "failover";
    run_runbook(ctx, opts);
  });
}

void setup_failover_drill(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::FailoverOptions>();
  add_runbook_flags(app, ctx, *o, false);
  app.footer("\nWith [failover.drill] record, the drill switches that record (not the production one) from the "
             "active site to the standby, scales the standby and verifies it, and records the RTO. Without it, or "
             "with --dry-run, the drill is a read-only rehearsal.\n\nExamples:\n  pave failover drill -e prod\n"
             "  pave failover drill -e prod --dry-run\n");
  cli::on_run(app, ctx, [o, &ctx] {
    actions::FailoverOptions opts = *o;
    opts.operation = "drill";
    run_runbook(ctx, opts);
  });
}

void setup_failback(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::FailoverOptions>();
  add_runbook_flags(app, ctx, *o, true);
  cli::on_run(app, ctx, [o, &ctx] {
    actions::FailoverOptions opts = *o;
    opts.operation = "failback";
    opts.to = "primary";
    run_runbook(ctx, opts);
  });
}

} // namespace pave::cmd
