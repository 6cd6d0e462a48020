#pragma once
/// The Kubernetes target: a cluster through its REST API (lib/kube). Objects
/// are applied with server-side apply (field manager "pave"), refreshed with
/// one list call per kind and namespace (paginated) when several objects of
/// a kind are wanted and a get otherwise, deleted with background
/// propagation, and their rollout read from their status.
#include <memory>
#include <string>

#include <pave/targets/target.hpp>

namespace pave::targets {

struct KubernetesTargetOptions
{
  std::string kubeconfig; ///< file(s), ':'-separated; empty = KUBECONFIG or ~/.kube/config
  std::string context;    ///< empty = current-context
  int concurrency = 16;   ///< applies in flight at once
};

/// Connects (lazily: the first request happens on first use).
util::Result<std::unique_ptr<Target>> open_kubernetes(const KubernetesTargetOptions& options);

} // namespace pave::targets
