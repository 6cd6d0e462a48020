// pave backup restore ID: thin adapter over actions::restore_backup.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/backup_restore.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/plan/view.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_backup_restore(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::RestoreOptions>();
  auto timeout = std::make_shared<std::string>("5m");
  app.add_option("ID", o->id, "The backup (see pave backup list)")->required();
  add_backup_destination_flags(app, o->dest.destination, o->dest.key_file);
  app.add_option("--namespace-mapping", o->namespace_mapping, "Restore namespace OLD as NEW: OLD:NEW (repeatable)");
  app.add_option("--include-namespaces", o->include_namespaces, "Only these namespaces (after mapping)")->delimiter(',');
  app.add_option("--exclude-namespaces", o->exclude_namespaces, "Leave these namespaces out")->delimiter(',');
  app.add_option("--include-kinds", o->include_kinds, "Only these kinds")->delimiter(',');
  app.add_option("--exclude-kinds", o->exclude_kinds, "Leave these kinds out")->delimiter(',');
  app.add_option("--selector,-l", o->selector, "Only objects whose labels match");
  app.add_option("--existing-resource-policy", o->existing_resource_policy,
                 "Objects that exist already: none (skip them) or update")
    ->check(CLI::IsMember({"none", "update"}));
  app.add_flag("--dry-run", o->dry_run, "Verify the backup and print the plan; apply nothing");
  app.add_flag("--restore-state", o->restore_state, "Also bring back pave's state of the environment");
  app.add_flag("--wait", o->wait, "Wait for restored workloads to roll out");
  app.add_option("--timeout", *timeout, "Rollout wait limit with --wait");
  app.add_option("--files-to", o->files_to, "Extract the backup's files/ entries into this directory");
  add_environment_flags(app, ctx, true);
  app.footer("\nExamples:\n  pave backup restore prod-20261121T020000Z -e prod --dry-run\n"
             "  pave backup restore prod-20261121T020000Z -e prod --namespace-mapping shop:shop-restored\n");
  cli::on_run(app, ctx, [o, timeout, &ctx] {
    o->env = environment_options(ctx);
    o->timeout = util::value_or_throw(util::parse_duration(*timeout), "--timeout: ");
    const auto* project = util::value_or_throw(ctx.project());
    const auto r = util::value_or_throw(actions::restore_backup(*project, *o));
    nlohmann::ordered_json j;
    j["backup"] = r.info.id;
    j["dry_run"] = o->dry_run;
    j["plan"] = plan::to_json(r.plan, false);
    j["skipped_existing"] = r.skipped_existing;
    j["applied"] = r.report.outcomes.size();
    j["state_restored"] = r.state_restored;
    j["files"] = r.files;
    cli::emit(ctx, j, [&](std::ostream& out) {
      plan::print_plan(out, r.plan, ctx.out_style(), false);
      if (r.skipped_existing > 0) {
        out << fmt::format("{} existing object(s) differ from the backup and were skipped "
                           "(--existing-resource-policy update updates them).\n",
                           r.skipped_existing);
      }
      if (o->dry_run) {
        out << "Dry run: backup " << r.info.id << " verified; nothing was applied.\n";
        return;
      }
      out << fmt::format("Restored backup {} into {}: {} change(s) applied.\n", r.info.id, r.plan.environment,
                         r.report.outcomes.size());
      if (r.state_restored) {
        out << fmt::format("The state was restored (serial {}).\n", r.state_serial);
      }
      for (const auto& f : r.files) {
        out << "Extracted " << f << "\n";
      }
    });
  });
}

} // namespace pave::cmd
