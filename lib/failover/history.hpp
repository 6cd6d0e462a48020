#pragma once
/// The failover history kept in the environment's state, in the section
/// state.sections["failover"] (the state file keeps sections verbatim, so
/// states written before failover existed read unchanged: no section means
/// an empty history with the primary active). The section is versioned on
/// its own: {"version": 1, "active": SITE, "events": [...]}; a newer version
/// is refused rather than overwritten.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/state/state.hpp>
#include <pave/util/expected.hpp>

namespace pave::failover {

struct Event
{
  std::string id;        ///< the run's id (journal id)
  std::string operation; ///< "failover", "failback" or "drill"
  std::string from, to;
  std::string started, finished; ///< RFC 3339 UTC
  long long rto_ms = 0;          ///< started -> DNS verified and the new site healthy
  std::optional<long long> rto_target_ms;
  bool forced = false;
  bool dry_run = false; ///< drills without a drill record
  std::string record;   ///< the DNS record switched
  nlohmann::json steps = nlohmann::json::array(); ///< [{number, name, status, duration_ms}]

  bool within_rto() const { return !rto_target_ms || rto_ms <= *rto_target_ms; }
  bool operator==(const Event&) const = default;
};

struct History
{
  static constexpr int k_version = 1;
  static constexpr std::size_t k_events_kept = 100;
  std::string active = "primary";
  std::vector<Event> events; ///< oldest first

  /// The newest event with `operation`, or nullptr.
  const Event* last(std::string_view operation) const;
  /// True when an event with `id` is recorded (step 6 is idempotent).
  bool has(std::string_view id) const;
  bool operator==(const History&) const = default;
};

util::Result<History> read_history(const state::State& s);
/// Stores `h` in s.sections["failover"] (oldest events beyond k_events_kept dropped).
void write_history(state::State& s, History h);

nlohmann::json event_to_json(const Event& e);

} // namespace pave::failover
