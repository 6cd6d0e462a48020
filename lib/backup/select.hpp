#pragma once
/// Which objects a backup takes and how a restore rewrites them: Velero-like
/// scope filters, label selectors, the cleaning of server-populated fields,
/// and namespace mapping. Pure functions over JSON objects.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::backup {

/// An equality- or set-based label selector, as kubectl takes it:
/// "app=web,tier!=cache,env in (prod,staging),!legacy,release".
struct LabelSelector
{
  struct Requirement
  {
    enum class Op { eq, ne, in, notin, exists, not_exists } op = Op::eq;
    std::string key;
    std::vector<std::string> values;
  };
  std::vector<Requirement> requirements; ///< all must hold; empty matches everything
  std::string text;                      ///< as given
};

/// Error: "--selector: cannot parse \"a in b\": expected ( after in".
util::Result<LabelSelector> parse_selector(std::string_view text);
/// True when `labels` (an object or null) satisfies every requirement.
bool matches(const LabelSelector& s, const nlohmann::json& labels);

/// Scope flags of `backup create` and `backup restore`.
struct Scope
{
  std::vector<std::string> include_namespaces; ///< empty: all
  std::vector<std::string> exclude_namespaces;
  std::vector<std::string> include_kinds;      ///< empty: all ("Deployment", "deployments" and "deployments.apps" all work)
  std::vector<std::string> exclude_kinds;
  LabelSelector selector;

  /// "managed", or the flags in a short form ("namespaces=shop; exclude-kinds=Secret").
  std::string describe(bool all_resources) const;
};

/// True when `object` is in scope. Cluster-scoped objects pass the namespace
/// filters unless include_namespaces is set, in which case only the
/// Namespace objects named there pass.
bool in_scope(const Scope& scope, const nlohmann::json& object);

/// True when an owner reference marks the object as made by a controller
/// (Pods of a ReplicaSet, ...): backups skip them, their owner recreates them.
bool controlled(const nlohmann::json& object);

/// The object as it goes into a backup: plan::strip_server_fields, and also
/// the fields a restore must not send back (Service clusterIP(s) unless
/// headless, Namespace spec.finalizers, owner references,
/// kubectl.kubernetes.io/last-applied-configuration).
nlohmann::json clean_for_backup(nlohmann::json object);

/// Parses --namespace-mapping values "old:new" (each may also be a
/// comma-separated list). Errors: "--namespace-mapping \"x\": expected OLD:NEW",
/// a source mapped twice, or an invalid namespace name.
util::Result<std::map<std::string, std::string>> parse_namespace_mapping(const std::vector<std::string>& values);

/// The object with its namespace mapped: metadata.namespace, a Namespace's
/// own name, and the namespace of ServiceAccount subjects of (Cluster)RoleBindings.
nlohmann::json map_namespace(const nlohmann::json& object, const std::map<std::string, std::string>& mapping);

} // namespace pave::backup
