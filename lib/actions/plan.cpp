#include <pave/actions/plan.hpp>

#include <pave/plan/plan_file.hpp>

namespace pave::actions {

util::Result<plan::Plan> plan_environment(const project::Project& project, const PlanOptions& options)
{
  PAVE_TRY_ASSIGN(EnvironmentSession s, open_environment(project, options.env));
  PAVE_TRY_ASSIGN(state::Lock lock, lock_state(s, "plan", options.env.lock_timeout));
  PAVE_TRY_ASSIGN(state::State st, read_or_new_state(s));
  PAVE_TRY_ASSIGN(plan::DesiredState desired, desired_state(s));
  PAVE_TRY_ASSIGN(plan::Plan p, compute_plan(s, desired, st, options.targets, options.server_dry_run));
  if (!options.out_file.empty()) {
    PAVE_TRY(plan::save_plan(p, options.out_file));
  }
  return p;
}

} // namespace pave::actions
