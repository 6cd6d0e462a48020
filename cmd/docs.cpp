// pave __docs MANDIR COMPLETIONDIR DOCSDIR (hidden): writes the man pages and
// completion scripts that are committed under man/ and completions/.
#include <array>

#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/run.hpp>
#include <pave/docs/completion.hpp>
#include <pave/docs/man.hpp>
#include <pave/docs/toml_reference.hpp>
#include <pave/util/fs.hpp>
#include <pave_build_info.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_docs(CLI::App& app, cli::Context& ctx)
{
  auto dirs = std::make_shared<std::array<std::string, 3>>();
  app.add_option("mandir", (*dirs)[0], "Directory for man pages")->required();
  app.add_option("completiondir", (*dirs)[1], "Directory for completion scripts")->required();
  app.add_option("docsdir", (*dirs)[2], "Directory for docs/pave-toml.md")->required();
  cli::on_run(app, ctx, [dirs, &app] {
    const auto model = docs::describe(*app.get_parent(), commands());
    for (const auto& [name, text] : docs::man_pages(model, PAVE_VERSION)) {
      util::value_or_throw(util::write_file_atomic(std::filesystem::path((*dirs)[0]) / name, text));
    }
    const std::pair<const char*, const char*> files[] = {{"bash", "pave.bash"}, {"zsh", "_pave"}, {"fish", "pave.fish"}};
    for (const auto& [shell, file] : files) {
      const auto script = util::value_or_throw(docs::completion_script(model, shell));
      util::value_or_throw(util::write_file_atomic(std::filesystem::path((*dirs)[1]) / file, script));
    }
    util::value_or_throw(util::write_file_atomic(std::filesystem::path((*dirs)[2]) / "pave-toml.md", docs::toml_reference()));
  });
}

} // namespace pave::cmd
