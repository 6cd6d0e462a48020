// pave plan: thin adapter over actions::plan_environment.
#include <CLI/CLI.hpp>

#include <pave/actions/plan.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/plan/view.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_plan(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::PlanOptions>();
  auto detailed = std::make_shared<bool>(false);
  auto show_unchanged = std::make_shared<bool>(false);
  app.add_option("--target", o->targets, "Only plan these objects: address glob or app:NAME (repeatable)");
  app.add_option("--out", o->out_file, "Save the plan to FILE for `pave deploy --plan FILE`")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_flag("--server-dry-run", o->server_dry_run,
               "Also send each change to the server as a dry run: its errors and its view of updated fields");
  app.add_flag("--detailed-exitcode", *detailed, "Exit 0 with no changes, 2 with changes, 1 on error");
  app.add_flag("--show-unchanged", *show_unchanged, "List unchanged objects too");
  add_environment_flags(app, ctx, true);
  cli::on_run(app, ctx, [o, detailed, show_unchanged, &ctx] {
    o->env = environment_options(ctx);
    const auto* project = util::value_or_throw(ctx.project());
    const plan::Plan p = util::value_or_throw(actions::plan_environment(*project, *o));
    cli::emit(ctx, plan::to_json(p, false), [&](std::ostream& out) {
      plan::print_plan(out, p, ctx.out_style(), *show_unchanged);
      if (!o->out_file.empty()) {
        out << "\nSaved the plan to " << o->out_file << ". Apply it with: pave deploy -e " << p.environment
            << " --plan " << o->out_file << "\n";
      }
    });
    if (*detailed && p.summary().has_changes()) {
      ctx.exit_code = 2;
    }
  });
}

} // namespace pave::cmd
