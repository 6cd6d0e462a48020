#pragma once
/// What the commands acting on one environment share (plan, deploy,
/// rollback, state *, history): their flags and their options built from
/// the resolved settings and pave.toml.
#include <string>
#include <vector>

#include <pave/actions/environment.hpp>
#include <pave/actions/state.hpp>

namespace CLI {
class App;
}

namespace pave::cli {
class Context;
}

namespace pave::cmd {

/// Adds --state-dir and, when `locks`, --lock-timeout (settings state_dir and lock_timeout).
void add_state_flags(CLI::App& app, cli::Context& ctx, bool locks);

/// The environment (must be declared in pave.toml), state_dir and lock timeout. Throws Fatal.
actions::StateOptions state_options(cli::Context& ctx);

/// Adds --state-dir and --lock-timeout, and with `cluster` --kubeconfig and --context.
void add_environment_flags(CLI::App& app, cli::Context& ctx, bool cluster);
/// The environment options from the resolved settings. Throws Fatal.
actions::EnvironmentOptions environment_options(cli::Context& ctx);

/// Prints each as "pave: warning: TEXT" on stderr.
void print_warnings(cli::Context& ctx, const std::vector<std::string>& warnings);

} // namespace pave::cmd
