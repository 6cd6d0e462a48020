#include <doctest/doctest.h>

#include <pave/plan/plan_file.hpp>
#include <pave/plan/planner.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/sha256.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

json deployment(const std::string& name, int replicas)
{
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata",
           {{"name", name},
            {"namespace", "shop"},
            {"labels", {{"pave.dev/app", "web"}}},
            {"annotations", {{"pave.dev/environment", "dev"}}}}},
          {"spec", {{"replicas", replicas}, {"selector", {{"matchLabels", {{"app", name}}}}}}}};
}

plan::DesiredObject desired(const json& object)
{
  plan::DesiredObject o;
  o.ref = *plan::object_ref(object, "test");
  o.address = o.ref.address();
  o.app = "web";
  o.object = object;
  return o;
}

json live_of(json object)
{
  object["metadata"]["uid"] = "1234";
  object["metadata"]["resourceVersion"] = "9";
  object["spec"]["revisionHistoryLimit"] = 10; // a server default
  object["status"] = {{"readyReplicas", 1}};
  return object;
}

const plan::Change& find(const plan::Plan& p, const std::string& name)
{
  for (const auto& c : p.changes) {
    if (c.ref.name == name) {
      return c;
    }
  }
  FAIL("no change for " << name);
  return p.changes.front();
}

} // namespace

TEST_CASE("plan::make_plan")
{
  plan::DesiredState d;
  d.objects = {desired(deployment("a", 1)), desired(deployment("b", 2)), desired(deployment("c", 1))};
  plan::PlanInputs in;
  in.environment = "dev";
  in.desired = &d;
  in.redact = [](const json& j) { return j; };
  // a: not live; b: live with 1 replica (changed in charts); c: live and equal.
  in.live[d.objects[1].address] = live_of(deployment("b", 1));
  in.live[d.objects[2].address] = live_of(deployment("c", 1));
  // d: recorded, no longer desired, still live and marked as pave's.
  const json old = deployment("d", 1);
  in.recorded["k8s:apps/v1/Deployment/shop/d"] = {"web", old};
  in.live["k8s:apps/v1/Deployment/shop/d"] = live_of(old);
  // c was recorded with 1 replica but someone scaled it to 5 and back? No: record says 4 -> drift.
  in.recorded[d.objects[2].address] = {"web", deployment("c", 4)};

  const plan::Plan p = plan::make_plan(in);
  CHECK(find(p, "a").action == plan::Action::create);
  const auto& b = find(p, "b");
  CHECK(b.action == plan::Action::update);
  REQUIRE(b.fields.size() == 1);
  CHECK(b.fields[0].path == ".spec.replicas");
  const auto& c = find(p, "c");
  CHECK(c.action == plan::Action::noop);
  REQUIRE(c.drift.size() == 1);
  CHECK(c.drift[0].path == ".spec.replicas");
  CHECK(c.drift[0].before == 4);
  CHECK(c.drift[0].after == 1);
  const auto& del = find(p, "d");
  CHECK(del.action == plan::Action::remove);
  CHECK_FALSE(del.forget_only);
  CHECK(p.changes.back().ref.name == "d"); // deletes come last
  const auto s = p.summary();
  CHECK(s.create == 1);
  CHECK(s.update == 1);
  CHECK(s.remove == 1);
  CHECK(s.noop == 1);
  CHECK(s.drifted == 1);
  CHECK(plan::summary_line(s) == "Plan: 1 to add, 1 to change, 1 to destroy.");
}

TEST_CASE("plan::make_plan replaces on immutable fields and forgets unowned objects")
{
  plan::DesiredState d;
  json want = deployment("a", 1);
  want["spec"]["selector"]["matchLabels"]["app"] = "new";
  d.objects = {desired(want)};
  plan::PlanInputs in;
  in.environment = "dev";
  in.desired = &d;
  in.live[d.objects[0].address] = live_of(deployment("a", 1));
  json foreign = deployment("z", 1);
  foreign["metadata"].erase("annotations");
  in.recorded["k8s:apps/v1/Deployment/shop/z"] = {"web", deployment("z", 1)};
  in.live["k8s:apps/v1/Deployment/shop/z"] = foreign;
  const auto p = plan::make_plan(in);
  CHECK(find(p, "a").action == plan::Action::replace);
  CHECK(find(p, "a").fields[0].forces_replace);
  CHECK(find(p, "z").action == plan::Action::remove);
  CHECK(find(p, "z").forget_only);
}

