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
};

/// The environment's target: a DirectoryTarget for target = "directory"
/// (its directory relative to the project), a KubernetesTarget otherwise.
util::Result<std::unique_ptr<Target>> open_target(const project::Project& project, const project::Environment& env,
                                                  const TargetOptions& options);

} // namespace pave::targets
