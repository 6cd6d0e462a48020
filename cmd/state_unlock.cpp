// pave state unlock --force LOCK_ID: thin adapter over actions::state_unlock.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_unlock(CLI::App& app, cli::Context& ctx)
{
  auto id = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  app.add_option("lock_id", *id, "Id of the lock, as printed by the command that found it held")->required();
  app.add_flag("--force", *force, "Required: confirms that the lock's holder is gone");
  add_state_flags(app, ctx, false);
  app.footer("\nExamples:\n  pave state unlock --force 0b8e2a8c-2f0d-4c55-9a57-4d0c8f5e7a11\n");
  cli::on_run(app, ctx, [&ctx, id, force] {
    if (!*force) {
      throw util::Fatal(util::Error{"pave state unlock needs --force",
                                    "breaking the lock of an operation that still runs can lose its changes; make sure "
                                    "it is gone",
                                    util::ExitCode::usage});
    }
    const auto o = state_options(ctx);
    const auto store = util::value_or_throw(actions::state_unlock(o, *id));
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["store"] = store;
    j["lock_id"] = *id;
    j["released"] = true;
    cli::emit(ctx, j, [&](std::ostream& out) { out << "Released lock " << *id << " of " << store << ".\n"; });
  });
}

} // namespace pave::cmd
