// pave state rm: thin adapter over actions::state_rm.
#include <CLI/CLI.hpp>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

void setup_state_rm(CLI::App& app, cli::Context& ctx)
{
  auto addresses = std::make_shared<std::vector<std::string>>();
  app.add_option("addresses", *addresses, "Addresses of the resources to forget")->required();
  add_state_flags(app, ctx, true);
  app.footer("\nExamples:\n  pave state rm k8s:v1/ConfigMap/shop/legacy\n"
             "  pave state rm -e prod --lock-timeout 1m k8s:v1/Service/shop/a k8s:v1/Service/shop/b\n");
  cli::on_run(app, ctx, [&ctx, addresses] {
    const auto o = state_options(ctx);
    const auto c = util::value_or_throw(actions::state_rm(o, *addresses));
    print_warnings(ctx, c.warnings);
    nlohmann::ordered_json j;
    j["environment"] = o.environment;
    j["store"] = c.store;
    j["removed"] = c.removed;
    j["serial"] = c.serial;
    j["revision"] = c.revision;
    j["resources"] = c.resources;
    cli::emit(ctx, j, [&](std::ostream& out) {
      for (const auto& a : c.removed) {
        out << "Removed " << a << "\n";
      }
      out << "Forgot " << c.removed.size() << " resource(s) in the state of " << o.environment << " (serial "
          << c.serial << ", revision " << c.revision << "); live objects were not touched.\n";
    });
  });
}

} // namespace pave::cmd
