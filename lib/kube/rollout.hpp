#pragma once
/// Whether an applied object has finished rolling out: kubectl's `rollout
/// status` logic (polymorphichelpers/rollout_status.go) for Deployment,
/// StatefulSet and DaemonSet, and Helm's wait logic for Job. Pure functions
/// over the live object.
#include <string>

#include <nlohmann/json.hpp>

namespace pave::kube {

struct RolloutStatus
{
  bool done = false;   ///< nothing more to wait for
  bool failed = false; ///< will not finish by itself (progress deadline, failed Job)
  std::string message; ///< kubectl's wording, without the trailing newline

  bool operator==(const RolloutStatus&) const = default;
};

/// The rollout status of `obj` (as returned by GET). Kinds without a
/// rollout are done as soon as they exist. StatefulSets and DaemonSets with
/// the OnDelete strategy are done (kubectl refuses to watch them).
RolloutStatus rollout_status(const nlohmann::json& obj);

} // namespace pave::kube
