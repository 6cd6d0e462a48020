#pragma once
/// The GitOps target: each object is one YAML file under a directory, for
/// Argo CD or Flux to sync. Paths are NAMESPACE/KIND-NAME.yaml for namespaced
/// objects and _cluster/KIND-NAME.yaml for cluster-scoped ones; KIND is the
/// lower-case kind, with ".GROUP" for kinds of an API group
/// ("shop/deployment.apps-web.yaml"). Files are written atomically; files
/// pave did not write are never touched.
#include <filesystem>

#include <pave/targets/target.hpp>

namespace pave::targets {

class DirectoryTarget : public Target
{
public:
  explicit DirectoryTarget(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  std::string describe() const override;
  plan::ScopeFn scope() override;
  util::Result<std::map<std::string, nlohmann::json>> refresh(const std::vector<plan::ObjectRef>& refs) override;
  util::Result<nlohmann::json> apply(const nlohmann::json& object, const ApplyOptions& options) override;
  util::Result<void> remove(const plan::ObjectRef& ref) override;
  util::Result<Rollout> rollout(const plan::ObjectRef& ref) override;
  int concurrency() const override { return 8; }

  /// The file of an object, relative to the directory.
  static std::filesystem::path file_of(const plan::ObjectRef& ref);

private:
  std::filesystem::path m_dir;
};

} // namespace pave::targets
