#pragma once
/// The command table: one row per subcommand. The CLI, the man pages and the
/// shell completions are all generated from it.
#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace pave::cli {

class Context;

struct CommandSpec
{
  std::string_view name;
  std::string_view summary;     ///< one line, shown in `pave --help`
  std::string_view description; ///< paragraphs for `pave CMD --help` and the man page
  std::string_view example;     ///< shell lines, shown in --help and the man page
  /// Binds the command's flags onto its options struct and sets its callback.
  void (*setup)(CLI::App& app, Context& ctx);
  bool hidden = false;
};

} // namespace pave::cli
