#include <pave/kube/rollout.hpp>

#include <pave/codec/json_integer.hpp>

#include <optional>

#include <fmt/format.h>

namespace pave::kube {

namespace {

using nlohmann::json;

const json& field(const json& obj, std::initializer_list<const char*> path)
{
  static const json k_null;
  const json* cur = &obj;
  for (const char* key : path) {
    if (!cur->is_object()) {
      return k_null;
    }
    const auto it = cur->find(key);
    if (it == cur->end()) {
      return k_null;
    }
    cur = &*it;
  }
  return *cur;
}

std::int64_t num(const json& obj, std::initializer_list<const char*> path)
{
  const json& v = field(obj, path);
  return codec::json_integer(v).value_or(0);
}

std::optional<std::int64_t> opt_num(const json& obj, std::initializer_list<const char*> path)
{
  const json& v = field(obj, path);
  return codec::json_integer(v);
}

std::string str(const json& obj, std::initializer_list<const char*> path)
{
  const json& v = field(obj, path);
  return v.is_string() ? v.get<std::string>() : std::string();
}

/// The condition of `type` in status.conditions, or null.
const json& condition(const json& obj, std::string_view type)
{
  static const json k_null;
  const json& conds = field(obj, {"status", "conditions"});
  if (conds.is_array()) {
    for (const auto& c : conds) {
      if (c.is_object() && c.value("type", "") == type) {
        return c;
      }
    }
  }
  return k_null;
}

RolloutStatus waiting(std::string message)
{
  return RolloutStatus{false, false, std::move(message)};
}

RolloutStatus deployment(const json& d, const std::string& name)
{
  if (num(d, {"metadata", "generation"}) > num(d, {"status", "observedGeneration"})) {
    return waiting("Waiting for deployment spec update to be observed...");
  }
  const json& progressing = condition(d, "Progressing");
  if (progressing.is_object() && progressing.value("reason", "") == "ProgressDeadlineExceeded") {
    return RolloutStatus{false, true, fmt::format("deployment \"{}\" exceeded its progress deadline", name)};
  }
  const auto replicas = opt_num(d, {"spec", "replicas"});
  const auto updated = num(d, {"status", "updatedReplicas"});
  if (replicas && updated < *replicas) {
    return waiting(fmt::format("Waiting for deployment \"{}\" rollout to finish: {} out of {} new replicas have been updated...",
                               name, updated, *replicas));
  }
  if (const auto total = num(d, {"status", "replicas"}); total > updated) {
    return waiting(fmt::format("Waiting for deployment \"{}\" rollout to finish: {} old replicas are pending termination...",
                               name, total - updated));
  }
  if (const auto available = num(d, {"status", "availableReplicas"}); available < updated) {
    return waiting(fmt::format("Waiting for deployment \"{}\" rollout to finish: {} of {} updated replicas are available...",
                               name, available, updated));
  }
  return RolloutStatus{true, false, fmt::format("deployment \"{}\" successfully rolled out", name)};
}

RolloutStatus daemon_set(const json& ds, const std::string& name)
{
  const std::string strategy = str(ds, {"spec", "updateStrategy", "type"});
  if (!strategy.empty() && strategy != "RollingUpdate") {
    return RolloutStatus{true, false, fmt::format("daemon set \"{}\" uses the {} strategy; not waiting", name, strategy)};
  }
  if (num(ds, {"metadata", "generation"}) > num(ds, {"status", "observedGeneration"})) {
    return waiting("Waiting for daemon set spec update to be observed...");
  }
  const auto desired = num(ds, {"status", "desiredNumberScheduled"});
  if (const auto updated = num(ds, {"status", "updatedNumberScheduled"}); updated < desired) {
    return waiting(fmt::format("Waiting for daemon set \"{}\" rollout to finish: {} out of {} new pods have been updated...",
                               name, updated, desired));
  }
  if (const auto available = num(ds, {"status", "numberAvailable"}); available < desired) {
    return waiting(fmt::format("Waiting for daemon set \"{}\" rollout to finish: {} of {} updated pods are available...",
                               name, available, desired));
  }
  return RolloutStatus{true, false, fmt::format("daemon set \"{}\" successfully rolled out", name)};
}

RolloutStatus stateful_set(const json& sts, const std::string& name)
{
  const std::string strategy = str(sts, {"spec", "updateStrategy", "type"});
  if (!strategy.empty() && strategy != "RollingUpdate") {
    return RolloutStatus{true, false, fmt::format("statefulset \"{}\" uses the {} strategy; not waiting", name, strategy)};
  }
  const auto observed = num(sts, {"status", "observedGeneration"});
  if (observed == 0 || num(sts, {"metadata", "generation"}) > observed) {
    return waiting("Waiting for statefulset spec update to be observed...");
  }
  const auto replicas = opt_num(sts, {"spec", "replicas"});
  if (const auto ready = num(sts, {"status", "readyReplicas"}); replicas && ready < *replicas) {
    return waiting(fmt::format("Waiting for {} pods to be ready...", *replicas - ready));
  }
  const auto updated = num(sts, {"status", "updatedReplicas"});
  if (const auto partition = opt_num(sts, {"spec", "updateStrategy", "rollingUpdate", "partition"}); partition && replicas) {
    if (updated < *replicas - *partition) {
      return waiting(fmt::format("Waiting for partitioned roll out to finish: {} out of {} new pods have been updated...",
                                 updated, *replicas - *partition));
    }
    return RolloutStatus{true, false, fmt::format("partitioned roll out complete: {} new pods have been updated...", updated)};
  }
  const std::string update_rev = str(sts, {"status", "updateRevision"});
  if (update_rev != str(sts, {"status", "currentRevision"})) {
    return waiting(fmt::format("waiting for statefulset rolling update to complete {} pods at revision {}...", updated,
                               update_rev));
  }
  return RolloutStatus{true, false,
                       fmt::format("statefulset rolling update complete {} pods at revision {}...",
                                   num(sts, {"status", "currentReplicas"}), str(sts, {"status", "currentRevision"}))};
}

RolloutStatus job(const json& j, const std::string& name)
{
  const json& failed = condition(j, "Failed");
  if (failed.is_object() && failed.value("status", "") == "True") {
    const std::string reason = failed.value("reason", "");
    const std::string message = failed.value("message", "");
    return RolloutStatus{false, true,
                         fmt::format("job \"{}\" failed{}{}{}{}", name, reason.empty() ? "" : ": ", reason,
                                     message.empty() ? "" : ": ", message)};
  }
  const json& complete = condition(j, "Complete");
  if (complete.is_object() && complete.value("status", "") == "True") {
    return RolloutStatus{true, false, fmt::format("job \"{}\" completed", name)};
  }
  return waiting(fmt::format("Waiting for job \"{}\" to complete: {} succeeded, {} active...", name,
                             num(j, {"status", "succeeded"}), num(j, {"status", "active"})));
}

} // namespace

RolloutStatus rollout_status(const nlohmann::json& obj)
{
  const std::string kind = str(obj, {"kind"});
  const std::string group = [&] {
    const std::string av = str(obj, {"apiVersion"});
    const auto slash = av.find('/');
    return slash == std::string::npos ? std::string() : av.substr(0, slash);
  }();
  const std::string name = str(obj, {"metadata", "name"});
  if (group == "apps" && kind == "Deployment") {
    return deployment(obj, name);
  }
  if (group == "apps" && kind == "StatefulSet") {
    return stateful_set(obj, name);
  }
  if (group == "apps" && kind == "DaemonSet") {
    return daemon_set(obj, name);
  }
  if (group == "batch" && kind == "Job") {
    return job(obj, name);
  }
  return RolloutStatus{true, false, fmt::format("{} \"{}\" exists", kind, name)};
}

} // namespace pave::kube
