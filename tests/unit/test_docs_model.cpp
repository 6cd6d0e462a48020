#include <doctest/doctest.h>

#include <sstream>

#include <pave/cli/app.hpp>
#include <pave/docs/completion.hpp>
#include <pave/docs/man.hpp>

#include "cmd/commands.hpp"

using namespace pave;

namespace {

void collect(const docs::CommandDoc& d, std::vector<const docs::CommandDoc*>& out)
{
  out.push_back(&d);
  for (const auto& s : d.subcommands) {
    collect(s, out);
  }
}

} // namespace

TEST_CASE("docs: every subcommand and flag appears in the man pages and every completion script")
{
  std::ostringstream out, err;
  cli::Context ctx(out, err);
  auto app = cli::build_app(ctx, cmd::commands());
  const auto model = docs::describe(*app, cmd::commands());
  const auto pages = docs::man_pages(model, "0");
  std::string all_man;
  for (const auto& [name, text] : pages) {
    all_man += text;
  }
  const std::string bash = *docs::completion_script(model, "bash");
  const std::string zsh = *docs::completion_script(model, "zsh");
  const std::string fish = *docs::completion_script(model, "fish");

  std::vector<const docs::CommandDoc*> all;
  collect(model, all);
  CHECK(all.size() > 5);
  for (const auto* d : all) {
    if (!d->path.empty()) {
      INFO("command: " << d->path);
      CHECK(bash.find(d->name) != std::string::npos);
      CHECK(zsh.find(d->name) != std::string::npos);
      CHECK(fish.find(d->name) != std::string::npos);
      // roff escapes '-' as "\-" (cost-report)
      std::string escaped_name;
      for (char c : d->name) {
        escaped_name += c == '-' ? std::string("\\-") : std::string(1, c);
      }
      CHECK(all_man.find(escaped_name) != std::string::npos);
    }
    if (d->path.find(' ') == std::string::npos && !d->path.empty()) {
      CHECK(pages.count("pave-" + d->name + ".1") == 1);
      CHECK(!d->example.empty());
    }
    for (const auto& o : d->options) {
      for (const auto& l : o.longs) {
        INFO("flag --" << l << " of " << d->path);
        CHECK(bash.find("--" + l) != std::string::npos);
        CHECK(zsh.find("--" + l) != std::string::npos);
        CHECK(fish.find("-l " + l) != std::string::npos);
        // roff escapes '-' as "\-"
        std::string escaped;
        for (char c : l) {
          escaped += c == '-' ? std::string("\\-") : std::string(1, c);
        }
        CHECK(all_man.find("\\-\\-" + escaped) != std::string::npos);
      }
    }
  }
  CHECK_FALSE(docs::completion_script(model, "tcsh"));
  CHECK(docs::completion_script(model, "tcsh").error().message == "unsupported shell \"tcsh\" (bash, zsh or fish)");
}
