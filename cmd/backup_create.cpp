// pave backup create: thin adapter over actions::backup_create.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/backup_create.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/util/heap.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_backup_create(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::BackupCreateOptions>();
  auto no_state = std::make_shared<bool>(false);
  add_backup_destination_flags(app, o->dest.destination, o->dest.key_file);
  app.add_option("--include-namespaces", o->include_namespaces, "Only these namespaces (comma-separated or repeated)")
    ->delimiter(',');
  app.add_option("--exclude-namespaces", o->exclude_namespaces, "Leave these namespaces out")->delimiter(',');
  app.add_option("--include-kinds", o->include_kinds, "Only these kinds (Deployment, deployments.apps ...)")->delimiter(',');
  app.add_option("--exclude-kinds", o->exclude_kinds, "Leave these kinds out (e.g. Secret)")->delimiter(',');
  app.add_option("--selector,-l", o->selector, "Only objects whose labels match (app=web,tier!=cache)");
  app.add_flag("--all-resources", o->all_resources,
               "Every listable kind on the cluster (via discovery), not only what pave manages");
  app.add_flag("--no-state", *no_state, "Leave pave's state of the environment out");
  app.add_option("--include-file", o->include_files, "Also store this file (as files/BASENAME; repeatable)");
  app.add_option("--name", o->id, "Backup id (default ENV-YYYYMMDDTHHMMSSZ)");
  add_environment_flags(app, ctx, true);
  app.footer("\nExamples:\n  pave backup create -e prod\n  pave backup create -e prod --include-namespaces shop "
             "--exclude-kinds Secret\n  pave backup create -e prod --all-resources --selector tier=data\n");
  cli::on_run(app, ctx, [o, no_state, &ctx] {
    o->env = environment_options(ctx);
    o->include_state = !*no_state;
    const auto* project = util::value_or_throw(ctx.project());
    util::use_compact_heap(); // upload parts freed on other threads go back to the system at once
    const auto r = util::value_or_throw(actions::backup_create(*project, *o));
    print_warnings(ctx, r.warnings);
    nlohmann::ordered_json j = backup::to_json(r.info);
    j["destination"] = r.destination;
    j["seconds"] = r.seconds;
    cli::emit(ctx, j, [&](std::ostream& out) {
      const auto& c = r.info.counts;
      out << fmt::format("Backup {} of {} written to {}: {} objects in {} namespaces, {}{} file(s), {} bytes, in {:.1f} s.\n",
                         r.info.id, r.info.environment, r.destination, c.resources, c.namespaces,
                         c.state ? "the state, " : "", c.files, r.info.size, r.seconds);
    });
  });
}

} // namespace pave::cmd
