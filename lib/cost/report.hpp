#pragma once
/// A cost report as data, and its views: table (terminal), JSON (stable,
/// docs/cost.md), CSV (one row per resource), Markdown (a pull-request
/// comment) and HTML (one self-contained file with inline SVG charts).
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <pave/cost/actual.hpp>
#include <pave/cost/diff.hpp>
#include <pave/cost/estimate.hpp>
#include <pave/cost/group.hpp>

namespace pave::cost {

inline constexpr int k_report_format = 1;

/// A budget compared with a monthly figure.
struct BudgetCheck
{
  std::string environment;
  std::string what;     ///< "estimate" or "plan"
  std::string origin;   ///< "--budget" or "pave.toml [cost.budgets]"
  double budget = 0;
  double amount = 0;
  bool exceeded() const { return round_cents(amount) > round_cents(budget); }
  double overshoot() const { return amount - budget; }
};

struct Report
{
  std::string source;          ///< "desired", "state" or "plan"
  std::string group_by = "app";
  std::string currency = "USD";
  std::string catalog_source, catalog_date, region;
  std::vector<Estimate> estimates;  ///< one per environment (source desired or state)
  std::vector<GroupTotal> groups;   ///< totals by group_by over estimates (or the plan's after side)
  std::optional<CostDiff> diff;     ///< source plan
  std::optional<ActualSpend> actual;
  std::vector<BudgetCheck> budgets;
  std::vector<std::string> warnings;
};

/// "$1,234.56" ("-$3.20" for negatives).
std::string money(double amount);
/// "+$12.00" / "-$3.20" / "$0.00".
std::string signed_money(double amount);

/// The JSON view (format k_report_format, docs/cost.md), amounts rounded to
/// cents: 2-space indented, with a final newline. Streamed: a report of
/// 100,000 resources is never a JSON tree in memory.
void write_json(std::ostream& out, const Report& r);

/// Aligned tables for a terminal: totals, groups, resources, budgets.
void write_table(std::ostream& out, const Report& r);
/// One row per resource (or per diff line), RFC 4180 quoting.
void write_csv(std::ostream& out, const Report& r);
/// A pull-request comment.
void write_markdown(std::ostream& out, const Report& r);
/// One self-contained HTML page with inline SVG bar charts (cost by group,
/// estimate against actual) and the tables; no external resources.
void write_html(std::ostream& out, const Report& r);

} // namespace pave::cost
