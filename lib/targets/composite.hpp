#pragma once
/// The target of an environment as a whole: Kubernetes objects go to the
/// cluster (or the GitOps directory), cloud objects (API groups *.pave.dev)
/// to the cloud target. Each side is opened on first use, so a project
/// without cloud resources never needs AWS credentials, and one with only
/// cloud resources never needs a kubeconfig.
#include <functional>
#include <memory>
#include <mutex>

#include <pave/targets/target.hpp>

namespace pave::targets {

using TargetFactory = std::function<util::Result<std::unique_ptr<Target>>()>;

class CompositeTarget : public Target
{
public:
  CompositeTarget(TargetFactory cluster, std::string cluster_description, TargetFactory cloud);

  std::string describe() const override;
  plan::ScopeFn scope() override;
  util::Result<std::map<std::string, nlohmann::json>> refresh(const std::vector<plan::ObjectRef>& refs) override;
  util::Result<nlohmann::json> apply(const nlohmann::json& object, const ApplyOptions& options) override;
  util::Result<void> remove(const plan::ObjectRef& ref) override;
  util::Result<Rollout> rollout(const plan::ObjectRef& ref) override;
  util::Result<std::map<std::string, Rollout>> rollouts(const std::vector<plan::ObjectRef>& refs) override;
  chart::LookupFn lookup() override;
  util::Result<void> visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit) override;
  util::Result<std::vector<std::string>> visit_objects(const ListQuery& query, const ObjectVisitor& visit) override;
  int concurrency() const override { return 16; }

private:
  /// The side that handles objects of `api_version`, opened on first use.
  util::Result<Target*> side(std::string_view api_version);

  struct Side
  {
    TargetFactory factory;
    std::unique_ptr<Target> target;
    std::optional<util::Error> error;
  };
  std::mutex m_mutex;
  Side m_cluster;
  Side m_cloud;
  std::string m_cluster_description;
};

} // namespace pave::targets
