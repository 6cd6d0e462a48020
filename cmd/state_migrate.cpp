// pave state migrate --to LOCATION: thin adapter over actions::state_migrate.
#include <CLI/CLI.hpp>

#include <pave/actions/state_migrate.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_migrate(CLI::App& app, cli::Context& ctx)
{
  auto m = std::make_shared<actions::StateMigrateOptions>();
  app.add_option("--to", m->to, "Destination: a directory (relative to the project) or s3://BUCKET/PREFIX")->required();
  app.add_option("--from", m->from, "Source location; default the configured one ([state] backend, --state-dir)");
  app.add_flag("--force", m->force, "Replace a destination state of another lineage, a newer or an unreadable one");
  app.add_flag("--keep-source", m->keep_source, "Leave the source state in place");
  add_state_flags(app, ctx, true);
  app.footer("\nExamples:\n  pave state migrate -e prod --to s3://acme-pave/shop\n"
             "  pave state migrate -e prod --from s3://acme-pave/shop --to .pave/state\n");
  cli::on_run(app, ctx, [&ctx, m] {
    const auto o = state_options(ctx);
    const auto r = util::value_or_throw(actions::state_migrate(o, *m));
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["from"] = r.from;
    j["to"] = r.to;
    j["serial"] = r.serial;
    j["lineage"] = r.lineage;
    j["bytes"] = r.bytes;
    j["copied"] = r.copied;
    j["source_removed"] = r.source_removed;
    cli::emit(ctx, j, [&](std::ostream& out) {
      out << (r.copied ? "Migrated" : "Already migrated") << " the state of " << o.environment << " (serial "
          << r.serial << ", lineage " << r.lineage << ") from " << r.from << " to " << r.to << ".\n";
      out << (r.source_removed ? "The source state was removed (kept there as a backup).\n"
                               : "The source state was kept.\n");
      if (m->to != o.state_dir) {
        out << "Point pave at it: [state] backend = \"" << m->to << "\" in pave.toml (or --state-dir).\n";
      }
    });
  });
}

} // namespace pave::cmd
