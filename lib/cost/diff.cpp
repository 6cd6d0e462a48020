#include <pave/cost/diff.hpp>

#include <map>

namespace pave::cost {

CostDiff diff(const Estimate& before, const Estimate& after, const std::map<std::string, std::string>& actions)
{
  CostDiff d;
  d.environment = after.environment.empty() ? before.environment : after.environment;
  d.before = before.monthly;
  d.after = after.monthly;
  d.before_max = before.monthly_max;
  d.after_max = after.monthly_max;
  std::map<std::string, DiffLine> lines;
  const auto line = [&](const LineItem& item) -> DiffLine& {
    auto& l = lines[item.address];
    l.address = item.address;
    l.app = item.app;
    l.kind = item.kind;
    l.namespace_ = item.namespace_;
    l.name = item.name;
    return l;
  };
  for (const auto& item : before.items) {
    auto& l = line(item);
    l.before = item.monthly;
    l.before_max = item.monthly_max;
    l.detail_before = item.detail;
  }
  for (const auto& item : after.items) {
    auto& l = line(item);
    l.after = item.monthly;
    l.after_max = item.monthly_max;
    l.detail_after = item.detail;
  }
  for (auto& [address, l] : lines) {
    const auto a = actions.find(address);
    l.action = a != actions.end() ? a->second : "update";
    const bool changed = round_cents(l.before) != round_cents(l.after) ||
                         round_cents(l.before_max) != round_cents(l.after_max);
    const bool acted = a != actions.end() && a->second != "no-op" && a->second != "update";
    if (changed || acted) {
      d.lines.push_back(std::move(l));
    }
  }
  return d;
}

} // namespace pave::cost
