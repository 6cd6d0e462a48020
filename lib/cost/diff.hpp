#pragma once
/// The monthly cost change of a saved plan, line by line (like `infracost
/// diff`): the recorded state is priced before, the state with the plan's
/// changes applied is priced after, and every address whose cost changes
/// (or that the plan creates, replaces or deletes) is one line.
#include <map>
#include <string>
#include <vector>

#include <pave/cost/estimate.hpp>

namespace pave::cost {

struct DiffLine
{
  std::string action;      ///< the plan's action: "create", "update", "replace", "delete"
  std::string address, app, kind, namespace_, name;
  double before = 0, after = 0;         ///< monthly
  double before_max = 0, after_max = 0; ///< at maximum replicas
  std::string detail_before, detail_after;
  double delta() const { return after - before; }
};

struct CostDiff
{
  std::string environment;
  std::vector<DiffLine> lines; ///< by address
  double before = 0, after = 0, before_max = 0, after_max = 0;
  double delta() const { return after - before; }
};

/// Compares two estimates of one environment; `actions` gives the plan's
/// action by address (addresses absent from it are unchanged by the plan but
/// may still change cost, e.g. a Deployment whose HPA is created).
CostDiff diff(const Estimate& before, const Estimate& after, const std::map<std::string, std::string>& actions);

} // namespace pave::cost
