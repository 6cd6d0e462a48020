#include <doctest/doctest.h>

#include <pave/state/state.hpp>

using namespace pave;
using nlohmann::json;

namespace {

state::ResourceRecord record(std::string address)
{
  state::ResourceRecord r;
  r.address = std::move(address);
  return r;
}

} // namespace

TEST_CASE("state::State find, upsert, remove")
{
  state::State s;
  s.upsert(record("k8s:v1/Service/shop/web"));
  s.upsert(record("k8s:apps/v1/Deployment/shop/web"));
  s.upsert(record("k8s:v1/Namespace//shop"));
  REQUIRE(s.resources.size() == 3);
  CHECK(s.resources[0].address == "k8s:apps/v1/Deployment/shop/web");
  CHECK(s.resources[1].address == "k8s:v1/Namespace//shop");
  CHECK(s.resources[2].address == "k8s:v1/Service/shop/web");
  REQUIRE(s.find("k8s:v1/Namespace//shop") != nullptr);
  CHECK(s.find("k8s:v1/Namespace//shopx") == nullptr);
  CHECK(s.find("") == nullptr);

  auto r = record("k8s:v1/Namespace//shop");
  r.revision = 7;
  s.upsert(r);
  CHECK(s.resources.size() == 3);
  CHECK(s.find("k8s:v1/Namespace//shop")->revision == 7);

  CHECK(s.remove("k8s:v1/Namespace//shop"));
  CHECK_FALSE(s.remove("k8s:v1/Namespace//shop"));
  CHECK(s.resources.size() == 2);
}

TEST_CASE("state::new_state")
{
  const auto a = state::new_state("dev");
  const auto b = state::new_state("dev");
  CHECK(a.environment == "dev");
  CHECK(a.serial == 0);
  CHECK(a.lineage.size() == 36);
  CHECK(a.lineage[14] == '4');
  CHECK(a.lineage != b.lineage);
}

TEST_CASE("state::add_revision")
{
  state::State s;
  SUBCASE("numbers revisions and supersedes the previous deployed one")
  {
    state::Revision r;
    r.operation = "deploy";
    r.status = "deployed";
    CHECK(state::add_revision(s, r) == 1);
    r.status = "failed";
    CHECK(state::add_revision(s, r) == 2);
    r.status = "deployed";
    CHECK(state::add_revision(s, r) == 3);
    CHECK(s.revisions[0].status == "superseded");
    CHECK(s.revisions[1].status == "failed");
    CHECK(s.revisions[2].status == "deployed");
    CHECK(s.revisions[2].time.size() == 20);
    CHECK(s.last_revision() == 3);
  }
  SUBCASE("keeps k_revisions_kept, objects only for the newest k_revisions_with_objects")
  {
    for (int i = 0; i < 60; ++i) {
      state::Revision r;
      r.status = "deployed";
      r.objects["k8s:v1/ConfigMap/a/b"] = json{{"n", i}};
      state::add_revision(s, r);
    }
    REQUIRE(s.revisions.size() == state::k_revisions_kept);
    CHECK(s.revisions.front().number == 11);
    CHECK(s.revisions.back().number == 60);
    const std::size_t with = state::k_revisions_kept - state::k_revisions_with_objects;
    CHECK(s.revisions[with - 1].objects.empty());
    CHECK(s.revisions[with].objects.size() == 1);
    CHECK(s.revisions.back().objects["k8s:v1/ConfigMap/a/b"]["n"] == 59);
  }
}

TEST_CASE("state::redact_secret")
{
  const json secret = json::parse(R"({
    "apiVersion": "v1", "kind": "Secret",
    "metadata": {"name": "db", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"data\":1}", "a": "b"}},
    "type": "Opaque",
    "data": {"password": "aHVudGVyMg=="},
    "stringData": {"user": "admin", "n": 5}
  })");
  const json r = state::redact_secret(secret);
  CHECK(r["data"]["password"] == "sha256:b073aefd7c9215dd0179def431a8e7b5b1c39770f72ab676e9d9bd4a466268d1");
  CHECK(r["stringData"]["user"] == "sha256:8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918");
  CHECK(r["stringData"]["n"].get<std::string>().starts_with("sha256:"));
  CHECK(r["metadata"]["annotations"]["a"] == "b");
  CHECK(r["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"].get<std::string>().starts_with(
    "sha256:"));
  CHECK(r["type"] == "Opaque");
  CHECK(r.dump().find("admin") == std::string::npos);
  CHECK(r.dump().find("aHVudGVyMg") == std::string::npos);
  // pure: the input is unchanged, and other kinds pass through
  CHECK(secret["stringData"]["user"] == "admin");
  const json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"data", {{"k", "v"}}}};
  CHECK(state::redact_secret(cm) == cm);
  const json crd = {{"apiVersion", "example.com/v1"}, {"kind", "Secret"}, {"data", {{"k", "v"}}}};
  CHECK(state::redact_secret(crd) == crd);
  CHECK(state::redact_secret(json()) == json());
}

TEST_CASE("state::canonical_json and object_digest")
{
  const json a = json::parse(R"({"b": [1, 2.5, "x"], "a": {"z": null, "y": true}})");
  CHECK(state::canonical_json(a) == R"({"a":{"y":true,"z":null},"b":[1,2.5,"x"]})");
  CHECK(state::object_digest(json::object()) ==
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"); // sha256("{}")
  CHECK(state::k8s_address("apps/v1", "Deployment", "shop", "web") == "k8s:apps/v1/Deployment/shop/web");
  CHECK(state::k8s_address("v1", "Namespace", "", "shop") == "k8s:v1/Namespace//shop");
}
