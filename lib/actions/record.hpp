#pragma once
/// Recording a deploy in the state: resource records for what was applied or
/// deleted, and a new revision holding the full set of objects pave manages
/// afterwards (Secret values as hashes), for history and rollback.
#include <string>

#include <nlohmann/json.hpp>

#include <pave/deploy/engine.hpp>
#include <pave/plan/plan.hpp>
#include <pave/state/state.hpp>

namespace pave::actions {

struct RecordInputs
{
  std::string operation = "deploy"; ///< "deploy", "rollback", "restore"
  std::string time;                 ///< RFC 3339
  nlohmann::json apps = nlohmann::json::object(); ///< app -> {chart, release, namespace, values_digest}
  std::string description_prefix;   ///< e.g. "rollback to revision 3: "
};

/// Updates `st` for plan `p` applied with `report`; returns the new revision number.
int record_deploy(state::State& st, const plan::Plan& p, const deploy::Report& report, const RecordInputs& in);

/// "2 created, 1 updated, 0 replaced, 1 deleted".
std::string describe_report(const deploy::Report& report);

} // namespace pave::actions
