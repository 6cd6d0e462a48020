// pave cost-report: thin adapter over actions::cost_report.
#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>

#include <pave/actions/cost_report.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/heap.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

namespace {

/// Writes the report in `format` (table, json, csv, markdown, html).
void render(std::ostream& out, const cost::Report& r, const std::string& format)
{
  if (format == "json") {
    cost::write_json(out, r);
  } else if (format == "csv") {
    cost::write_csv(out, r);
  } else if (format == "markdown") {
    cost::write_markdown(out, r);
  } else if (format == "html") {
    cost::write_html(out, r);
  } else {
    cost::write_table(out, r);
  }
}

} // namespace

void setup_cost_report(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::CostReportOptions>();
  auto format = std::make_shared<std::string>();
  auto out_file = std::make_shared<std::string>();
  auto use_state = std::make_shared<bool>(false);
  auto budget = std::make_shared<double>(0);
  app.add_option("--format", *format, "Report format: table, json, csv, markdown (a PR comment), html (charts)")
    ->check(CLI::IsMember({"table", "json", "csv", "markdown", "html"}));
  app.add_option("--out", *out_file, "Write the report to FILE instead of standard output");
  app.add_flag("--state", *use_state, "Price the recorded state (what runs now) instead of the desired state");
  app.add_option("--plan", o->plan_file, "Show the monthly cost change of a saved plan (pave plan --out FILE)");
  app.add_option("--group-by", o->group_by, "Group totals by environment, app, namespace, kind or tag:KEY")
    ->capture_default_str();
  app.add_option("--budget", *budget, "Monthly budget (USD) of each environment reported; exit 3 when exceeded")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--usage-file", o->usage_file, "Usage assumptions (YAML; default [cost] usage_file)");
  app.add_flag("--refresh-prices", o->refresh_prices, "Update the local price cache from the AWS Price List API first");
  app.add_option("--price-cache", o->price_cache, "Price cache file (default [cost] price_cache, else the user cache)");
  app.add_flag("--actual", o->actual, "Add actual spend from AWS Cost Explorer (GetCostAndUsage)");
  app.add_option("--actual-start", o->actual_start, "First day of the actual spend period (YYYY-MM-DD)");
  app.add_option("--actual-end", o->actual_end, "Day after the actual spend period (YYYY-MM-DD, exclusive)");
  app.add_option("--granularity", o->granularity, "Cost Explorer granularity: daily, monthly, hourly")
    ->check(CLI::IsMember({"daily", "monthly", "hourly"}))
    ->capture_default_str();
  app.add_option("--actual-group-by", o->actual_group_by, "Group actual spend by service or tag:KEY")
    ->capture_default_str();
  add_state_flags(app, ctx, false);
  cli::on_run(app, ctx, [o, format, out_file, use_state, budget, &ctx, &app] {
    const auto* project = util::value_or_throw(ctx.project());
    o->state_dir = ctx.setting("state_dir");
    o->source = *use_state ? "state" : "desired";
    if (app.count("--budget") > 0) {
      o->budget = *budget;
    }
    if (ctx.settings().setting("environment").source != "default") {
      o->environments = {ctx.setting("environment")};
    }
    if (!o->plan_file.empty() && *use_state) {
      throw util::Fatal(util::Error{"--plan and --state exclude each other", "", util::ExitCode::usage});
    }
    o->today = util::now_rfc3339().substr(0, 10);
    util::use_growing_heap(); // a large state's line items are allocated on worker threads
    auto kept = std::make_shared<const actions::CostReportResult>(util::value_or_throw(actions::cost_report(*project, *o)));
    const actions::CostReportResult& result = *kept;
    for (const auto& note : result.notes) {
      ctx.err() << "pave: " << note << "\n";
    }
    std::string fmt_name = *format;
    if (fmt_name.empty()) {
      fmt_name = ctx.setting("output") == "json" ? "json" : "table";
    }
    if (!out_file->empty()) {
      std::ostringstream text;
      render(text, result.report, fmt_name);
      util::value_or_throw(util::write_file_atomic(*out_file, text.view()));
    } else {
      render(ctx.out(), result.report, fmt_name); // streamed: a large report is never held whole
    }
    for (const auto& w : result.report.warnings) {
      ctx.err() << "pave: warning: " << w << "\n";
    }
    if (result.exceeded) {
      const auto& b = *result.exceeded;
      ctx.print_error(util::Error{
        fmt::format("budget exceeded: {} {} is {} a month, {} over its budget of {} ({})", b.environment, b.what,
                    cost::money(b.amount), cost::money(b.overshoot()), cost::money(b.budget), b.origin),
        "", util::ExitCode::budget_exceeded});
      ctx.exit_code = static_cast<int>(util::ExitCode::budget_exceeded);
    }
    util::park_until_exit(std::move(kept)); // the command ends here
  });
}

} // namespace pave::cmd
