#pragma once
/// The journal of a failover run: which runbook steps are complete, written
/// atomically (temporary file + rename) after every step, so that a run
/// killed at any point resumes with `--resume` at the first step not
/// recorded, and a completed step is never repeated.
///
/// Format (JSON, "format_version": 1): {format_version, id, operation,
/// environment, from, to, forced, started, started_ms, steps: [{number, name, status,
/// started, duration_ms, detail, data}]}. Unknown format versions are refused.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::failover {

struct StepRecord
{
  int number = 0;
  std::string name;
  std::string status; ///< "done" or "skipped"
  std::string started; ///< RFC 3339 UTC
  long long duration_ms = 0;
  std::string detail;
  nlohmann::json data = nlohmann::json::object(); ///< what later steps or a resume need (change ids ...)

  bool operator==(const StepRecord&) const = default;
};

struct Journal
{
  static constexpr int k_format = 1;
  std::string id; ///< UUID of the run
  std::string operation; ///< "failover", "failback" or "drill"
  std::string environment;
  std::string from, to; ///< site names
  bool forced = false;
  std::string started; ///< RFC 3339 UTC, when the run began
  long long started_ms = 0; ///< the same in milliseconds since the epoch: the RTO clock
  std::vector<StepRecord> steps; ///< completed, in order

  /// The number of the next step to run (1-based).
  int next_step() const { return static_cast<int>(steps.size()) + 1; }
  bool operator==(const Journal&) const = default;
};

std::string serialize_journal(const Journal& j);
/// Errors name `source`: "failover journal X is corrupt: ...".
util::Result<Journal> parse_journal(std::string_view text, const std::string& source);

/// The journal at `path`, or nullopt when there is none.
util::Result<std::optional<Journal>> read_journal(const std::filesystem::path& path);
/// Atomic replace (the directory is created).
util::Result<void> write_journal(const std::filesystem::path& path, const Journal& j);
/// Removes it (missing is fine).
util::Result<void> remove_journal(const std::filesystem::path& path);

} // namespace pave::failover
