#include <pave/cost/group.hpp>

#include <algorithm>
#include <map>

#include <pave/cost/hint.hpp>

namespace pave::cost {

namespace {

constexpr std::string_view k_groups[] = {"environment", "app", "namespace", "kind"};

std::string_view or_none(const std::string& s)
{
  return s.empty() ? std::string_view("(none)") : std::string_view(s);
}

} // namespace

util::Result<void> check_group_by(std::string_view by)
{
  if (by.starts_with("tag:") && by.size() > 4) {
    return {};
  }
  for (const auto g : k_groups) {
    if (g == by) {
      return {};
    }
  }
  return util::fail("--group-by: \"{}\" is not one of environment, app, namespace, kind, tag:KEY{}", by,
                    did_you_mean_hint(by, k_groups));
}

std::string_view group_key(const LineItem& item, std::string_view by)
{
  if (by == "environment") {
    return or_none(item.environment);
  }
  if (by == "app") {
    return or_none(item.app);
  }
  if (by == "namespace") {
    return or_none(item.namespace_);
  }
  if (by == "kind") {
    return or_none(item.kind);
  }
  if (by.starts_with("tag:")) {
    const auto it = item.tags.find(std::string(by.substr(4)));
    return it == item.tags.end() ? std::string_view("(none)") : or_none(it->second);
  }
  return "(none)";
}

std::vector<GroupTotal> group_totals(const std::vector<Estimate>& estimates, std::string_view by)
{
  std::map<std::string, GroupTotal, std::less<>> groups;
  for (const auto& e : estimates) {
    for (const auto& item : e.items) {
      const std::string_view key = group_key(item, by);
      auto it = groups.find(key);
      if (it == groups.end()) {
        it = groups.emplace(std::string(key), GroupTotal{}).first;
        it->second.key = std::string(key);
      }
      GroupTotal& g = it->second;
      ++g.resources;
      g.monthly += item.monthly;
      g.monthly_max += item.monthly_max;
    }
  }
  std::vector<GroupTotal> out;
  out.reserve(groups.size());
  for (auto& [k, g] : groups) {
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const GroupTotal& a, const GroupTotal& b) {
    if (round_cents(a.monthly) != round_cents(b.monthly)) {
      return a.monthly > b.monthly;
    }
    return a.key < b.key;
  });
  return out;
}

} // namespace pave::cost
