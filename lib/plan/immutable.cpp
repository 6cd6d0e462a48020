#include <pave/plan/immutable.hpp>

#include <array>
#include <utility>

namespace pave::plan {

namespace {

// kind, path prefix: from the API server's validation (ValidateXxxUpdate) of each kind.
constexpr std::array<std::pair<std::string_view, std::string_view>, 29> k_immutable = {{
  {"Deployment", ".spec.selector"},
  {"ReplicaSet", ".spec.selector"},
  {"DaemonSet", ".spec.selector"},
  {"StatefulSet", ".spec.selector"},
  {"StatefulSet", ".spec.serviceName"},
  {"StatefulSet", ".spec.volumeClaimTemplates"},
  {"StatefulSet", ".spec.podManagementPolicy"},
  {"Job", ".spec.selector"},
  {"Job", ".spec.template"},
  {"Job", ".spec.completionMode"},
  {"Service", ".spec.clusterIP"},
  {"Service", ".spec.clusterIPs"},
  {"PersistentVolumeClaim", ".spec.accessModes"},
  {"PersistentVolumeClaim", ".spec.storageClassName"},
  {"PersistentVolumeClaim", ".spec.volumeName"},
  {"PersistentVolumeClaim", ".spec.volumeMode"},
  {"PersistentVolumeClaim", ".spec.selector"},
  {"PersistentVolumeClaim", ".spec.dataSource"},
  {"Secret", ".type"},
  {"RoleBinding", ".roleRef"},
  {"ClusterRoleBinding", ".roleRef"},
  {"CustomResourceDefinition", ".spec.scope"},
  // Cloud resources (lib/cloud): what the AWS APIs cannot change in place.
  {"S3Bucket", ".spec.region"},
  {"Route53HostedZone", ".spec.name"},
  {"Route53RecordSet", ".spec.zone"},
  {"Route53RecordSet", ".spec.name"},
  {"Route53RecordSet", ".spec.type"},
  {"Route53HealthCheck", ".spec.type"},
  {"Route53HealthCheck", ".spec.request_interval"},
}};

bool under(std::string_view path, std::string_view prefix)
{
  return path.starts_with(prefix) &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

} // namespace

bool forces_replace(std::string_view kind, std::string_view path, const nlohmann::json& live)
{
  for (const auto& [k, prefix] : k_immutable) {
    if (k == kind && under(path, prefix)) {
      return true;
    }
  }
  if ((kind == "ConfigMap" || kind == "Secret") && live.is_object() && live.value("immutable", false)) {
    return under(path, ".data") || under(path, ".binaryData") || under(path, ".stringData") ||
           under(path, ".immutable");
  }
  return false;
}

} // namespace pave::plan
