#pragma once
/// Computing a plan: the desired objects against what pave recorded at the
/// last deploy and what the target holds now. Pure: no I/O.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/plan/desired.hpp>
#include <pave/plan/plan.hpp>

namespace pave::plan {

/// What pave recorded for an object at its last deploy.
struct RecordedObject
{
  std::string app;
  nlohmann::json applied; ///< as recorded: Secret values redacted by `redact`
};

struct PlanInputs
{
  std::string environment;
  const DesiredState* desired = nullptr;
  std::map<std::string, RecordedObject> recorded; ///< by address
  /// Live objects by address; an address that is absent does not exist on
  /// the target. Must cover every desired and recorded address.
  std::map<std::string, nlohmann::json> live;
  /// The redaction the state applies to Secrets (state::redact_secret), so
  /// that live Secrets compare with recorded ones.
  std::function<nlohmann::json(const nlohmann::json&)> redact;
  /// --target patterns: shell globs on addresses, or "app:NAME". Empty = all.
  std::vector<std::string> targets;
};

/// Creates for desired objects that are not live; updates (or replaces, when
/// an immutable field changes) for desired objects whose live fields differ;
/// deletes for recorded objects no longer desired that still carry pave's
/// ownership marks (unmarked ones are forgotten, not deleted); no-ops
/// otherwise. Drift (live differs from the record) is reported on every
/// change. Changes come sorted in apply order.
Plan make_plan(const PlanInputs& in);

/// True when `address` of `app` matches one of the --target patterns (or there are none).
bool selected(const std::vector<std::string>& targets, const std::string& address, const std::string& app);

/// True when a live object carries pave's marks for `environment`.
bool owned_by_pave(const nlohmann::json& live, std::string_view environment);

} // namespace pave::plan
