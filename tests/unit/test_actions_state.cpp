#include <doctest/doctest.h>

#include <pave/actions/history.hpp>
#include <pave/actions/state.hpp>
#include <pave/state/state_file.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;

namespace {

/// A hand-written state (no checksum, no lineage) with `n` ConfigMaps.
std::string hand_written(int n, std::uint64_t serial = 0)
{
  json doc = {{"format_version", 1}, {"serial", serial}, {"lineage", ""},         {"environment", "dev"},
              {"resources", json::array()}, {"revisions", json::array()}, {"objects", json::object()}};
  for (int i = 0; i < n; ++i) {
    const std::string name = "cm" + std::to_string(i);
    doc["resources"].push_back({{"address", "k8s:v1/ConfigMap/shop/" + name},
                                {"app", "web"},
                                {"api_version", "v1"},
                                {"kind", "ConfigMap"},
                                {"namespace", "shop"},
                                {"name", name},
                                {"digest", ""},
                                {"revision", 1}});
  }
  return doc.dump();
}

actions::StateOptions options()
{
  actions::StateOptions o;
  o.project_dir = ".";
  o.environment = "dev";
  return o;
}

} // namespace

TEST_CASE("actions::state_push and state_rm")
{
  test::TestContext ctx;
  const auto o = options();
  test::write_file("hand.json", hand_written(3));

  actions::StatePushOptions push;
  push.file = "hand.json";
  CHECK(actions::state_push(o, push).error().message ==
        "state file hand.json is corrupt: it has no checksum (truncated or written by hand)");
  push.allow_no_checksum = true;
  const auto pushed = actions::state_push(o, push);
  REQUIRE(pushed);
  CHECK(pushed->serial == 1);
  CHECK(pushed->resources == 3);
  CHECK(pushed->store == "local .pave/state/dev.json");

  SUBCASE("rm forgets resources and records a revision")
  {
    const auto r = actions::state_rm(o, {"k8s:v1/ConfigMap/shop/cm1", "k8s:v1/ConfigMap/shop/cm1"});
    REQUIRE(r);
    CHECK(r->removed == std::vector<std::string>{"k8s:v1/ConfigMap/shop/cm1"});
    CHECK(r->serial == 2);
    CHECK(r->revision == 1);
    CHECK(r->resources == 2);
    const auto h = actions::history(o).value();
    REQUIRE(h.revisions.size() == 1);
    CHECK(h.revisions[0].operation == "state rm");
    CHECK(h.revisions[0].description == "forgot k8s:v1/ConfigMap/shop/cm1");
    CHECK(actions::state_rm(o, {"k8s:v1/ConfigMap/shop/cm0", "k8s:v1/ConfigMap/shop/nope"}).error().message ==
          "not in the state of dev: k8s:v1/ConfigMap/shop/nope; nothing was removed");
    CHECK(actions::state_read(o).value().state->resources.size() == 2);
  }
  SUBCASE("show finds a resource or suggests one")
  {
    CHECK(actions::state_show(o, "k8s:v1/ConfigMap/shop/cm2").value().name == "cm2");
    // Read record by record, it is the record of the whole state.
    json doc = json::parse(hand_written(3));
    const std::string ref = "sha256:" + std::string(64, 'a');
    doc["objects"][ref] = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"data", {{"k", 1.5}}}};
    doc["resources"][1]["applied"] = ref;
    doc["resources"][1]["digest"] = ref;
    doc["resources"][1]["revision"] = 7;
    doc["serial"] = 2;
    test::write_file("hand2.json", doc.dump());
    push.file = "hand2.json";
    const auto again = actions::state_push(o, push);
    REQUIRE_MESSAGE(again, (again ? "" : again.error().message));
    const auto snap = actions::state_read(o).value();
    const auto shown = actions::state_show(o, "k8s:v1/ConfigMap/shop/cm1").value();
    CHECK(shown == *snap.state->find("k8s:v1/ConfigMap/shop/cm1"));
    CHECK(shown.revision == 7);
    CHECK(shown.applied["data"]["k"] == 1.5);
    CHECK(actions::state_show(o, "k8s:v1/ConfigMap/shop/cm0").value() == *snap.state->find("k8s:v1/ConfigMap/shop/cm0"));
    const auto r = actions::state_show(o, "k8s:v1/ConfigMap/shop/cm22");
    CHECK(r.error().message == "no resource k8s:v1/ConfigMap/shop/cm22 in the state of dev");
    CHECK(r.error().detail == "did you mean k8s:v1/ConfigMap/shop/cm2?");
  }
  SUBCASE("pull and push round-trip; push refuses an older serial or another lineage")
  {
    const auto pulled = actions::state_pull(o);
    REQUIRE(pulled);
    test::write_file("pulled.json", *pulled);
    REQUIRE(actions::state_rm(o, {"k8s:v1/ConfigMap/shop/cm0"}));
    actions::StatePushOptions again;
    again.file = "pulled.json";
    CHECK(actions::state_push(o, again).error().message ==
          "pulled.json has serial 1, older than the stored serial 2; use --force to replace it");
    again.force = true;
    const auto forced = actions::state_push(o, again);
    REQUIRE(forced);
    CHECK(forced->serial == 3);
    CHECK(forced->resources == 3);

    test::write_file("other.json", hand_written(1, 10));
    auto doc = json::parse(test::read_file("other.json"));
    doc["lineage"] = "another";
    test::write_file("other.json", doc.dump());
    actions::StatePushOptions other;
    other.file = "other.json";
    other.allow_no_checksum = true;
    CHECK(actions::state_push(o, other).error().message.starts_with("other.json has lineage another but the state of dev has lineage "));
    doc["environment"] = "prod";
    test::write_file("other.json", doc.dump());
    CHECK(actions::state_push(o, other).error().message ==
          "other.json is the state of environment prod, not dev; use --force to push it anyway");
  }
  SUBCASE("unlock needs the recorded id")
  {
    CHECK(actions::state_unlock(o, "x").error().message ==
          "the state of local .pave/state/dev.json is not locked (no lock record in .pave/state/dev.json.lock)");
  }
}

TEST_CASE("actions::history without a state")
{
  test::TestContext ctx;
  const auto h = actions::history(options());
  REQUIRE(h);
  CHECK(h->revisions.empty());
  CHECK(actions::state_pull(options()).error().message ==
        "there is no state for environment dev yet (local .pave/state/dev.json)");
}
