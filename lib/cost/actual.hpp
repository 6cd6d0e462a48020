#pragma once
/// Actual spend from AWS Cost Explorer, summed over the period and by
/// group, to compare with the estimate.
#include <string>
#include <vector>

#include <pave/cloud/aws/cost_explorer.hpp>

namespace pave::cost {

struct ActualGroup
{
  std::string key;   ///< service name, or the tag's value ("(untagged)" for "team$")
  double amount = 0;
};

struct ActualPeriod
{
  std::string start, end;
  double amount = 0;
  bool estimated = false;
};

struct ActualSpend
{
  std::string start, end;    ///< YYYY-MM-DD, end exclusive
  std::string granularity;   ///< "MONTHLY" ...
  std::string metric;        ///< "UnblendedCost"
  std::string group_by;      ///< "service", "tag:team" or ""
  std::string unit = "USD";
  std::vector<ActualPeriod> periods;
  std::vector<ActualGroup> groups; ///< largest first
  double total = 0;
  int pages = 0;             ///< Cost Explorer requests made
};

/// Sums a GetCostAndUsage answer: per period (Total, or the sum of its
/// groups when grouped) and per group over the whole period.
ActualSpend summarize(const cloud::aws::cost_explorer::Response& r, const std::string& metric,
                      const std::string& group_by);

/// The Cost Explorer GroupBy of a --actual-group-by value: "service"
/// (DIMENSION SERVICE), "tag:KEY" (TAG KEY), "" (none). Error for anything else.
util::Result<std::vector<cloud::aws::cost_explorer::GroupBy>> actual_group_by(const std::string& by);

} // namespace pave::cost
