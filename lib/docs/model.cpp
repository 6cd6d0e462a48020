#include <pave/docs/model.hpp>

#include <CLI/CLI.hpp>

#include <pave/cli/command.hpp>

namespace pave::docs {

namespace {

/// Choices of an option from its CLI::IsMember check, parsed from the
/// validator description "{a,b,c}".
std::vector<std::string> choices_of(const CLI::Option* opt)
{
  std::vector<std::string> out;
  const std::string desc = opt->get_type_name();
  const auto open = desc.find('{');
  const auto close = desc.find('}', open);
  if (open == std::string::npos || close == std::string::npos) {
    return out;
  }
  std::string item;
  for (char c : desc.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty()) {
    out.push_back(item);
  }
  return out;
}

std::string value_name(const CLI::Option* opt)
{
  std::string t = opt->get_type_name();
  const auto space = t.find(' ');
  if (space != std::string::npos) {
    t = t.substr(0, space);
  }
  if (const auto colon = t.find(':'); colon != std::string::npos) {
    t = t.substr(0, colon);
  }
  return t.empty() || t == "TEXT" ? "VALUE" : t;
}

CommandDoc describe_app(const CLI::App& app, const std::string& path, std::span<const cli::CommandSpec> table)
{
  CommandDoc d;
  d.name = app.get_name();
  d.path = path;
  d.summary = app.get_description();
  for (const auto& spec : table) {
    if (spec.name == d.name && path.find(' ') == std::string::npos) {
      d.example = spec.example;
      d.description = spec.description;
    }
  }
  if (d.example.empty()) {
    const std::string footer = app.get_footer();
    const std::string marker = "Examples:\n";
    if (const auto at = footer.find(marker); at != std::string::npos) {
      std::string ex;
      for (const auto& line : CLI::detail::split(footer.substr(at + marker.size()), '\n')) {
        if (line.size() > 2) {
          ex += (ex.empty() ? "" : "\n") + line.substr(2);
        }
      }
      d.example = ex;
    }
  }
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) {
      continue;
    }
    if (opt->get_positional() && opt->get_lnames().empty() && opt->get_snames().empty()) {
      d.positionals.push_back({opt->get_name(), opt->get_description(), choices_of(opt)});
      continue;
    }
    OptionDoc o;
    o.shorts = opt->get_snames();
    o.longs = opt->get_lnames();
    o.description = opt->get_description();
    if (opt->get_type_size() != 0) {
      o.value_name = value_name(opt);
      o.choices = choices_of(opt);
    }
    d.options.push_back(std::move(o));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) {
      continue;
    }
    d.subcommands.push_back(describe_app(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), table));
  }
  return d;
}

} // namespace

CommandDoc describe(const CLI::App& root, std::span<const cli::CommandSpec> table)
{
  return describe_app(root, "", table);
}

std::string option_label(const OptionDoc& o)
{
  std::string out;
  for (const auto& s : o.shorts) {
    out += (out.empty() ? "-" : ", -") + s;
  }
  for (const auto& l : o.longs) {
    out += (out.empty() ? "--" : ", --") + l;
  }
  return out;
}

} // namespace pave::docs
