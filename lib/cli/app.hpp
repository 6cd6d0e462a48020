#pragma once
/// Builds the CLI11 command tree from the command table.
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include <CLI/CLI.hpp>

#include <pave/cli/command.hpp>
#include <pave/cli/context.hpp>

namespace pave::cli {

/// The root `pave` app with the global flags and one subcommand per row of
/// `commands`. Subcommand callbacks write through `ctx`. When `only` names a
/// command, only that command is added, with its flags, description and
/// callback; when `only` is empty (no command on the command line), every
/// command is listed (for `pave --help`) but empty. Either way a run of pave
/// does not build the options of commands it does not run.
std::unique_ptr<CLI::App> build_app(Context& ctx, std::span<const CommandSpec> commands,
                                    std::optional<std::string_view> only = std::nullopt);

/// build_app's `only` for a command line: the first argument that is not a
/// global flag or its value when it names a command of `commands`; empty when
/// there is no such argument (`pave --version`, `pave --help`); nullopt (every
/// command) for an unknown word, for completion and __docs, which describe
/// every command, and with --help-all.
std::optional<std::string_view> selected_command(int argc, const char* const* argv,
                                                 std::span<const CommandSpec> commands);

/// Wraps `text` at `width` columns on spaces; ends with a newline.
std::string wrap(std::string_view text, std::size_t width);

/// The --help footer of a command: its example, indented.
std::string example_footer(std::string_view example);

} // namespace pave::cli
