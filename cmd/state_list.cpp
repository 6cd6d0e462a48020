// pave state list: thin adapter over actions::state_read.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_list(CLI::App& app, cli::Context& ctx)
{
  add_state_flags(app, ctx, false);
  app.footer("\nExamples:\n  pave state list\n  pave state list -e prod --output json\n");
  cli::on_run(app, ctx, [&ctx] {
    const auto o = state_options(ctx);
    const auto snap = util::value_or_throw(actions::state_read(o));
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["store"] = snap.store;
    j["serial"] = snap.state ? snap.state->serial : 0;
    j["lineage"] = snap.state ? snap.state->lineage : "";
    j["resources"] = nlohmann::ordered_json::array();
    cli::Table t({"ADDRESS", "APP", "KIND", "REVISION"});
    if (snap.state) {
      for (const auto& r : snap.state->resources) {
        nlohmann::ordered_json rj;
        rj["address"] = r.address;
        rj["app"] = r.app;
        rj["api_version"] = r.api_version;
        rj["kind"] = r.kind;
        rj["namespace"] = r.namespace_;
        rj["name"] = r.name;
        rj["revision"] = r.revision;
        rj["digest"] = r.digest;
        j["resources"].push_back(std::move(rj));
        t.add({r.address, r.app, r.kind, std::to_string(r.revision)});
      }
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (!snap.state) {
        out << "There is no state for environment " << o.environment << " yet (" << snap.store << ").\n";
      } else if (t.empty()) {
        out << "No resources in the state of " << o.environment << " (serial " << snap.state->serial << ").\n";
      } else {
        t.print(out, ctx.out_style());
      }
    });
  });
}

} // namespace pave::cmd
