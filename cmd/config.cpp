// pave config show: the effective settings and their origins.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_config(CLI::App& app, cli::Context& ctx)
{
  app.require_subcommand(1);
  auto* show = app.add_subcommand("show", "Print every setting, its value and where it came from");
  show->footer("\nExamples:\n  pave config show\n  pave config show --output json\n");
  cli::on_run(*show, ctx, [&ctx] {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    cli::Table t({"KEY", "VALUE", "ORIGIN", "SOURCE"});
    for (const auto& spec : config::key_table()) {
      const auto& s = ctx.settings().setting(spec.key);
      nlohmann::ordered_json row;
      row["key"] = spec.key;
      row["value"] = s.value;
      row["origin"] = config::origin_name(s.origin);
      row["source"] = s.source;
      row["env"] = spec.env;
      row["description"] = spec.description;
      j.push_back(row);
      t.add({std::string(spec.key), s.value.empty() ? "\"\"" : s.value, std::string(config::origin_name(s.origin)),
             s.source});
    }
    cli::emit(ctx, j, [&](std::ostream& out) { t.print(out, ctx.out_style()); });
  });
}

} // namespace pave::cmd
