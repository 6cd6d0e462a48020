#pragma once
#include <functional>
#include <span>

#include <pave/cli/command.hpp>

namespace CLI {
class App;
}

namespace pave::cli {

class Context;

/// Runs pave with the process arguments and the command table, and returns
/// the exit code. Holds the only top-level try/catch: util::Fatal maps to its
/// exit code, CLI11 parse errors to 2 (usage), anything else to 1.
int run(int argc, char** argv, std::span<const CommandSpec> commands);

/// Sets `app`'s callback: resolves settings (flags > env > pave.toml >
/// defaults), then runs `action`. Every command uses it.
void on_run(CLI::App& app, Context& ctx, std::function<void()> action);

} // namespace pave::cli
