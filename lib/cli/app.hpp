#pragma once
/// Builds the CLI11 command tree from the command table.
#include <memory>
#include <span>

#include <CLI/CLI.hpp>

#include <pave/cli/command.hpp>
#include <pave/cli/context.hpp>

namespace pave::cli {

/// The root `pave` app with the global flags and one subcommand per row of
/// `commands`. Subcommand callbacks write through `ctx`.
std::unique_ptr<CLI::App> build_app(Context& ctx, std::span<const CommandSpec> commands);

/// Wraps `text` at `width` columns on spaces; ends with a newline.
std::string wrap(std::string_view text, std::size_t width);

/// The --help footer of a command: its example, indented.
std::string example_footer(std::string_view example);

} // namespace pave::cli
