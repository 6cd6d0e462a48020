#pragma once
/// Human and JSON views of the failover actions, shared by `pave failover`
/// (and its drill subcommand) and `pave failback`.
#include <CLI/CLI.hpp>

#include <pave/actions/failover.hpp>

namespace pave::cli {
class Context;
}

namespace pave::cmd {

/// Adds --force, --dry-run, --resume and --stop-after (and the environment flags) to `app`.
void add_runbook_flags(CLI::App& app, cli::Context& ctx, actions::FailoverOptions& o, bool force);

/// Runs the action with live progress on stderr and prints the result.
void run_runbook(cli::Context& ctx, actions::FailoverOptions o);

} // namespace pave::cmd
