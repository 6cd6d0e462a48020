#pragma once
/// Opening the target an environment of pave.toml names.
#include <memory>
#include <string>

#include <pave/project/project.hpp>
#include <pave/targets/target.hpp>

namespace pave::targets {

struct TargetOptions
{
  std::string kubeconfig;   ///< --kubeconfig: overrides the environment's
  std::string kube_context; ///< --context: overrides the environment's
  bool force_delete = false; ///< deploy --force: delete non-empty buckets (their objects first)
};

/// The environment's target: a CompositeTarget whose cluster side is a
/// DirectoryTarget for target = "directory" (its directory relative to the
/// project) or a KubernetesTarget, and whose cloud side is the AWS target.
/// Both sides are opened on first use.
util::Result<std::unique_ptr<Target>> open_target(const project::Project& project, const project::Environment& env,
                                                  const TargetOptions& options);

} // namespace pave::targets
