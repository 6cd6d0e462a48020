#pragma once
/// Totals of line items by a grouping key: environment, app, namespace,
/// kind, or tag:KEY (a label of Kubernetes objects, a tag of cloud resources).
#include <string>
#include <string_view>
#include <vector>

#include <pave/cost/estimate.hpp>
#include <pave/util/expected.hpp>

namespace pave::cost {

struct GroupTotal
{
  std::string key;        ///< "(none)" for items without the key (no app, no such tag)
  int resources = 0;
  double monthly = 0;
  double monthly_max = 0;
};

/// Checks a --group-by value. Error: `--group-by: "nmespace" is not one of
/// environment, app, namespace, kind, tag:KEY (did you mean "namespace"?)`.
util::Result<void> check_group_by(std::string_view by);

/// The group of `item` under `by` (a view of the item's field, or "(none)").
std::string_view group_key(const LineItem& item, std::string_view by);

/// Totals by group over every item of `estimates`, largest monthly first
/// (ties by key).
std::vector<GroupTotal> group_totals(const std::vector<Estimate>& estimates, std::string_view by);

} // namespace pave::cost
