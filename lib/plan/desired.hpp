#pragma once
/// The desired state of an environment: every app of pave.toml deployed to
/// it, rendered like `helm template` with the environment's values, as
/// Kubernetes objects keyed by address. pave marks each object it manages
/// with the label pave.dev/app and the annotation pave.dev/environment, and
/// adds a Namespace for every app namespace other than "default" (like
/// `helm install --create-namespace`).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/chart/functions.hpp>
#include <pave/plan/object_ref.hpp>
#include <pave/project/project.hpp>

namespace pave::plan {

inline constexpr std::string_view k_app_label = "pave.dev/app";
inline constexpr std::string_view k_environment_annotation = "pave.dev/environment";

struct DesiredObject
{
  ObjectRef ref;
  std::string address;
  std::string app;        ///< owning app ("" for namespaces pave adds)
  std::string source;     ///< template it came from ("web/templates/deployment.yaml")
  nlohmann::json object;  ///< the full object to apply
};

/// What went into rendering one app, recorded with each revision.
struct AppInputs
{
  std::string chart;         ///< chart path relative to the project, or "builtin:TEMPLATE"
  std::string release;
  std::string namespace_;
  std::string values_digest; ///< sha256 over the values files' content and inline values
};

struct DesiredState
{
  std::vector<DesiredObject> objects; ///< sorted by address
  std::map<std::string, AppInputs> apps;
};

/// Tells whether a kind is namespaced (from discovery, or a built-in table
/// for the directory target). Error for a kind the target does not know.
using ScopeFn = std::function<util::Result<bool>(const std::string& api_version, const std::string& kind)>;

/// Scope of the built-in kinds, for targets without discovery: cluster-scoped
/// for Namespace, Node, PersistentVolume, StorageClass, ClusterRole(Binding),
/// CustomResourceDefinition, PriorityClass, webhook configurations,
/// APIService, IngressClass, RuntimeClass, CSIDriver, VolumeSnapshotClass;
/// namespaced otherwise.
util::Result<bool> builtin_scope(const std::string& api_version, const std::string& kind);

/// Renders every app of `env`. Errors name the app and the template:
/// "app web: execution error in web/templates/x.yaml:3:4: ...", or two apps
/// producing the same object: "Deployment shop/web is rendered by both app a and app b".
/// `lookup` answers the templates' lookup calls (empty: offline, like `helm template`).
util::Result<DesiredState> render_environment(const project::Project& project, const project::Environment& env,
                                              const ScopeFn& namespaced, const chart::LookupFn& lookup = {});

} // namespace pave::plan
