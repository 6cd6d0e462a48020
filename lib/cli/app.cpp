#include <pave/cli/app.hpp>

#include <pave_build_info.hpp>

namespace pave::cli {

std::string example_footer(std::string_view example)
{
  if (example.empty()) {
    return {};
  }
  std::string out = "\nExamples:\n";
  std::size_t start = 0;
  while (start < example.size()) {
    auto nl = example.find('\n', start);
    if (nl == std::string_view::npos) {
      nl = example.size();
    }
    out += "  ";
    out += example.substr(start, nl - start);
    out += '\n';
    start = nl + 1;
  }
  return out;
}

std::string wrap(std::string_view text, std::size_t width)
{
  std::string out;
  std::size_t col = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const auto word = text.substr(start, end - start);
    if (col > 0 && col + 1 + word.size() > width) {
      out += '\n';
      col = 0;
    } else if (col > 0) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    start = end + 1;
  }
  return out + "\n";
}

std::optional<std::string_view> selected_command(int argc, const char* const* argv,
                                                 std::span<const CommandSpec> commands)
{
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help-all") {
      return std::nullopt;
    }
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-o" || arg == "--output" || arg == "--color" || arg == "--log-format" || arg == "-e" ||
        arg == "--env" || arg == "--project") {
      ++i; // the flag's value
      continue;
    }
    if (arg.starts_with("-")) {
      continue;
    }
    if (arg == "completion" || arg == "__docs") {
      return std::nullopt;
    }
    for (const auto& spec : commands) {
      if (spec.name == arg && spec.setup != nullptr) {
        return spec.name;
      }
    }
    return std::nullopt;
  }
  return std::string_view();
}

std::unique_ptr<CLI::App> build_app(Context& ctx, std::span<const CommandSpec> commands,
                                    std::optional<std::string_view> only)
{
  auto app = std::make_unique<CLI::App>(
    "pave takes a team from charts and a cloud account to deployed, observable, recoverable and costed "
    "infrastructure.",
    "pave");
  app->set_version_flag("--version", std::string("pave ") + PAVE_VERSION + " (" + PAVE_GIT_COMMIT + ")");
  app->require_subcommand(1);
  app->fallthrough();
  app->footer(example_footer("pave init --yes --name shop --template web-service\n"
                             "pave render charts/web -f values/dev.yaml\n"
                             "pave --help-all"));
  app->set_help_all_flag("--help-all", "Print help for every command");

  auto& f = ctx.flags;
  app->add_option("-o,--output", f.output, "Format of data on stdout: table, json or yaml")
    ->check(CLI::IsMember({"table", "json", "yaml"}))
    ->group("Global flags");
  app->add_option("--color", f.color, "Colour: auto (only on a terminal, never with NO_COLOR), always or never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->group("Global flags");
  app->add_option("--log-format", f.log_format, "Format of log lines on stderr: text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->group("Global flags");
  app->add_flag("-v,--verbose", f.verbose, "More log output on stderr (repeat for more)")->group("Global flags");
  app->add_flag("-q,--quiet", f.quiet, "Only errors on stderr")->group("Global flags");
  app->add_option("-e,--env", f.env, "Environment of pave.toml to act on")->group("Global flags");
  app->add_option("--project", f.project, "Project file (default pave.toml)")->group("Global flags");
  // A repeated single-value flag takes its last value, like Helm and kubectl.
  for (const char* name : {"--output", "--color", "--log-format", "--env", "--project"}) {
    app->get_option(name)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }

  for (const auto& spec : commands) {
    if (spec.setup == nullptr) {
      continue; // not built yet
    }
    if (only && !only->empty() && spec.name != *only) {
      continue; // another command runs: this one is never shown
    }
    CLI::App* sub = app->add_subcommand(std::string(spec.name), std::string(spec.summary));
    if (spec.hidden) {
      sub->group("");
    }
    if (only && spec.name != *only) {
      continue; // only its name and summary show (in `pave --help`)
    }
    std::string footer;
    if (!spec.description.empty()) {
      footer = "\n" + wrap(spec.description, 100);
    }
    sub->footer(footer + example_footer(spec.example));
    spec.setup(*sub, ctx);
  }
  return app;
}

} // namespace pave::cli
