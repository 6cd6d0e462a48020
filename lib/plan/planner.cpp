#include <pave/plan/planner.hpp>

#include <fnmatch.h>

#include <pave/plan/diff.hpp>
#include <pave/plan/immutable.hpp>
#include <pave/plan/order.hpp>

namespace pave::plan {

namespace {

/// The live object on the paths of `shape`, server fields removed, Secrets normalized.
nlohmann::json comparable_live(const nlohmann::json& live, const nlohmann::json& shape)
{
  return project(strip_server_fields(live), shape);
}

std::vector<FieldChange> drift_of(const PlanInputs& in, const ObjectRef& ref, const nlohmann::json& live,
                                  const RecordedObject& rec)
{
  nlohmann::json seen = comparable_live(live, rec.applied);
  if (in.redact) {
    seen = in.redact(seen);
  }
  return diff(rec.applied, seen, ref.kind);
}

} // namespace

bool selected(const std::vector<std::string>& targets, const std::string& address, const std::string& app)
{
  if (targets.empty()) {
    return true;
  }
  for (const auto& t : targets) {
    if (t.starts_with("app:") ? t.substr(4) == app : fnmatch(t.c_str(), address.c_str(), 0) == 0) {
      return true;
    }
  }
  return false;
}

bool owned_by_pave(const nlohmann::json& live, std::string_view environment)
{
  const auto meta = live.find("metadata");
  if (meta == live.end() || !meta->is_object()) {
    return false;
  }
  const auto ann = meta->find("annotations");
  if (ann == meta->end() || !ann->is_object()) {
    return false;
  }
  const auto env = ann->find(std::string(k_environment_annotation));
  return env != ann->end() && env->is_string() && env->get_ref<const std::string&>() == environment;
}

Plan make_plan(const PlanInputs& in)
{
  Plan p;
  p.environment = in.environment;
  for (const auto& [app, inputs] : in.desired->apps) {
    p.apps[app] = {{"chart", inputs.chart},
                   {"release", inputs.release},
                   {"namespace", inputs.namespace_},
                   {"values_digest", inputs.values_digest}};
  }
  std::map<std::string, bool> desired_addresses;
  for (const auto& d : in.desired->objects) {
    desired_addresses[d.address] = true;
    if (!selected(in.targets, d.address, d.app)) {
      continue;
    }
    Change c;
    c.ref = d.ref;
    c.address = d.address;
    c.app = d.app;
    c.wave = apply_wave(d.ref.kind);
    c.desired = d.object;
    const auto live = in.live.find(d.address);
    const auto rec = in.recorded.find(d.address);
    if (live == in.live.end()) {
      c.action = Action::create;
      c.reason = rec == in.recorded.end() ? "not on the target" : "deleted outside pave since the last deploy";
    } else {
      const nlohmann::json want = normalize_secret(d.object);
      const nlohmann::json have = comparable_live(live->second, want);
      c.fields = diff(have, want, d.ref.kind);
      if (rec != in.recorded.end()) {
        c.drift = drift_of(in, d.ref, live->second, rec->second);
      }
      if (c.fields.empty()) {
        c.action = Action::noop;
      } else {
        c.action = Action::update;
        for (auto& f : c.fields) {
          if (forces_replace(d.ref.kind, f.path, live->second)) {
            f.forces_replace = true;
            c.action = Action::replace;
          }
        }
        c.reason = c.action == Action::replace ? "an immutable field changes"
                   : rec == in.recorded.end()  ? "exists on the target but not in pave's state: pave adopts it"
                   : !c.drift.empty()          ? "changed outside pave or in the charts"
                                               : "changed in the charts or values";
      }
    }
    p.changes.push_back(std::move(c));
  }
  for (const auto& [address, rec] : in.recorded) {
    if (desired_addresses.count(address) != 0 || !selected(in.targets, address, rec.app)) {
      continue;
    }
    Change c;
    const auto ref = parse_address(address);
    if (!ref) {
      continue; // not a Kubernetes object (cloud resources are planned elsewhere)
    }
    c.ref = *ref;
    c.address = address;
    c.app = rec.app;
    c.wave = delete_wave(c.ref.kind);
    const auto live = in.live.find(address);
    if (live == in.live.end()) {
      c.action = Action::remove;
      c.forget_only = true;
      c.reason = "no longer desired; already gone from the target (forgotten)";
    } else if (!owned_by_pave(live->second, in.environment)) {
      c.action = Action::remove;
      c.forget_only = true;
      c.reason = "no longer desired; not marked as pave's on the target, so it is forgotten but left in place";
    } else {
      c.action = Action::remove;
      c.reason = rec.app.empty() ? "no longer desired" : "app " + rec.app + " no longer deploys it";
      c.drift = drift_of(in, c.ref, live->second, rec);
    }
    p.changes.push_back(std::move(c));
  }
  sort_changes(p.changes);
  return p;
}

} // namespace pave::plan
