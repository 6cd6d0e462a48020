#pragma once
/// `pave plan`: the changes a deploy of an environment would make, computed
/// from the rendered apps, pave's state and the live objects, shown and
/// optionally saved. Holds the state lock while it reads.
#include <string>
#include <vector>

#include <pave/actions/environment.hpp>
#include <pave/plan/plan.hpp>

namespace pave::actions {

struct PlanOptions
{
  EnvironmentOptions env;
  std::vector<std::string> targets; ///< --target
  std::string out_file;             ///< --out: save the plan
  bool server_dry_run = false;      ///< --server-dry-run
};

/// Computes the plan; saves it to out_file when set.
util::Result<plan::Plan> plan_environment(const project::Project& project, const PlanOptions& options);

} // namespace pave::actions
