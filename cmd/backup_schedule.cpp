// pave backup schedule: thin adapter over actions::backup_schedule.
#include <CLI/CLI.hpp>

#include <pave/actions/backup_schedule.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_backup_schedule(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::BackupScheduleOptions>();
  app.add_option("--format", o->format, "cronjob (a Kubernetes CronJob) or github (a GitHub Actions workflow)")
    ->check(CLI::IsMember({"cronjob", "github"}));
  app.add_option("--schedule", o->schedule, "Cron expression (default [backup] schedule, \"0 2 * * *\")");
  app.add_option("--image", o->image, "Container image with pave (default ghcr.io/pave-dev/pave:VERSION)");
  app.add_option("--namespace", o->namespace_, "Namespace of the CronJob (default pave-system)");
  app.footer("\nExamples:\n  pave backup schedule -e prod | kubectl apply -f -\n"
             "  pave backup schedule -e prod --format github > .github/workflows/pave-backup-prod.yml\n");
  cli::on_run(app, ctx, [o, &ctx] {
    const auto* project = util::value_or_throw(ctx.project());
    o->environment = ctx.setting("environment");
    ctx.out() << util::value_or_throw(actions::backup_schedule(*project, *o));
  });
}

} // namespace pave::cmd
