#pragma once
/// Where an environment's objects go. The plan engine refreshes live objects
/// from a target and the deploy engine applies changes to it. Two targets
/// exist: a Kubernetes cluster through its REST API (kubernetes.hpp) and a
/// local directory of manifests for GitOps (directory.hpp).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/chart/functions.hpp>
#include <pave/plan/desired.hpp>
#include <pave/plan/object_ref.hpp>
#include <pave/util/expected.hpp>

namespace pave::targets {

struct ApplyOptions
{
  bool dry_run = false;         ///< validate only (Kubernetes: dryRun=All)
  bool force_conflicts = false; ///< take ownership of fields other managers own
};

/// Progress of a workload after an apply.
struct Rollout
{
  bool done = false;
  bool failed = false;
  std::string message; ///< "2 of 3 updated replicas are available"
};

/// What visit_objects() lists (backups with --all-resources).
struct ListQuery
{
  std::vector<std::string> namespaces; ///< empty: every namespace (and cluster-scoped objects)
  std::string label_selector;          ///< Kubernetes label selector; empty: all
  bool cluster_scoped = true;          ///< include cluster-scoped kinds
};

/// Receives a live object read by visit_live(): the index of its ref, and the object.
using LiveVisitor = std::function<util::Result<void>(std::size_t ref, nlohmann::json&& object)>;
/// Receives an object listed by visit_objects() (with apiVersion and kind).
using ObjectVisitor = std::function<util::Result<void>(nlohmann::json&& object)>;

/// How many refs the default visit_live() refreshes at a time.
inline constexpr std::size_t k_visit_batch = 256;

class Target
{
public:
  virtual ~Target() = default;

  /// One line: "kubernetes https://127.0.0.1:6443 (context dev)", "directory deploy/dev".
  virtual std::string describe() const = 0;

  /// Whether a kind is namespaced on this target.
  virtual plan::ScopeFn scope() = 0;

  /// The live objects among `refs`, by address; objects that do not exist
  /// are absent from the result.
  virtual util::Result<std::map<std::string, nlohmann::json>> refresh(const std::vector<plan::ObjectRef>& refs) = 0;

  /// Creates or updates `object`; returns the object as stored.
  virtual util::Result<nlohmann::json> apply(const nlohmann::json& object, const ApplyOptions& options) = 0;

  /// Deletes an object; one that is already gone is not an error.
  virtual util::Result<void> remove(const plan::ObjectRef& ref) = 0;

  /// Where the rollout of an applied object stands (workloads; everything
  /// else is done as soon as it is applied).
  virtual util::Result<Rollout> rollout(const plan::ObjectRef& ref) = 0;

  /// rollout() of several objects, by address. The default asks one by one;
  /// targets that can read many objects at once override it.
  virtual util::Result<std::map<std::string, Rollout>> rollouts(const std::vector<plan::ObjectRef>& refs)
  {
    std::map<std::string, Rollout> out;
    for (const auto& ref : refs) {
      PAVE_TRY_ASSIGN(out[ref.address()], rollout(ref));
    }
    return out;
  }

  /// The `lookup` template function answered from this target (empty: offline).
  virtual chart::LookupFn lookup() { return {}; }

  /// refresh() as a stream, for readers that need not hold every object
  /// (backups): each live object among `refs` is handed to `visit` as it is
  /// read and not kept, so memory holds about k_visit_batch objects (or one
  /// list page) whatever refs.size(). Objects that do not exist are not
  /// visited; the order is the target's. An error of `visit` stops the
  /// reading and is returned. The default refreshes k_visit_batch refs at a
  /// time, in the order of `refs`, reading the next batch (refresh() on
  /// another thread) while the current one is visited.
  virtual util::Result<void> visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit);

  /// Every object of every listable kind (from discovery) matching `query`,
  /// handed to `visit` page by page: what `pave backup create
  /// --all-resources` snapshots. Kinds that are never restored (Events,
  /// Nodes, ...) are left out. Returns warnings for kinds that could not be
  /// listed. The default: an error, for targets that cannot enumerate their objects.
  virtual util::Result<std::vector<std::string>> visit_objects(const ListQuery& query, const ObjectVisitor& visit);

  /// How many objects of one wave may be applied at once.
  virtual int concurrency() const = 0;
};

} // namespace pave::targets
