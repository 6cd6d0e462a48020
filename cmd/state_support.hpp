#pragma once
/// What the state commands (state *, history) share: their flags and the
/// StateOptions built from the resolved settings and pave.toml.
#include <string>
#include <vector>

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

/// Prints each as "pave: warning: TEXT" on stderr.
void print_warnings(cli::Context& ctx, const std::vector<std::string>& warnings);

} // namespace pave::cmd
