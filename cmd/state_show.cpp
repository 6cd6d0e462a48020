// pave state show: thin adapter over actions::state_show.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_show(CLI::App& app, cli::Context& ctx)
{
  auto address = std::make_shared<std::string>();
  app.add_option("address", *address, "Address of the resource (see `pave state list`)")->required();
  add_state_flags(app, ctx, false);
  app.footer("\nExamples:\n  pave state show k8s:apps/v1/Deployment/shop/web\n"
             "  pave state show k8s:v1/Service/shop/web --output json\n");
  cli::on_run(app, ctx, [&ctx, address] {
    const auto o = state_options(ctx);
    const auto r = util::value_or_throw(actions::state_show(o, *address));
    nlohmann::ordered_json j;
    j["address"] = r.address;
    j["app"] = r.app;
    j["api_version"] = r.api_version;
    j["kind"] = r.kind;
    j["namespace"] = r.namespace_;
    j["name"] = r.name;
    j["revision"] = r.revision;
    j["digest"] = r.digest;
    j["applied"] = nlohmann::ordered_json(r.applied);
    cli::emit(ctx, j, [&](std::ostream& out) {
      out << "# " << r.address << " (app " << (r.app.empty() ? "-" : r.app) << ", revision " << r.revision << ", "
          << r.digest << ")\n";
      out << cli::to_yaml_text(j["applied"]);
    });
  });
}

} // namespace pave::cmd