TEST_CASE("plan::selected")
{
  CHECK(plan::selected({}, "k8s:v1/ConfigMap/a/b", "web"));
  CHECK(plan::selected({"k8s:v1/ConfigMap/*"}, "k8s:v1/ConfigMap/a/b", "web"));
  CHECK_FALSE(plan::selected({"k8s:apps/*"}, "k8s:v1/ConfigMap/a/b", "web"));
  CHECK(plan::selected({"app:web"}, "k8s:v1/ConfigMap/a/b", "web"));
  CHECK_FALSE(plan::selected({"app:api"}, "k8s:v1/ConfigMap/a/b", "web"));
}

TEST_CASE("plan file round trip, alteration and staleness")
{
  test::TestContext tc;
  plan::DesiredState d;
  d.objects = {desired(deployment("a", 1))};
  plan::PlanInputs in;
  in.environment = "dev";
  in.desired = &d;
  plan::Plan p = plan::make_plan(in);
  p.lineage = "L";
  p.serial = 4;
  REQUIRE(plan::save_plan(p, "x.plan"));
  auto back = plan::load_plan("x.plan");
  REQUIRE(back);
  CHECK(back->changes.size() == 1);
  CHECK(back->changes[0].desired == d.objects[0].object);
  CHECK(plan::check_fresh(*back, "x.plan", "dev", "L", 4));
  CHECK(plan::check_fresh(*back, "x.plan", "dev", "L", 5).error().message ==
        "plan x.plan is stale: it was made against state serial 4, the state is now at serial 5; run pave plan again");

  std::string text = test::read_file("x.plan");
  text.replace(text.find("\"replicas\": 1"), 13, "\"replicas\": 9");
  test::write_file("y.plan", text);
  CHECK(plan::load_plan("y.plan").error().message ==
        "y.plan was altered after it was saved (checksum mismatch); run pave plan again");
  test::write_file("z.plan", text.substr(0, text.size() / 2));
  CHECK(plan::load_plan("z.plan").error().message == "z.plan is not a pave plan file: not a JSON object (truncated?)");
}

TEST_CASE("plan::parse_address")
{
  const auto r = plan::parse_address("k8s:apps/v1/Deployment/shop/web");
  REQUIRE(r);
  CHECK(r->api_version == "apps/v1");
  CHECK(r->kind == "Deployment");
  CHECK(r->namespace_ == "shop");
  CHECK(r->name == "web");
  CHECK(plan::parse_address("k8s:v1/Namespace//shop")->namespace_.empty());
  CHECK_FALSE(plan::parse_address("aws:s3_bucket/x"));
  CHECK_FALSE(plan::parse_address("k8s:Deployment/web"));
  // split_address: the same parts, as views into the address.
  const std::string a = "k8s:rbac.authorization.k8s.io/v1/ClusterRole//view";
  const auto p = plan::split_address(a);
  REQUIRE(p);
  CHECK(p->api_version == "rbac.authorization.k8s.io/v1");
  CHECK(p->kind == "ClusterRole");
  CHECK(p->namespace_.empty());
  CHECK(p->name == "view");
  CHECK(p->name.data() == a.data() + a.size() - 4);
  CHECK_FALSE(plan::split_address("k8s:v1//ns/x"));
  CHECK_FALSE(plan::split_address("aws:s3_bucket/x"));
}

TEST_CASE("plan::parse_plan refuses mistyped numbers")
{
  const std::string base = R"({"format_version":1,"environment":"dev","target":"t","state":{"lineage":"L","serial":SERIAL},)"
                           R"("created":"c","pave_version":"v","apps":{},"changes":[]})";
  auto with = [&](const std::string& serial) {
    std::string text = base;
    text.replace(text.find("SERIAL"), 6, serial);
    auto j = nlohmann::ordered_json::parse(text);
    j["checksum"] = util::sha256_tagged(j.dump());
    return plan::parse_plan(j.dump(), "p");
  };
  CHECK(with("3"));
  CHECK_FALSE(with("1e300"));
  CHECK_FALSE(with("-1"));
  CHECK_FALSE(with("\"3\""));
}
