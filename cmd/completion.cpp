// pave completion SHELL: prints a completion script generated from the command table.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>
#include <pave/docs/completion.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_completion(CLI::App& app, cli::Context& ctx)
{
  auto shell = std::make_shared<std::string>();
  app.add_option("shell", *shell, "Shell: bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cli::on_run(app, ctx, [shell, &ctx, &app] {
    const auto model = docs::describe(*app.get_parent(), commands());
    ctx.out() << util::value_or_throw(docs::completion_script(model, *shell));
  });
}

} // namespace pave::cmd
