#include <doctest/doctest.h>

#include <pave/backup/select.hpp>

using namespace pave;
using json = nlohmann::json;

namespace {

json deployment(const std::string& ns, json labels = json::object())
{
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", "web"}, {"namespace", ns}, {"labels", labels}}},
          {"spec", {{"replicas", 2}}}};
}

} // namespace

TEST_CASE("backup::parse_selector and matches")
{
  const auto s = backup::parse_selector("app=web, tier!=cache,env in (prod, staging),!legacy,release").value();
  REQUIRE(s.requirements.size() == 5);
  CHECK(backup::matches(s, {{"app", "web"}, {"env", "prod"}, {"release", "r1"}}));
  CHECK_FALSE(backup::matches(s, {{"app", "web"}, {"env", "dev"}, {"release", "r1"}}));
  CHECK_FALSE(backup::matches(s, {{"app", "web"}, {"env", "prod"}, {"release", "r1"}, {"legacy", "y"}}));
  CHECK_FALSE(backup::matches(s, {{"app", "web"}, {"env", "prod"}, {"release", "r1"}, {"tier", "cache"}}));
  CHECK_FALSE(backup::matches(s, json()));
  CHECK(backup::matches(backup::parse_selector("").value(), json()));
  CHECK(backup::matches(backup::parse_selector("a==b").value(), {{"a", "b"}}));
  CHECK(backup::matches(backup::parse_selector("env notin (prod)").value(), json::object()));
  CHECK(backup::parse_selector("a in b").error().message ==
        "--selector: cannot parse \"a in b\": expected a (list) after in/notin");
  CHECK(backup::parse_selector("a,,b").error().message == "--selector: cannot parse \"a,,b\": empty requirement");
  CHECK(backup::parse_selector("a b c").error().message ==
        "--selector: cannot parse \"a b c\": expected =, !=, in or notin");
}

TEST_CASE("backup::in_scope")
{
  backup::Scope s;
  const json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}}}};
  const json role = {{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "ClusterRole"}, {"metadata", {{"name", "r"}}}};
  CHECK(backup::in_scope(s, deployment("shop")));
  CHECK(backup::in_scope(s, role));
  s.include_namespaces = {"shop"};
  CHECK(backup::in_scope(s, deployment("shop")));
  CHECK_FALSE(backup::in_scope(s, deployment("other")));
  CHECK(backup::in_scope(s, ns));
  CHECK_FALSE(backup::in_scope(s, role));
  s = {};
  s.exclude_namespaces = {"shop"};
  CHECK_FALSE(backup::in_scope(s, deployment("shop")));
  CHECK_FALSE(backup::in_scope(s, ns));
  s = {};
  for (const char* k : {"Deployment", "deployment", "deployments", "deployments.apps", "Deployment.apps"}) {
    CAPTURE(k);
    s.include_kinds = {k};
    CHECK(backup::in_scope(s, deployment("shop")));
  }
  s.include_kinds = {"deployments.extensions"};
  CHECK_FALSE(backup::in_scope(s, deployment("shop")));
  s = {};
  s.exclude_kinds = {"Deployment"};
  CHECK_FALSE(backup::in_scope(s, deployment("shop")));
  CHECK(backup::in_scope(s, ns));
  s = {};
  s.selector = backup::parse_selector("tier=web").value();
  CHECK(backup::in_scope(s, deployment("shop", {{"tier", "web"}})));
  CHECK_FALSE(backup::in_scope(s, deployment("shop")));
  CHECK(s.describe(false) == "managed; selector=tier=web");
}

TEST_CASE("backup::clean_for_backup")
{
  json svc = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata",
               {{"name", "web"},
                {"namespace", "shop"},
                {"uid", "u"},
                {"resourceVersion", "7"},
                {"managedFields", json::array()},
                {"ownerReferences", json::array({{{"kind", "X"}, {"uid", "u2"}}})},
                {"annotations", {{"kubectl.kubernetes.io/last-applied-configuration", "{}"}}}}},
              {"spec", {{"clusterIP", "10.0.0.1"}, {"clusterIPs", {"10.0.0.1"}}, {"ports", json::array()}}},
              {"status", {{"loadBalancer", json::object()}}}};
  const json clean = backup::clean_for_backup(svc);
  CHECK(clean == json{{"apiVersion", "v1"},
                      {"kind", "Service"},
                      {"metadata", {{"name", "web"}, {"namespace", "shop"}}},
                      {"spec", {{"ports", json::array()}}}});
  svc["spec"]["clusterIP"] = "None";
  CHECK(backup::clean_for_backup(svc)["spec"]["clusterIP"] == "None");
  const json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "a"}}},
                   {"spec", {{"finalizers", {"kubernetes"}}}}};
  CHECK_FALSE(backup::clean_for_backup(ns).contains("spec"));
  CHECK(backup::controlled({{"metadata", {{"ownerReferences", {{{"controller", true}}}}}}}));
  CHECK_FALSE(backup::controlled({{"metadata", {{"ownerReferences", {{{"controller", false}}}}}}}));
  CHECK_FALSE(backup::controlled(deployment("x")));
}

TEST_CASE("backup::parse_namespace_mapping and map_namespace")
{
  const auto m = backup::parse_namespace_mapping({"shop:shop-copy", "a:b,c:d"}).value();
  CHECK(m == std::map<std::string, std::string>{{"a", "b"}, {"c", "d"}, {"shop", "shop-copy"}});
  CHECK(backup::parse_namespace_mapping({"shop"}).error().message == "--namespace-mapping \"shop\": expected OLD:NEW");
  CHECK(backup::parse_namespace_mapping({"a:B"}).error().message ==
        "--namespace-mapping \"a:B\": \"B\" is not a valid namespace name");
  CHECK(backup::parse_namespace_mapping({"a:b", "a:c"}).error().message == "--namespace-mapping: namespace a is mapped twice");

  CHECK(backup::map_namespace(deployment("shop"), m)["metadata"]["namespace"] == "shop-copy");
  CHECK(backup::map_namespace(deployment("other"), m)["metadata"]["namespace"] == "other");
  const json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}}}};
  CHECK(backup::map_namespace(ns, m)["metadata"]["name"] == "shop-copy");
  const json rb = {{"apiVersion", "rbac.authorization.k8s.io/v1"},
                   {"kind", "RoleBinding"},
                   {"metadata", {{"name", "r"}, {"namespace", "shop"}}},
                   {"subjects", {{{"kind", "ServiceAccount"}, {"name", "web"}, {"namespace", "shop"}},
                                 {{"kind", "User"}, {"name", "shop"}}}}};
  const json mapped = backup::map_namespace(rb, m);
  CHECK(mapped["metadata"]["namespace"] == "shop-copy");
  CHECK(mapped["subjects"][0]["namespace"] == "shop-copy");
  CHECK(mapped["subjects"][1] == rb["subjects"][1]);
  // A ConfigMap named like a namespace is not renamed.
  const json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "shop"}, {"namespace", "x"}}}};
  CHECK(backup::map_namespace(cm, m) == cm);
}
