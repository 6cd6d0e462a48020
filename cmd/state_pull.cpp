// pave state pull: thin adapter over actions::state_pull.
#include <cstdio>

#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_pull(CLI::App& app, cli::Context& ctx)
{
  add_state_flags(app, ctx, false);
  app.footer("\nExamples:\n  pave state pull > dev-state.json\n  pave state pull -e prod | jq .serial\n");
  cli::on_run(app, ctx, [&ctx] {
    const auto bytes = util::value_or_throw(actions::state_pull(state_options(ctx)));
    ctx.out() << bytes;
    ctx.out().flush();
    if (!ctx.out()) {
      throw util::Fatal(util::Error{"cannot write the state to standard output"});
    }
  });
}

} // namespace pave::cmd
