#include <pave/plan/plan.hpp>

#include <cstdint>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>

namespace pave::plan {

namespace {

constexpr std::pair<Action, std::string_view> k_action_names[] = {
  {Action::noop, "no-op"},   {Action::create, "create"}, {Action::update, "update"},
  {Action::replace, "replace"}, {Action::remove, "delete"},
};

nlohmann::ordered_json field_json(const FieldChange& f)
{
  nlohmann::ordered_json j;
  j["path"] = f.path;
  if (f.sensitive) {
    j["sensitive"] = true;
  } else {
    j["before"] = f.before;
    j["after"] = f.after;
  }
  if (f.forces_replace) {
    j["forces_replace"] = true;
  }
  return j;
}

util::Result<std::vector<FieldChange>> fields_from_json(const nlohmann::json& arr, std::string_view where)
{
  std::vector<FieldChange> out;
  if (!arr.is_array()) {
    return util::fail("plan: {} is not a list", where);
  }
  for (const auto& f : arr) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string()) {
      return util::fail("plan: {} has an entry without a path", where);
    }
    FieldChange c;
    c.path = f["path"];
    c.before = f.value("before", nlohmann::json());
    c.after = f.value("after", nlohmann::json());
    c.sensitive = f.value("sensitive", false);
    c.forces_replace = f.value("forces_replace", false);
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace

std::string_view to_string(Action a)
{
  for (const auto& [action, name] : k_action_names) {
    if (action == a) {
      return name;
    }
  }
  return "?";
}

std::optional<Action> parse_action(std::string_view s)
{
  for (const auto& [action, name] : k_action_names) {
    if (name == s) {
      return action;
    }
  }
  return std::nullopt;
}

Summary Plan::summary() const
{
  Summary s;
  for (const auto& c : changes) {
    switch (c.action) {
    case Action::noop: ++s.noop; break;
    case Action::create: ++s.create; break;
    case Action::update: ++s.update; break;
    case Action::replace: ++s.replace; break;
    case Action::remove: ++s.remove; break;
    }
    if (!c.drift.empty()) {
      ++s.drifted;
    }
  }
  return s;
}

std::string summary_line(const Summary& s)
{
  if (!s.has_changes()) {
    return "No changes. The live state matches the desired state.";
  }
  std::string line = fmt::format("Plan: {} to add, {} to change, ", s.create, s.update);
  if (s.replace > 0) {
    line += fmt::format("{} to replace, ", s.replace);
  }
  line += fmt::format("{} to destroy.", s.remove);
  return line;
}

nlohmann::ordered_json to_json(const Plan& p, bool include_objects)
{
  nlohmann::ordered_json j;
  j["format_version"] = p.format_version;
  j["environment"] = p.environment;
  j["target"] = p.target;
  j["state"] = {{"lineage", p.lineage}, {"serial", p.serial}};
  j["created"] = p.created;
  j["pave_version"] = p.pave_version;
  j["apps"] = p.apps;
  const auto s = p.summary();
  j["summary"] = {{"create", s.create}, {"update", s.update},   {"replace", s.replace},
                  {"delete", s.remove}, {"no_op", s.noop},      {"drifted", s.drifted},
                  {"has_changes", s.has_changes()}};
  auto& changes = j["changes"] = nlohmann::ordered_json::array();
  for (const auto& c : p.changes) {
    nlohmann::ordered_json cj;
    cj["address"] = c.address;
    cj["action"] = to_string(c.action);
    cj["app"] = c.app;
    cj["api_version"] = c.ref.api_version;
    cj["kind"] = c.ref.kind;
    cj["namespace"] = c.ref.namespace_;
    cj["name"] = c.ref.name;
    cj["wave"] = c.wave;
    cj["reason"] = c.reason;
    if (c.action == Action::remove) {
      cj["forget_only"] = c.forget_only;
    }
    cj["fields"] = nlohmann::ordered_json::array();
    for (const auto& f : c.fields) {
      cj["fields"].push_back(field_json(f));
    }
    cj["drift"] = nlohmann::ordered_json::array();
    for (const auto& f : c.drift) {
      cj["drift"].push_back(field_json(f));
    }
    if (include_objects && !c.desired.is_null()) {
      cj["desired"] = c.desired;
    }
    changes.push_back(std::move(cj));
  }
  return j;
}

util::Result<Plan> plan_from_json(const nlohmann::json& j)
{
  if (!j.is_object()) {
    return util::fail("plan: not a JSON object");
  }
  Plan p;
  try {
    p.format_version = static_cast<int>(codec::json_integer_at(j, "format_version", 0, 1000));
    if (p.format_version != k_plan_format) {
      return util::fail("plan format version {} is not supported (this pave reads version {})", p.format_version,
                        k_plan_format);
    }
    p.environment = j.at("environment").get<std::string>();
    p.target = j.at("target").get<std::string>();
    p.lineage = j.at("state").at("lineage").get<std::string>();
    p.serial = static_cast<std::uint64_t>(codec::json_integer_at(j.at("state"), "serial", 0, INT64_MAX));
    p.created = j.at("created").get<std::string>();
    p.pave_version = j.at("pave_version").get<std::string>();
    p.apps = j.at("apps");
    if (!p.apps.is_object()) {
      return util::fail("plan: apps is not an object");
    }
    for (const auto& cj : j.at("changes")) {
      Change c;
      const auto action = parse_action(cj.at("action").get<std::string>());
      if (!action) {
        return util::fail("plan: unknown action \"{}\"", cj.at("action").get<std::string>());
      }
      c.action = *action;
      c.address = cj.at("address").get<std::string>();
      PAVE_TRY_ASSIGN(c.ref, parse_address(c.address));
      c.app = cj.at("app").get<std::string>();
      c.wave = static_cast<int>(codec::json_integer_at(cj, "wave", -1000000, 1000000));
      c.reason = cj.at("reason").get<std::string>();
      c.forget_only = cj.value("forget_only", false);
      PAVE_TRY_ASSIGN(c.fields, fields_from_json(cj.at("fields"), c.address + " fields"));
      PAVE_TRY_ASSIGN(c.drift, fields_from_json(cj.at("drift"), c.address + " drift"));
      if (const auto it = cj.find("desired"); it != cj.end()) {
        c.desired = *it;
      }
      if ((c.action == Action::create || c.action == Action::update || c.action == Action::replace) &&
          !c.desired.is_object()) {
        return util::fail("plan: change {} ({}) has no desired object", c.address, to_string(c.action));
      }
      p.changes.push_back(std::move(c));
    }
  } catch (const nlohmann::json::exception& e) {
    return util::fail("plan: missing or mistyped field ({})", e.what());
  }
  return p;
}

} // namespace pave::plan
