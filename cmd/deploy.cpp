// pave deploy: thin adapter over actions::Deployment (plan, confirm, apply, record).
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include <pave/actions/deploy.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/deploy_progress.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/prompt.hpp>
#include <pave/cli/run.hpp>
#include <pave/plan/view.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_deploy(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::DeployOptions>();
  auto yes = std::make_shared<bool>(false);
  auto no_wait = std::make_shared<bool>(false);
  auto timeout = std::make_shared<std::string>("5m");
  app.add_option("--plan", o->plan_file, "Apply this saved plan (refused when the state has changed since)")
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.add_option("--target", o->targets, "Only deploy these objects: address glob or app:NAME (repeatable)");
  app.add_flag("--atomic", o->atomic, "On failure, roll back to the previous revision");
  app.add_flag("--no-wait", *no_wait, "Do not wait for workloads to roll out");
  app.add_option("--timeout", *timeout, "How long to wait for rollouts (e.g. 90s, 5m)")->capture_default_str();
  app.add_flag("--force-conflicts", o->force_conflicts, "Take ownership of fields another manager owns");
  auto force = std::make_shared<bool>(false);
  app.add_flag("--force", *force, "Delete cloud resources that hold data (non-empty S3 buckets)");
  app.add_flag("-y,--yes", *yes, "Do not ask for confirmation at a terminal");
  add_environment_flags(app, ctx, true);
  cli::on_run(app, ctx, [o, yes, no_wait, timeout, force, &ctx] {
    o->env = environment_options(ctx);
    o->env.force_delete = *force;
    o->wait = !*no_wait;
    o->timeout = util::value_or_throw(util::parse_duration(*timeout), "--timeout: ");
    const auto* project = util::value_or_throw(ctx.project());
    auto d = util::value_or_throw(actions::Deployment::prepare(*project, *o));
    const bool table = ctx.setting("output") == "table";
    if (table) {
      plan::print_plan(ctx.out(), d.plan(), ctx.out_style());
      ctx.out().flush();
    }
    if (d.plan().summary().has_changes() && !*yes && o->plan_file.empty() && table && isatty(STDIN_FILENO) != 0 &&
        isatty(STDOUT_FILENO) != 0) {
      const std::string answer = cli::ask(std::cin, ctx.out(), "Deploy these changes? Only 'yes' is accepted", "");
      if (answer != "yes") {
        throw util::Fatal(util::Error{"deploy cancelled"});
      }
    }
    const std::string& level = ctx.setting("log_level");
    cli::DeployProgress progress(ctx.err(), ctx.err_style(), isatty(STDERR_FILENO) != 0,
                                 level == "info" || level == "debug" || level == "trace", d.plan());
    const bool quiet = level == "error";
    auto result = d.run([&progress, quiet](const deploy::Event& e) {
      if (!quiet) {
        progress(e);
      }
    });
    if (!quiet) {
      progress.finish();
    }
    const auto r = util::value_or_throw(std::move(result));
    nlohmann::ordered_json j;
    j["plan"] = plan::to_json(r.plan, false);
    j["revision"] = r.revision;
    j["failed"] = r.report.failed;
    j["failure"] = r.report.failure;
    j["elapsed_ms"] = r.report.elapsed.count();
    j["rolled_back"] = r.rolled_back;
    j["rolled_back_to"] = r.rolled_back_to;
    if (!table) {
      cli::emit(ctx, j, [](std::ostream&) {});
    } else if (r.revision == 0) {
      ctx.out() << "Nothing to deploy.\n";
    } else if (!r.report.failed) {
      ctx.out() << ctx.out_style().green("Deployed") << " revision " << r.revision << " of " << r.plan.environment
                << " in " << fmt::format("{:.1f}s", r.report.elapsed.count() / 1000.0) << ".\n";
    }
    if (r.report.failed) {
      std::string msg = "deploy failed: " + r.report.failure;
      if (r.rolled_back) {
        msg += r.rolled_back_to != 0 ? fmt::format("; rolled back to revision {} (now revision {})", r.rolled_back_to,
                                                   r.revision)
                                     : std::string("; removed what it had created");
      }
      throw util::Fatal(util::Error{msg});
    }
  });
}

} // namespace pave::cmd
