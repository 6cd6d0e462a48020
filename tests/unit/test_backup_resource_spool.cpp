#include <doctest/doctest.h>

#include <pave/backup/resource_spool.hpp>

using namespace pave;

namespace {

backup::SerializedResource entry(int i)
{
  backup::ResourceItem item{"k8s:v1/ConfigMap/a/cm-" + std::to_string(i), "v1", "ConfigMap", "a", "cm-" + std::to_string(i),
                            {{"apiVersion", "v1"},
                             {"kind", "ConfigMap"},
                             {"metadata", {{"name", "cm-" + std::to_string(i)}, {"namespace", "a"}}},
                             {"data", {{"k", std::string(static_cast<std::size_t>(i % 3000), 'v')}}}}};
  return backup::serialize(item);
}

bool same(const backup::SerializedResource& a, const backup::SerializedResource& b)
{
  return a.address == b.address && a.api_version == b.api_version && a.kind == b.kind && a.namespace_ == b.namespace_ &&
         a.name == b.name && a.body == b.body && a.sha256 == b.sha256;
}

} // namespace

TEST_CASE("backup::serialize")
{
  const auto e = entry(3);
  CHECK(e.body == entry(3).body);
  CHECK(nlohmann::json::parse(e.body)["data"]["k"] == "vvv");
  CHECK(e.body.ends_with("}\n"));
  backup::Sha256 h;
  h.update(e.body);
  CHECK(e.sha256 == h.hex());
}

TEST_CASE("backup::ResourceSpool")
{
  SUBCASE("empty")
  {
    backup::ResourceSpool spool;
    int n = 0;
    REQUIRE(spool.replay([&](backup::SerializedResource&&) -> util::Result<void> {
      ++n;
      return {};
    }));
    CHECK(n == 0);
  }
  SUBCASE("entries come back whole and in order")
  {
    backup::ResourceSpool spool;
    for (int i = 0; i < 2000; ++i) {
      REQUIRE(spool.put(entry(i)));
    }
    CHECK(spool.entries() == 2000);
    int i = 0;
    REQUIRE(spool.replay([&](backup::SerializedResource&& e) -> util::Result<void> {
      CHECK(same(e, entry(i)));
      ++i;
      return {};
    }));
    CHECK(i == 2000);
  }
  SUBCASE("an error of the receiver stops the replay")
  {
    backup::ResourceSpool spool;
    REQUIRE(spool.put(entry(1)));
    REQUIRE(spool.put(entry(2)));
    int n = 0;
    CHECK(spool.replay([&](backup::SerializedResource&&) -> util::Result<void> {
                 ++n;
                 return util::fail("archive failed");
               }).error().message == "archive failed");
    CHECK(n == 1);
  }
}
