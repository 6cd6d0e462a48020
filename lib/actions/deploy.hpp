#pragma once
/// `pave deploy`: applies a plan (computed now, or a saved one that is still
/// fresh) to the environment's target, waits for workloads to roll out and
/// records what was done in the state, holding the state lock throughout.
/// With `atomic`, a failed deploy rolls the target back to the previous
/// revision (or removes what it created when there is none).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <pave/actions/environment.hpp>
#include <pave/deploy/engine.hpp>
#include <pave/plan/plan.hpp>

namespace pave::actions {

struct DeployOptions
{
  EnvironmentOptions env;
  std::string plan_file;            ///< --plan: apply this saved plan
  std::vector<std::string> targets; ///< --target
  bool atomic = false;
  bool wait = true;
  std::chrono::milliseconds timeout{300000};
  bool force_conflicts = false;
};

struct DeployResult
{
  plan::Plan plan;
  deploy::Report report;
  int revision = 0;                 ///< recorded revision (0 when there was nothing to do)
  bool rolled_back = false;
  int rolled_back_to = 0;           ///< revision restored by --atomic (0: created objects removed)
  std::optional<deploy::Report> rollback_report;
};

/// A deploy in two steps, so that the command can show the plan and ask
/// before applying: prepare() locks and plans, run() applies and records.
class Deployment
{
public:
  static util::Result<Deployment> prepare(const project::Project& project, const DeployOptions& options);

  const plan::Plan& plan() const { return m_plan; }

  /// Applies the plan and records the result. A failed apply is returned as
  /// an error (after recording it) whose message names the object.
  util::Result<DeployResult> run(const std::function<void(const deploy::Event&)>& on_event);

private:
  Deployment() = default;
  DeployOptions m_options;
  EnvironmentSession m_session;
  std::optional<state::Lock> m_lock;
  state::State m_state;
  plan::DesiredState m_desired;
  plan::Plan m_plan;
};

} // namespace pave::actions
