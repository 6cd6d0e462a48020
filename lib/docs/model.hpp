#pragma once
/// A plain description of the command tree, taken from the CLI11 app built
/// from the command table. Man pages and completions are generated from it.
#include <span>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace pave::cli {
struct CommandSpec;
}

namespace pave::docs {

struct OptionDoc
{
  std::vector<std::string> shorts; ///< without '-'
  std::vector<std::string> longs;  ///< without "--"
  std::string description;
  std::string value_name;          ///< empty for flags
  std::vector<std::string> choices;
};

struct PositionalDoc
{
  std::string name;
  std::string description;
  std::vector<std::string> choices;
};

struct CommandDoc
{
  std::string name;   ///< "show"
  std::string path;   ///< "config show"
  std::string summary;
  std::string description;
  std::string example;
  std::vector<OptionDoc> options;
  std::vector<PositionalDoc> positionals;
  std::vector<CommandDoc> subcommands;
};

/// The documentation model of `root` (the `pave` app). Hidden subcommands
/// are left out; descriptions and examples come from `table` where it has them.
CommandDoc describe(const CLI::App& root, std::span<const cli::CommandSpec> table);

/// "-o, --output" style label of an option.
std::string option_label(const OptionDoc& o);

} // namespace pave::docs
