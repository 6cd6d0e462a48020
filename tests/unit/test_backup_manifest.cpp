#include <doctest/doctest.h>

#include <pave/backup/catalog.hpp>
#include <pave/backup/manifest.hpp>

using namespace pave;

namespace {

backup::Manifest sample()
{
  backup::Manifest m;
  m.header.id = "dev-20261121T020000Z";
  m.header.environment = "dev";
  m.header.created = "2026-11-21T02:00:00Z";
  m.header.cluster = "kubernetes https://127.0.0.1:6443 (context double)";
  m.header.pave_version = "0.1.0";
  m.header.scope = "managed";
  m.header.counts = backup::Counts{2, 1, 0, true, {{"Deployment", 1}, {"Namespace", 1}}};
  m.entries.push_back({"resources/_cluster/Namespace/shop.json", "resource", "k8s:v1/Namespace//shop", 10,
                       std::string(64, 'a')});
  m.entries.push_back({"resources/shop/Deployment.apps/web.json", "resource", "k8s:apps/v1/Deployment/shop/web", 20,
                       std::string(64, 'b')});
  m.entries.push_back({"state/state.json", "state", "", 30, std::string(64, 'c')});
  return m;
}

} // namespace

TEST_CASE("backup::parse_manifest")
{
  const auto m = sample();
  const auto back = backup::parse_manifest(backup::to_json(m).dump());
  REQUIRE(back);
  CHECK(*back == m);

  auto broken = [&](auto edit) {
    auto j = nlohmann::json::parse(backup::to_json(m).dump());
    edit(j);
    const auto r = backup::parse_manifest(j.dump());
    REQUIRE_FALSE(r);
    return r.error().message;
  };
  CHECK(backup::parse_manifest("{").error().message == "manifest: not valid JSON");
  CHECK(broken([](auto& j) { j["format_version"] = 2; }) == "manifest: unsupported format_version 2 (this pave reads 1)");
  CHECK(broken([](auto& j) { j.erase("id"); }) == "manifest: missing id");
  CHECK(broken([](auto& j) { j["id"] = "../x"; }) == "manifest: id \"../x\" is not a backup id");
  CHECK(broken([](auto& j) { j["counts"]["resources"] = -1; }) == "manifest: counts.resources is out of range");
  CHECK(broken([](auto& j) { j["counts"]["state"] = 1; }) == "manifest: counts.state is not a boolean");
  CHECK(broken([](auto& j) { j["entries"][1]["sha256"] = "xyz"; }) == "manifest: entries[1].sha256 is not 64 hex digits");
  CHECK(broken([](auto& j) { j["entries"][0]["type"] = "blob"; }) ==
        "manifest: entries[0].type \"blob\" is not resource, state or file");
  CHECK(broken([](auto& j) { j["entries"][2]["path"] = "manifest.json"; }) ==
        "manifest: entries[2].path \"manifest.json\" is not allowed");
  CHECK(broken([](auto& j) { j["entries"][0]["size"] = 1.5; }) == "manifest: entries[0]: size is not an integer");
  CHECK(broken([](auto& j) { j["entries"] = 3; }) == "manifest: entries is not an array");
}

TEST_CASE("backup::resource_entry_path")
{
  CHECK(backup::resource_entry_path("apps/v1", "Deployment", "shop", "web") == "resources/shop/Deployment.apps/web.json");
  CHECK(backup::resource_entry_path("v1", "Namespace", "", "shop") == "resources/_cluster/Namespace/shop.json");
}

TEST_CASE("backup::parse_record")
{
  backup::BackupInfo i;
  i.id = "dev-1";
  i.environment = "dev";
  i.created_text = "2026-11-21T02:00:00Z";
  i.size = 1234;
  i.sha256 = std::string(64, 'e');
  i.key_kind = "passphrase";
  i.counts.resources = 3;
  const auto back = backup::parse_record(backup::to_json(i).dump());
  REQUIRE(back);
  CHECK(back->id == "dev-1");
  CHECK(back->size == 1234);
  CHECK(back->key_kind == "passphrase");
  CHECK(back->counts.resources == 3);
  CHECK(back->created == std::chrono::system_clock::time_point(std::chrono::seconds(1795226400)));
  auto j = backup::to_json(i);
  j["archive"]["key"] = "rot13";
  CHECK(backup::parse_record(j.dump()).error().message == "backup record: archive.key is not \"key\" or \"passphrase\"");
  j = backup::to_json(i);
  j["created"] = "yesterday";
  CHECK(backup::parse_record(j.dump()).error().message == "backup record: created \"yesterday\" is not an RFC 3339 time");
}
