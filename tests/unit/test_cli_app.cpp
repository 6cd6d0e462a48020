// The command tree: which command a command line runs, and building only its flags.
#include <doctest/doctest.h>

#include <sstream>
#include <vector>

#include <pave/cli/app.hpp>

#include "cmd/commands.hpp"

using namespace pave;

namespace {

std::optional<std::string_view> selected(std::vector<const char*> args)
{
  args.insert(args.begin(), "pave");
  return cli::selected_command(static_cast<int>(args.size()), args.data(), cmd::commands());
}

} // namespace

TEST_CASE("cli::selected_command")
{
  CHECK(selected({"render", "chart"}) == "render");
  CHECK(selected({"-o", "json", "--color", "never", "-v", "validate"}) == "validate");
  CHECK(selected({"--project", "render", "init"}) == "init"); // "render" is --project's value
  CHECK(selected({"render", "--help"}) == "render");
  // No command: none is built.
  CHECK(selected({"--version"}) == "");
  CHECK(selected({"--help"}) == "");
  CHECK(selected({}) == "");
  // Commands that describe all the others, --help-all and unknown words build everything.
  CHECK_FALSE(selected({"completion", "bash"}));
  CHECK_FALSE(selected({"__docs", "man"}));
  CHECK_FALSE(selected({"--help-all"}));
  CHECK_FALSE(selected({"render", "--help-all"}));
  CHECK_FALSE(selected({"rendr", "chart"}));
}

TEST_CASE("cli::build_app with only one command")
{
  std::ostringstream out, err;
  cli::Context ctx(out, err);
  SUBCASE("a command runs: only it is added, with its flags")
  {
    auto app = cli::build_app(ctx, cmd::commands(), "render");
    CHECK(app->get_subcommands({}).size() == 1);
    CHECK_THROWS(app->get_subcommand("init"));
    CHECK(app->get_subcommand("render")->get_option_no_throw("--set") != nullptr);
  }
  SUBCASE("no command (pave --help): every command is listed, none has its flags")
  {
    auto app = cli::build_app(ctx, cmd::commands(), std::string_view());
    CHECK(app->get_subcommand("init") != nullptr);
    CHECK(app->get_subcommand("init")->get_options().size() < 3);
    CHECK(app->get_subcommand("render")->get_option_no_throw("--set") == nullptr);
  }
}
