#include <doctest/doctest.h>

#include <pave/plan/diff.hpp>
#include <pave/plan/immutable.hpp>

using namespace pave;
using nlohmann::json;

TEST_CASE("plan::diff")
{
  SUBCASE("equal objects have no changes; numbers compare by value")
  {
    CHECK(plan::diff(json{{"a", 1}}, json{{"a", 1.0}}, "ConfigMap").empty());
  }
  SUBCASE("changed, added and removed fields, in key order")
  {
    const json before = {{"spec", {{"replicas", 1}, {"old", true}}}};
    const json after = {{"spec", {{"replicas", 3}, {"paused", false}}}};
    const auto d = plan::diff(before, after, "Deployment");
    REQUIRE(d.size() == 3);
    CHECK(d[0].path == ".spec.old");
    CHECK(d[0].after.is_null());
    CHECK(d[1].path == ".spec.paused");
    CHECK(d[1].before.is_null());
    CHECK(d[2].path == ".spec.replicas");
    CHECK(d[2].before == 1);
    CHECK(d[2].after == 3);
  }
  SUBCASE("lists of equal length are compared element by element")
  {
    const json before = {{"c", json::array({{{"image", "a:1"}, {"name", "x"}}})}};
    const json after = {{"c", json::array({{{"image", "a:2"}, {"name", "x"}}})}};
    const auto d = plan::diff(before, after, "Pod");
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == ".c[0].image");
  }
  SUBCASE("lists of different length change as a whole")
  {
    const auto d = plan::diff(json{{"l", {1, 2}}}, json{{"l", {1, 2, 3}}}, "X");
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == ".l");
  }
  SUBCASE("keys with dots or slashes are quoted")
  {
    const auto d = plan::diff(json{{"labels", {{"app.kubernetes.io/name", "a"}}}},
                              json{{"labels", {{"app.kubernetes.io/name", "b"}}}}, "X");
    REQUIRE(d.size() == 1);
    CHECK(d[0].path == ".labels[\"app.kubernetes.io/name\"]");
  }
  SUBCASE("Secret values are sensitive and never carried")
  {
    const auto d = plan::diff(json{{"data", {{"k", "YQ=="}}}}, json{{"data", {{"k", "Yg=="}}}}, "Secret");
    REQUIRE(d.size() == 1);
    CHECK(d[0].sensitive);
    CHECK(d[0].before.is_null());
    CHECK(d[0].after.is_null());
  }
}

TEST_CASE("plan::project and strip_server_fields")
{
  const json live = {{"metadata", {{"name", "a"}, {"uid", "u"}, {"resourceVersion", "7"}, {"labels", {{"x", "1"}}}}},
                     {"spec", {{"replicas", 2}, {"revisionHistoryLimit", 10}}},
                     {"status", {{"readyReplicas", 2}}}};
  const json shape = {{"metadata", {{"name", "a"}}}, {"spec", {{"replicas", 3}}}};
  const json p = plan::project(plan::strip_server_fields(live), shape);
  CHECK(p == json{{"metadata", {{"name", "a"}}}, {"spec", {{"replicas", 2}}}});
  CHECK_FALSE(plan::strip_server_fields(live)["metadata"].contains("uid"));
  CHECK_FALSE(plan::strip_server_fields(live).contains("status"));
}

TEST_CASE("plan::normalize_secret")
{
  const json s = {{"kind", "Secret"}, {"stringData", {{"password", "hunter2"}}}, {"data", {{"a", "Yg=="}}}};
  const json n = plan::normalize_secret(s);
  CHECK_FALSE(n.contains("stringData"));
  CHECK(n["data"]["password"] == "aHVudGVyMg==");
  CHECK(n["data"]["a"] == "Yg==");
  CHECK(plan::normalize_secret(json{{"kind", "ConfigMap"}, {"stringData", 1}}).contains("stringData"));
}

TEST_CASE("plan::forces_replace")
{
  CHECK(plan::forces_replace("Deployment", ".spec.selector.matchLabels.app", {}));
  CHECK_FALSE(plan::forces_replace("Deployment", ".spec.replicas", {}));
  CHECK_FALSE(plan::forces_replace("Deployment", ".spec.selectorX", {}));
  CHECK(plan::forces_replace("Job", ".spec.template.spec.containers[0].image", {}));
  CHECK(plan::forces_replace("ConfigMap", ".data.key", json{{"immutable", true}}));
  CHECK_FALSE(plan::forces_replace("ConfigMap", ".data.key", json{{"immutable", false}}));
}
