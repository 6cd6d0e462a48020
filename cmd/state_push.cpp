// pave state push: thin adapter over actions::state_push.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_push(CLI::App& app, cli::Context& ctx)
{
  auto p = std::make_shared<actions::StatePushOptions>();
  app.add_option("file", p->file, "State file to push (- for standard input)")->required();
  app.add_flag("--force", p->force,
               "Replace a state of another lineage or environment, with a higher serial, or unreadable (moved aside)");
  app.add_flag("--allow-no-checksum", p->allow_no_checksum,
               "Accept a file without a checksum (a state written or edited by hand)");
  add_state_flags(app, ctx, true);
  app.footer("\nExamples:\n  pave state pull > s.json && pave state push s.json\n"
             "  pave state push --force .pave/state/dev.json.backup.12\n"
             "  pave state push --allow-no-checksum hand-written.json\n");
  cli::on_run(app, ctx, [&ctx, p] {
    const auto o = state_options(ctx);
    const auto c = util::value_or_throw(actions::state_push(o, *p));
    print_warnings(ctx, c.warnings);
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["store"] = c.store;
    j["serial"] = c.serial;
    j["resources"] = c.resources;
    cli::emit(ctx, j, [&](std::ostream& out) {
      out << "Pushed " << p->file << " to " << c.store << " (serial " << c.serial << ", " << c.resources
          << " resource(s)).\n";
    });
  });
}

} // namespace pave::cmd
