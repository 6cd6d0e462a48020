#include <doctest/doctest.h>

#include <mutex>

#include <pave/deploy/engine.hpp>
#include <pave/plan/order.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

/// A target that records calls; objects named "bad" fail to apply, and
/// workloads become ready after `ready_after` rollout polls.
class RecordingTarget : public targets::Target
{
public:
  std::mutex mutex;
  std::vector<std::string> calls;
  int polls = 0;
  int ready_after = 2;
  bool fail_rollout = false;

  std::string describe() const override { return "recording"; }
  plan::ScopeFn scope() override { return plan::builtin_scope; }
  util::Result<std::map<std::string, json>> refresh(const std::vector<plan::ObjectRef>&) override { return {}; }
  util::Result<json> apply(const json& object, const targets::ApplyOptions&) override
  {
    const std::lock_guard lock(mutex);
    const std::string name = object["metadata"]["name"];
    calls.push_back("apply " + std::string(object["kind"]) + "/" + name);
    if (name == "bad") {
      return util::fail("admission webhook denied the request");
    }
    return object;
  }
  util::Result<void> remove(const plan::ObjectRef& ref) override
  {
    const std::lock_guard lock(mutex);
    calls.push_back("delete " + ref.kind + "/" + ref.name);
    return {};
  }
  util::Result<targets::Rollout> rollout(const plan::ObjectRef&) override
  {
    ++polls;
    if (fail_rollout) {
      return targets::Rollout{false, true, "progress deadline exceeded"};
    }
    return targets::Rollout{polls > ready_after, false, fmt::format("{} of 2 replicas available", polls)};
  }
  int concurrency() const override { return 4; }
};

plan::Change change(plan::Action a, const std::string& kind, const std::string& name)
{
  plan::Change c;
  c.action = a;
  c.ref = {kind == "Deployment" ? "apps/v1" : "v1", kind, kind == "Namespace" ? "" : "ns", name};
  c.address = c.ref.address();
  c.wave = a == plan::Action::remove ? plan::delete_wave(kind) : plan::apply_wave(kind);
  if (a != plan::Action::remove) {
    c.desired = {{"apiVersion", c.ref.api_version}, {"kind", kind}, {"metadata", {{"name", name}}}};
  }
  return c;
}

} // namespace

TEST_CASE("deploy::apply")
{
  RecordingTarget target;
  test::FakeClock clock;
  plan::Plan p;
  p.changes = {change(plan::Action::create, "Deployment", "web"), change(plan::Action::create, "Namespace", "ns"),
               change(plan::Action::remove, "ConfigMap", "old"), change(plan::Action::noop, "Service", "web"),
               change(plan::Action::replace, "ConfigMap", "cfg")};
  plan::sort_changes(p.changes);
  deploy::Options o;
  o.poll = std::chrono::milliseconds(100);

  SUBCASE("waves in order, replace as delete then apply, no-ops untouched, waits for rollout")
  {
    std::vector<deploy::Event> events;
    const auto r = deploy::apply(target, p, o, clock, [&](const deploy::Event& e) { events.push_back(e); });
    CHECK_FALSE(r.failed);
    CHECK(target.calls == std::vector<std::string>{"apply Namespace/ns", "delete ConfigMap/cfg", "apply ConfigMap/cfg",
                                                   "apply Deployment/web", "delete ConfigMap/old"});
    CHECK(r.outcomes.size() == 4);
    CHECK(target.polls == 3);
    CHECK(r.elapsed == std::chrono::milliseconds(200));
    CHECK(clock.sleeps.size() == 2);
    CHECK(events.back().kind == deploy::Event::Kind::ready);
  }
  SUBCASE("a failed apply stops before the next wave")
  {
    p.changes[1] = change(plan::Action::create, "ConfigMap", "bad");
    plan::sort_changes(p.changes);
    const auto r = deploy::apply(target, p, o, clock, {});
    CHECK(r.failed);
    CHECK(r.failure == "ConfigMap ns/bad: admission webhook denied the request");
    CHECK(std::find(target.calls.begin(), target.calls.end(), "apply Deployment/web") == target.calls.end());
  }
  SUBCASE("a failed rollout and a rollout timeout are failures")
  {
    target.fail_rollout = true;
    auto r = deploy::apply(target, p, o, clock, {});
    CHECK(r.failed);
    CHECK(r.failure == "Deployment ns/web failed to roll out: progress deadline exceeded");
    target.fail_rollout = false;
    target.ready_after = 1000000;
    target.polls = 0;
    o.timeout = std::chrono::seconds(1);
    r = deploy::apply(target, p, o, clock, {});
    CHECK(r.failed);
    CHECK(r.failure.starts_with("timed out after 1s waiting for Deployment ns/web to roll out"));
  }
  SUBCASE("--no-wait does not poll")
  {
    o.wait = false;
    CHECK_FALSE(deploy::apply(target, p, o, clock, {}).failed);
    CHECK(target.polls == 0);
  }
}
