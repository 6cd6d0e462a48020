#pragma once
/// Applying a plan to a target: wave by wave in plan order, the changes of a
/// wave concurrently (bounded by the target), then waiting for workloads to
/// roll out. It stops at the first failed wave and reports what was done,
/// so that the caller records exactly that in the state.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/plan/plan.hpp>
#include <pave/targets/target.hpp>
#include <pave/util/clock.hpp>

namespace pave::deploy {

struct Options
{
  bool wait = true;                          ///< wait for workloads to roll out
  std::chrono::milliseconds timeout{300000}; ///< rollout wait limit
  std::chrono::milliseconds poll{250};
  bool force_conflicts = false;
};

/// Progress events for the live view.
struct Event
{
  enum class Kind { applied, deleted, failed, waiting, ready } kind;
  std::string address;
  std::string message;
};

/// What happened to one change.
struct Outcome
{
  std::string address;
  plan::Action action = plan::Action::noop;
  bool done = false;     ///< applied (or deleted) on the target
  std::string error;     ///< non-empty when it failed
  nlohmann::json applied; ///< the object sent (create/update/replace)
};

struct Report
{
  std::vector<Outcome> outcomes; ///< one per non-no-op change that was attempted
  bool failed = false;
  std::string failure;           ///< first failure, one line
  std::chrono::milliseconds elapsed{0};
};

/// Applies `p` (its create/update/replace/delete changes; forget-only deletes
/// are not sent) to `target`. Never throws for target errors: they end up in
/// the report.
Report apply(targets::Target& target, const plan::Plan& p, const Options& options, util::Clock& clock,
             const std::function<void(const Event&)>& on_event);

/// True for kinds whose rollout deploy waits for.
bool is_workload(std::string_view kind);

} // namespace pave::deploy
