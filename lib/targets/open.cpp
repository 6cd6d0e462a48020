#include <pave/targets/open.hpp>

#include <pave/targets/aws.hpp>
#include <pave/targets/composite.hpp>
#include <pave/targets/directory.hpp>
#include <pave/targets/kubernetes.hpp>

namespace pave::targets {

util::Result<std::unique_ptr<Target>> open_target(const project::Project& project, const project::Environment& env,
                                                  const TargetOptions& options)
{
  TargetFactory cluster;
  std::string description;
  if (env.target == project::TargetKind::directory) {
    const std::filesystem::path given(env.directory);
    const std::filesystem::path dir = given.is_absolute() ? given : project.dir / given;
    description = "directory " + dir.string();
    cluster = [dir]() -> util::Result<std::unique_ptr<Target>> { return std::make_unique<DirectoryTarget>(dir); };
  } else {
    KubernetesTargetOptions ko;
    ko.kubeconfig = !options.kubeconfig.empty() ? options.kubeconfig : env.kubeconfig;
    if (!ko.kubeconfig.empty() && std::filesystem::path(ko.kubeconfig).is_relative() && options.kubeconfig.empty()) {
      ko.kubeconfig = (project.dir / ko.kubeconfig).string();
    }
    ko.context = !options.kube_context.empty() ? options.kube_context : env.context;
    description = "kubernetes" + (ko.context.empty() ? std::string() : " context " + ko.context);
    cluster = [ko] { return open_kubernetes(ko); };
  }
  AwsTargetOptions ao;
  ao.environment = env.name;
  ao.force_delete = options.force_delete;
  TargetFactory cloud = [env, ao] { return open_aws(env, ao); };
  return std::make_unique<CompositeTarget>(std::move(cluster), std::move(description), std::move(cloud));
}

} // namespace pave::targets
