#pragma once
/// The runbook engine: an ordered list of idempotent steps, each timed,
/// reported live, recorded in the journal (written atomically after every
/// step) and in the audit log. Steps already in the journal are not run
/// again, so a killed run continues with `--resume` at the first step that
/// did not complete.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <pave/failover/journal.hpp>
#include <pave/util/expected.hpp>

namespace pave::failover {

struct StepOutcome
{
  std::string status = "done"; ///< or "skipped"
  std::string detail;
  nlohmann::json data = nlohmann::json::object();
};

struct Step
{
  std::string name; ///< "confirm primary is unhealthy"
  /// Does the work; may read the journal (earlier steps' data).
  std::function<util::Result<StepOutcome>(const Journal&)> run;
};

struct RunbookHooks
{
  /// Before a step runs.
  std::function<void(int number, int total, const std::string& name)> on_start;
  /// After a step completed (resumed = it was in the journal and is not run again).
  std::function<void(const StepRecord&, int total, bool resumed)> on_done;
};

struct RunbookOptions
{
  std::filesystem::path journal_path;
  std::filesystem::path audit_path;
  int stop_after = 0; ///< stop (journal kept) once this step completes; 0 = run to the end
};

enum class RunbookEnd { completed, stopped };

/// Runs `steps` from j.next_step(), appending each completed step to `j`
/// and persisting it. A failing step is audited and its error returned;
/// the journal then holds the steps before it.
util::Result<RunbookEnd> run_steps(Journal& j, const std::vector<Step>& steps, const RunbookOptions& options,
                                   const RunbookHooks& hooks);

} // namespace pave::failover
