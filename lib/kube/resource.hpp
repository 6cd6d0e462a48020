#pragma once
/// What discovery says about a kind: its group, version, plural resource name and scope.
#include <string>

namespace pave::kube {

struct ResourceInfo
{
  std::string group; ///< "" for the core group
  std::string version;
  std::string kind;
  std::string resource; ///< plural, as in URLs: "deployments"
  bool namespaced = true;

  /// "v1" for the core group, else "GROUP/VERSION".
  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  /// "deployments.apps", "configmaps": how Kubernetes names the resource in messages.
  std::string qualified() const { return group.empty() ? resource : resource + "." + group; }
  bool operator==(const ResourceInfo&) const = default;
};

/// The API path of a resource collection or object: /api/v1/namespaces/NS/configmaps/NAME,
/// /apis/apps/v1/deployments (all namespaces), /apis/rbac.authorization.k8s.io/v1/clusterroles/NAME.
/// `ns` is ignored for cluster-scoped resources; `name` may be empty.
std::string resource_path(const ResourceInfo& r, std::string_view ns, std::string_view name);

} // namespace pave::kube
