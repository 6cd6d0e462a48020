#include <doctest/doctest.h>

#include <pave/targets/directory.hpp>
#include <pave/util/fs.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

TEST_CASE("targets::DirectoryTarget")
{
  test::TestContext tc;
  targets::DirectoryTarget t(tc.dir() / "out");
  const json cm = {{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata", {{"name", "cfg"}, {"namespace", "shop"}}},
                   {"data", {{"port", "8080"}, {"on", "yes"}}}};
  const json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}}}};
  const json dep = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "web"}, {"namespace", "shop"}}}};
  REQUIRE(t.apply(cm, {}));
  REQUIRE(t.apply(ns, {}));
  REQUIRE(t.apply(dep, {}));
  CHECK(util::exists("out/shop/configmap-cfg.yaml"));
  CHECK(util::exists("out/_cluster/namespace-shop.yaml"));
  CHECK(util::exists("out/shop/deployment.apps-web.yaml"));
  CHECK(test::read_file("out/shop/configmap-cfg.yaml").starts_with("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"));

  const auto refs = std::vector<plan::ObjectRef>{*plan::object_ref(cm, "t"), *plan::object_ref(ns, "t"),
                                                 plan::ObjectRef{"v1", "Secret", "shop", "nope"}};
  const auto live = t.refresh(refs);
  REQUIRE(live);
  CHECK(live->size() == 2);
  CHECK(live->at("k8s:v1/ConfigMap/shop/cfg") == cm); // strings that look like numbers or bools stay strings

  REQUIRE(t.remove(*plan::object_ref(cm, "t")));
  REQUIRE(t.remove(*plan::object_ref(cm, "t"))); // already gone: fine
  CHECK_FALSE(util::exists("out/shop/configmap-cfg.yaml"));
  CHECK(util::exists("out/shop/deployment.apps-web.yaml"));
}

TEST_CASE("targets::Target::visit_live and visit_objects (defaults)")
{
  test::TestContext tc;
  targets::DirectoryTarget t(tc.dir() / "out");
  std::vector<plan::ObjectRef> refs;
  for (std::size_t i = 0; i < targets::k_visit_batch + 10; ++i) {
    const json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "cm-" + std::to_string(i)}, {"namespace", "a"}}}};
    if (i % 7 != 3) {
      REQUIRE(t.apply(cm, {}));
    }
    refs.push_back(*plan::object_ref(cm, "t"));
  }
  std::vector<std::size_t> seen;
  REQUIRE(t.visit_live(refs, [&](std::size_t i, json&& object) -> util::Result<void> {
    CHECK(object["metadata"]["name"] == refs[i].name);
    seen.push_back(i);
    return {};
  }));
  std::vector<std::size_t> want;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (i % 7 != 3) {
      want.push_back(i);
    }
  }
  CHECK(seen == want); // in the order of the refs, batch after batch, the missing ones left out

  std::size_t calls = 0;
  CHECK(t.visit_live(refs, [&](std::size_t, json&&) -> util::Result<void> {
          ++calls;
          return util::fail("archive full");
        }).error().message == "archive full");
  CHECK(calls == 1);

  CHECK(t.visit_objects({}, [](json&&) -> util::Result<void> { return {}; }).error().message ==
        t.describe() + " cannot list all its objects (--all-resources needs a Kubernetes cluster)");
}
