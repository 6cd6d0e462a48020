// pave history: thin adapter over actions::history.
#include <CLI/CLI.hpp>

#include <pave/actions/history.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_history(CLI::App& app, cli::Context& ctx)
{
  add_state_flags(app, ctx, false);
  cli::on_run(app, ctx, [&ctx] {
    const auto o = state_options(ctx);
    const auto h = util::value_or_throw(actions::history(o));
    nlohmann::ordered_json j;
    j["environment"] = h.environment;
    j["store"] = h.store;
    j["revisions"] = nlohmann::ordered_json::array();
    cli::Table t({"REVISION", "TIME", "OPERATION", "STATUS", "DESCRIPTION"});
    for (const auto& r : h.revisions) {
      nlohmann::ordered_json rj;
      rj["revision"] = r.number;
      rj["time"] = r.time;
      rj["operation"] = r.operation;
      rj["status"] = r.status;
      rj["description"] = r.description;
      rj["apps"] = nlohmann::ordered_json(r.apps);
      rj["objects"] = r.objects.size();
      j["revisions"].push_back(std::move(rj));
      t.add({std::to_string(r.number), r.time, r.operation, r.status, r.description});
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (t.empty()) {
        out << "No revisions recorded for environment " << h.environment << ".\n";
      } else {
        t.print(out, ctx.out_style());
      }
    });
  });
}

} // namespace pave::cmd
