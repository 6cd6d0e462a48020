// pave validate: thin adapter over actions::validate.
#include <CLI/CLI.hpp>

#include <pave/actions/validate.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_validate(CLI::App& app, cli::Context& ctx)
{
  app.preparse_callback([&ctx](std::size_t) { ctx.tolerate_file_settings(); });
  cli::on_run(app, ctx, [&ctx] {
    actions::ValidateOptions o;
    o.project_file = ctx.setting("project_file");
    const auto r = util::value_or_throw(actions::validate(o));
    const bool ok = !r.diagnostics.has_errors();
    nlohmann::ordered_json j;
    j["file"] = r.file;
    j["valid"] = ok;
    j["environments"] = r.environments;
    j["apps"] = r.apps;
    j["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : r.diagnostics.items()) {
      nlohmann::ordered_json dj;
      dj["severity"] = d.severity == util::Severity::error ? "error" : "warning";
      dj["location"] = d.location;
      dj["summary"] = d.summary;
      dj["detail"] = d.detail;
      j["diagnostics"].push_back(dj);
    }
    if (ctx.setting("output") == "table") {
      ctx.print_diagnostics(r.diagnostics);
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (ok) {
        out << r.file << ": " << ctx.out_style().green("valid") << " (" << r.environments << " environment(s), "
            << r.apps << " app(s))\n";
      }
    });
    if (!ok) {
      throw util::Fatal(util::Error{fmt::format("{}: {} error(s)", r.file, r.diagnostics.error_count())});
    }
  });
}

} // namespace pave::cmd
