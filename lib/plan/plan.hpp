#pragma once
/// A plan is data: the list of changes `pave deploy` will make to reach the
/// desired state, computed and shown before anything is applied, and
/// optionally saved to a file (plan_file.hpp). Its JSON form is documented in
/// docs/json-output.md ("plan") and versioned by k_plan_format.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/plan/object_ref.hpp>

namespace pave::plan {

inline constexpr int k_plan_format = 1;

/// What happens to one object.
enum class Action
{
  noop,    ///< desired and live agree
  create,  ///< desired, not live
  update,  ///< desired and live differ in fields pave sets
  replace, ///< an immutable field changes: delete, then create
  remove,  ///< recorded by pave, no longer desired
};

std::string_view to_string(Action a);
/// Parses "no-op", "create", "update", "replace", "delete".
std::optional<Action> parse_action(std::string_view s);

/// One changed field, by JSON path (".spec.replicas", ".spec.containers[0].image").
struct FieldChange
{
  std::string path;
  nlohmann::json before; ///< null when the field is added
  nlohmann::json after;  ///< null when the field is removed
  bool sensitive = false; ///< a Secret value: shown as "(sensitive)"
  bool forces_replace = false; ///< an immutable field
};

struct Change
{
  Action action = Action::noop;
  ObjectRef ref;
  std::string address;  ///< ref.address()
  std::string app;      ///< owning app in pave.toml
  std::vector<FieldChange> fields; ///< update/replace: what changes
  /// Fields changed outside pave since the last deploy (live differs from
  /// what pave recorded); shown as drift. Empty when there is no record.
  std::vector<FieldChange> drift;
  std::string reason;   ///< one line: why ("not in the cluster", "app removed from pave.toml" ...)
  int wave = 0;         ///< apply wave (order.hpp): lower first
  /// delete only: the object is dropped from pave's state but not deleted on
  /// the target (already gone, or no longer marked as pave's there).
  bool forget_only = false;
  nlohmann::json desired; ///< the desired object (every change but delete); null for deletes
};

struct Summary
{
  int create = 0, update = 0, replace = 0, remove = 0, noop = 0, drifted = 0;
  bool has_changes() const { return create + update + replace + remove > 0; }
};

struct Plan
{
  int format_version = k_plan_format;
  std::string environment;
  std::string target;         ///< target description ("kubernetes context double", "directory deploy/")
  std::string lineage;        ///< state lineage the plan was made against ("" = no state yet)
  std::uint64_t serial = 0;   ///< state serial the plan was made against
  std::string created;        ///< RFC 3339 UTC
  std::string pave_version;
  /// Apps of the environment: name -> {chart, release, namespace, values_digest}.
  nlohmann::json apps = nlohmann::json::object();
  std::vector<Change> changes;   ///< in apply order (waves), no-ops included

  Summary summary() const;
};

/// JSON of a plan: the stable schema of `pave plan --output json` and saved
/// plan files. With include_objects false the desired objects are left out
/// (they can hold Secret data; the --output json view never prints them).
nlohmann::ordered_json to_json(const Plan& p, bool include_objects);

/// Reads to_json(p, true) back. Error names the first bad field.
util::Result<Plan> plan_from_json(const nlohmann::json& j);

/// "Plan: 3 to add, 1 to change, 1 to replace, 0 to destroy."
std::string summary_line(const Summary& s);

} // namespace pave::plan
