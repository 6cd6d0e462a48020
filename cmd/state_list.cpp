// pave state list: thin adapter over actions::state_read_file.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>
#include <pave/state/state_reader.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_list(CLI::App& app, cli::Context& ctx)
{
  add_state_flags(app, ctx, false);
  app.footer("\nExamples:\n  pave state list\n  pave state list -e prod --output json\n");
  cli::on_run(app, ctx, [&ctx] {
    const auto o = state_options(ctx);
    const auto snap = util::value_or_throw(actions::state_read_file(o));
    const state::StateFile* f = snap.file.get();
    const bool data = ctx.setting("output") != "table"; // JSON or YAML: the records as data
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["store"] = snap.store;
    j["serial"] = f != nullptr ? f->header().serial : 0;
    j["lineage"] = f != nullptr ? f->header().lineage : "";
    j["resources"] = nlohmann::ordered_json::array();
    cli::Table t({"ADDRESS", "APP", "KIND", "REVISION"});
    simdjson::dom::parser parser;
    for (std::size_t i = 0; f != nullptr && i < f->resource_count(); ++i) {
      const auto r = util::value_or_throw(f->resource(i, parser));
      if (data) {
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
      } else {
        t.add({std::string(r.address), std::string(r.app), std::string(r.kind), std::to_string(r.revision)});
      }
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (f == nullptr) {
        out << "There is no state for environment " << o.environment << " yet (" << snap.store << ").\n";
      } else if (t.empty()) {
        out << "No resources in the state of " << o.environment << " (serial " << f->header().serial << ").\n";
      } else {
        t.print(out, ctx.out_style());
      }
    });
  });
}

} // namespace pave::cmd
