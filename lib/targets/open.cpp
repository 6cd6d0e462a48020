#include <pave/targets/open.hpp>

#include <pave/targets/directory.hpp>
#include <pave/targets/kubernetes.hpp>

namespace pave::targets {

util::Result<std::unique_ptr<Target>> open_target(const project::Project& project, const project::Environment& env,
                                                  const TargetOptions& options)
{
  if (env.target == project::TargetKind::directory) {
    const std::filesystem::path dir(env.directory);
    return std::make_unique<DirectoryTarget>(dir.is_absolute() ? dir : project.dir / dir);
  }
  KubernetesTargetOptions ko;
  ko.kubeconfig = !options.kubeconfig.empty() ? options.kubeconfig : env.kubeconfig;
  if (!ko.kubeconfig.empty() && std::filesystem::path(ko.kubeconfig).is_relative() && options.kubeconfig.empty()) {
    ko.kubeconfig = (project.dir / ko.kubeconfig).string();
  }
  ko.context = !options.kube_context.empty() ? options.kube_context : env.context;
  return open_kubernetes(ko);
}

} // namespace pave::targets
