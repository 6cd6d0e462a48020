#include <pave/cost/actual.hpp>

#include <algorithm>
#include <map>

namespace pave::cost {

namespace ce = cloud::aws::cost_explorer;

ActualSpend summarize(const ce::Response& r, const std::string& metric, const std::string& group_by)
{
  ActualSpend a;
  a.metric = metric;
  a.group_by = group_by;
  a.pages = r.pages;
  std::map<std::string, double> groups;
  for (const auto& p : r.results) {
    ActualPeriod period{p.start, p.end, 0, p.estimated};
    if (p.groups.empty()) {
      const auto it = p.total.find(metric);
      if (it != p.total.end()) {
        period.amount = it->second.amount;
        a.unit = it->second.unit.empty() ? a.unit : it->second.unit;
      }
    }
    for (const auto& g : p.groups) {
      const auto it = g.metrics.find(metric);
      if (it == g.metrics.end()) {
        continue;
      }
      std::string key = g.keys.empty() ? std::string("(none)") : g.keys.front();
      if (group_by.starts_with("tag:")) {
        const auto dollar = key.find('$');
        key = dollar == std::string::npos ? key : key.substr(dollar + 1);
        key = key.empty() ? "(untagged)" : key;
      }
      groups[key] += it->second.amount;
      period.amount += it->second.amount;
      a.unit = it->second.unit.empty() ? a.unit : it->second.unit;
    }
    a.total += period.amount;
    a.periods.push_back(std::move(period));
  }
  if (!a.periods.empty()) {
    a.start = a.periods.front().start;
    a.end = a.periods.back().end;
  }
  for (const auto& [k, v] : groups) {
    a.groups.push_back({k, v});
  }
  std::stable_sort(a.groups.begin(), a.groups.end(),
                   [](const ActualGroup& x, const ActualGroup& y) { return x.amount > y.amount; });
  return a;
}

util::Result<std::vector<ce::GroupBy>> actual_group_by(const std::string& by)
{
  if (by.empty()) {
    return std::vector<ce::GroupBy>{};
  }
  if (by == "service") {
    return std::vector<ce::GroupBy>{{ce::GroupBy::Type::dimension, "SERVICE"}};
  }
  if (by.starts_with("tag:") && by.size() > 4) {
    return std::vector<ce::GroupBy>{{ce::GroupBy::Type::tag, by.substr(4)}};
  }
  return util::fail("--actual-group-by: \"{}\" is not service or tag:KEY", by);
}

} // namespace pave::cost
