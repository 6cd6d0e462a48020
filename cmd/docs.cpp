// pave __docs MANDIR COMPLETIONDIR (hidden): writes the man pages and
// completion scripts that are committed under man/ and completions/.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>
#include <pave/docs/completion.hpp>
#include <pave/docs/man.hpp>
#include <pave/util/fs.hpp>
#include <pave_build_info.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_docs(CLI::App& app, cli::Context& ctx)
{
  auto dirs = std::make_shared<std::pair<std::string, std::string>>();
  app.add_option("mandir", dirs->first, "Directory for man pages")->required();
  app.add_option("completiondir", dirs->second, "Directory for completion scripts")->required();
  cli::on_run(app, ctx, [dirs, &app] {
    const auto model = docs::describe(*app.get_parent(), commands());
    for (const auto& [name, text] : docs::man_pages(model, PAVE_VERSION)) {
      util::value_or_throw(util::write_file_atomic(std::filesystem::path(dirs->first) / name, text));
    }
    const std::pair<const char*, const char*> files[] = {{"bash", "pave.bash"}, {"zsh", "_pave"}, {"fish", "pave.fish"}};
    for (const auto& [shell, file] : files) {
      const auto script = util::value_or_throw(docs::completion_script(model, shell));
      util::value_or_throw(util::write_file_atomic(std::filesystem::path(dirs->second) / file, script));
    }
  });
}

} // namespace pave::cmd
