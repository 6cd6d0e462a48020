// pave demo: thin adapter over actions::demo.
#include <CLI/CLI.hpp>

#include <pave/actions/demo.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_demo(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::DemoOptions>();
  auto dir_holder = std::make_shared<std::string>();
  app.add_option("--dir", *dir_holder, "Work in this directory instead of a temporary one (kept)");
  app.add_flag("--keep", o->keep, "Keep the temporary directory");
  cli::on_run(app, ctx, [o, dir_holder, &ctx] {
    o->dir = *dir_holder;
    const auto r = util::value_or_throw(actions::demo(*o));
    nlohmann::ordered_json j;
    j["dir"] = r.dir.string();
    j["kept"] = r.kept;
    j["project"] = r.project;
    j["environment"] = r.environment;
    j["app"] = r.app;
    j["files"] = r.files;
    j["resources"] = r.resources;
    j["kinds"] = r.kinds;
    j["revision"] = r.revision;
    j["steps"] = nlohmann::ordered_json::array();
    for (const auto& s : r.steps) {
      j["steps"].push_back({{"step", s.name}, {"detail", s.detail}});
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      const auto& st = ctx.out_style();
      for (const auto& s : r.steps) {
        out << st.green("✓ ") << st.bold(s.name) << "  " << s.detail << '\n';
      }
      out << (r.kept ? "Project kept in " + r.dir.string() : std::string("Temporary project removed (use --keep to look at it)"))
          << '\n';
    });
  });
}

} // namespace pave::cmd
