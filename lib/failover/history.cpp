#include <pave/failover/history.hpp>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>

namespace pave::failover {

using nlohmann::json;

const Event* History::last(std::string_view operation) const
{
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->operation == operation) {
      return &*it;
    }
  }
  return nullptr;
}

bool History::has(std::string_view id) const
{
  return std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.id == id; });
}

json event_to_json(const Event& e)
{
  json j = {{"id", e.id},         {"operation", e.operation}, {"from", e.from},     {"to", e.to},
            {"started", e.started}, {"finished", e.finished}, {"rto_ms", e.rto_ms}, {"forced", e.forced},
            {"dry_run", e.dry_run}, {"record", e.record},     {"steps", e.steps}};
  j["rto_target_ms"] = e.rto_target_ms ? json(*e.rto_target_ms) : json(nullptr);
  j["within_rto"] = e.within_rto();
  return j;
}

util::Result<History> read_history(const state::State& s)
{
  History h;
  const auto it = s.sections.find("failover");
  if (it == s.sections.end()) {
    return h;
  }
  const json& sec = *it;
  auto invalid = [&](const std::string& what) {
    return util::fail("state of {}: section \"failover\" is invalid: {}", s.environment, what);
  };
  const auto version = sec.is_object() && sec.contains("version") ? codec::json_integer(sec["version"]) : std::nullopt;
  if (!version) {
    return invalid("no integer version");
  }
  if (*version > History::k_version) {
    return util::fail("state of {}: its failover history was written by a newer pave (version {}; this pave reads {})",
                      s.environment, sec["version"].dump(), History::k_version);
  }
  try {
    h.active = sec.at("active").get<std::string>();
    if (h.active != "primary" && h.active != "secondary") {
      return invalid("active must be primary or secondary");
    }
    for (const auto& j : sec.at("events")) {
      Event e;
      e.id = j.at("id").get<std::string>();
      e.operation = j.at("operation").get<std::string>();
      e.from = j.at("from").get<std::string>();
      e.to = j.at("to").get<std::string>();
      e.started = j.at("started").get<std::string>();
      e.finished = j.at("finished").get<std::string>();
      e.rto_ms = codec::json_integer_at(j, "rto_ms");
      if (j.contains("rto_target_ms") && !j["rto_target_ms"].is_null()) {
        e.rto_target_ms = codec::json_integer_at(j, "rto_target_ms");
      }
      e.forced = j.value("forced", false);
      e.dry_run = j.value("dry_run", false);
      e.record = j.value("record", "");
      e.steps = j.value("steps", json::array());
      h.events.push_back(std::move(e));
    }
  } catch (const json::exception& e) {
    return invalid(e.what());
  }
  return h;
}

void write_history(state::State& s, History h)
{
  if (h.events.size() > History::k_events_kept) {
    h.events.erase(h.events.begin(), h.events.end() - History::k_events_kept);
  }
  json events = json::array();
  for (const auto& e : h.events) {
    events.push_back(event_to_json(e));
  }
  s.sections["failover"] = {{"version", History::k_version}, {"active", h.active}, {"events", std::move(events)}};
}

} // namespace pave::failover
