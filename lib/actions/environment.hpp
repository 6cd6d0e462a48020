#pragma once
/// What plan, deploy and rollback share: an environment of the project with
/// its target and state store opened, and the plan computed from its desired
/// state, its recorded state and its live state.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pave/actions/state.hpp>
#include <pave/plan/desired.hpp>
#include <pave/plan/planner.hpp>
#include <pave/plan/plan.hpp>
#include <pave/project/project.hpp>
#include <pave/state/state.hpp>
#include <pave/state/store.hpp>
#include <pave/targets/target.hpp>

namespace pave::actions {

struct EnvironmentOptions
{
  std::string environment;                    ///< -e; required
  std::string state_dir = ".pave/state";      ///< relative to the project directory
  std::chrono::milliseconds lock_timeout{0};
  StateAwsOptions state_aws;                  ///< for an s3:// state_dir
  std::string kubeconfig;                     ///< overrides the environment's
  std::string kube_context;                   ///< overrides the environment's
  bool force_delete = false;                  ///< deploy --force: delete non-empty buckets
};

struct EnvironmentSession
{
  const project::Project* project = nullptr;
  const project::Environment* environment = nullptr;
  std::unique_ptr<targets::Target> target;
  std::unique_ptr<state::StateStore> store;
};

/// Finds the environment (error with a "did you mean" for an unknown name),
/// opens its target and its state store. Nothing is locked yet.
util::Result<EnvironmentSession> open_environment(const project::Project& project, const EnvironmentOptions& options);

/// Locks the state for `operation` ("plan", "deploy" ...), waiting up to the lock timeout.
util::Result<state::Lock> lock_state(EnvironmentSession& s, std::string_view operation,
                                     std::chrono::milliseconds timeout);

/// The state, or a new empty one (fresh lineage) when the environment has none yet.
util::Result<state::State> read_or_new_state(EnvironmentSession& s);

/// The desired state of the environment, rendered with the target's scopes.
util::Result<plan::DesiredState> desired_state(EnvironmentSession& s);

/// Refreshes the live objects of `desired` and of the state's records from
/// the target and computes the plan, stamped with the state's lineage and
/// serial.
/// With `server_dry_run`, every create, update and replace is also sent to
/// the target as a dry run (Kubernetes: dryRun=All): errors the server would
/// give fail the plan, and updates show the fields as the server would
/// store them (its defaults and normalisation included).
util::Result<plan::Plan> compute_plan(EnvironmentSession& s, const plan::DesiredState& desired,
                                      const state::State& state, const std::vector<std::string>& targets,
                                      bool server_dry_run = false);

/// The recorded objects of a state, in the planner's form.
std::map<std::string, plan::RecordedObject> recorded_objects(const state::State& state);

} // namespace pave::actions
