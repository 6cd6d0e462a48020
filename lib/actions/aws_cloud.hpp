#pragma once
/// Plan and deploy of an environment's cloud resources alone, over the
/// existing plan and deploy engines and the AWS target. This is what
/// `pave __aws plan|deploy` run (for system tests and debugging) until the
/// composite target routes cloud objects through `pave plan` and `pave
/// deploy`; what was applied is recorded in a small JSON file (address →
/// applied object), standing in for the state store.
#include <string>

#include <pave/deploy/engine.hpp>
#include <pave/plan/plan.hpp>
#include <pave/project/project.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

struct CloudRunOptions
{
  bool apply = false;
  bool force_delete = false; ///< delete non-empty buckets (--force)
  std::string record_file;   ///< empty: .pave/cloud-ENV.json beside pave.toml
};

struct CloudRunResult
{
  plan::Plan plan;
  deploy::Report report; ///< when applied
};

util::Result<CloudRunResult> cloud_run(const project::Project& project, const project::Environment& env,
                                       const CloudRunOptions& options);

} // namespace pave::actions
