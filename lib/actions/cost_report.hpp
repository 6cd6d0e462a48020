#pragma once
/// `pave cost-report`: estimated monthly cost of environments (their desired
/// state, their recorded state, or a saved plan's change), actual spend from
/// AWS Cost Explorer, and budgets. docs/cost.md describes it.
#include <optional>
#include <string>
#include <vector>

#include <pave/cost/report.hpp>
#include <pave/project/project.hpp>

namespace pave::actions {

struct CostReportOptions
{
  std::vector<std::string> environments; ///< which environments (desired or state); empty = every one
  std::string source = "desired";        ///< "desired" (render + [cloud]), "state" (recorded)
  std::string plan_file;                 ///< --plan: the cost change of a saved plan
  std::string state_dir = ".pave/state"; ///< the state_dir setting
  std::string group_by = "app";
  std::string usage_file;                ///< --usage-file (overrides [cost] usage_file)
  std::optional<double> budget;          ///< --budget: for every environment reported
  bool refresh_prices = false;
  std::string price_cache;               ///< --price-cache (overrides [cost] price_cache)
  bool actual = false;                   ///< --actual: read Cost Explorer
  std::string actual_start, actual_end;  ///< YYYY-MM-DD; empty = this month so far (last month on the 1st)
  std::string granularity = "monthly";
  std::string actual_group_by = "service";
  std::string metric = "UnblendedCost";
  std::string today;                     ///< YYYY-MM-DD (the clock's, injected for tests)
};

struct CostReportResult
{
  cost::Report report;
  std::vector<std::string> notes; ///< "refreshed 96 instance prices ... into FILE" (stderr)
  /// The first budget exceeded (exit code 3), or nullopt.
  std::optional<cost::BudgetCheck> exceeded;
};

/// Builds the report. Errors: [cost] or usage file problems, unknown
/// environments, catalog gaps (region, node type), rendering, state or AWS failures.
util::Result<CostReportResult> cost_report(const project::Project& project, const CostReportOptions& options);

} // namespace pave::actions
