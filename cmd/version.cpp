// pave version: thin adapter over actions::version_info.
#include <CLI/CLI.hpp>

#include <pave/actions/version.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_version(CLI::App& app, cli::Context& ctx)
{
  cli::on_run(app, ctx, [&ctx] {
    const auto v = actions::version_info();
    nlohmann::ordered_json j;
    j["version"] = v.version;
    j["commit"] = v.commit;
    j["build_type"] = v.build_type;
    j["libraries"] = nlohmann::ordered_json::object();
    for (const auto& [name, ver] : v.libraries) {
      j["libraries"][name] = ver;
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      out << "pave " << v.version << " (commit " << v.commit << ", " << v.build_type << ")\n";
      cli::Table t({"LIBRARY", "VERSION"});
      for (const auto& [name, ver] : v.libraries) {
        t.add({name, ver});
      }
      t.print(out, ctx.out_style());
    });
  });
}

} // namespace pave::cmd
