#include <doctest/doctest.h>

#include <pave/backup/manifest_writer.hpp>

using namespace pave;

namespace {

backup::BackupHeader header(int resources)
{
  return backup::BackupHeader{.id = "dev-1",
                              .environment = "dev",
                              .created = "2026-11-20T10:00:00Z",
                              .cluster = "kubernetes \"test\"",
                              .scope = "managed",
                              .counts = {.resources = resources, .kinds = {{"ConfigMap", resources}}}};
}

backup::ManifestEntry entry(int i)
{
  const std::string name = "cm-" + std::to_string(i) + "-\"quoted\"";
  return backup::ManifestEntry{"resources/shop/ConfigMap/" + name + ".json", "resource", "k8s:v1/ConfigMap/shop/" + name,
                               static_cast<std::uint64_t>(100 + i), std::string(64, "0123456789abcdef"[i % 16])};
}

/// What write() hands over, in one string; checks it is exactly size() bytes in blocks of at most 256 KiB.
std::string written(backup::ManifestWriter& w, const backup::BackupHeader& h)
{
  std::string out;
  REQUIRE(w.write(h, [&](std::string_view d) -> util::Result<void> {
    CHECK(d.size() <= 256 * 1024);
    out += d;
    return {};
  }));
  CHECK(out.size() == w.size(h));
  return out;
}

} // namespace

TEST_CASE("backup::ManifestWriter")
{
  SUBCASE("no entries")
  {
    backup::ManifestWriter w;
    const auto m = backup::parse_manifest(written(w, header(0)));
    REQUIRE(m);
    CHECK(m->header == header(0));
    CHECK(m->entries.empty());
  }
  SUBCASE("entries kept in memory and spilled to a temporary file read back as the same manifest")
  {
    for (const int n : {3, 20000}) {
      CAPTURE(n);
      backup::ManifestWriter w;
      backup::Manifest want{header(n), {}};
      for (int i = 0; i < n; ++i) {
        want.entries.push_back(entry(i));
        REQUIRE(w.add(entry(i)));
      }
      CHECK(w.entries() == static_cast<std::size_t>(n));
      const std::string text = written(w, want.header);
      const auto m = backup::parse_manifest(text);
      REQUIRE(m);
      CHECK(*m == want);
      CHECK(m->entries == backup::parse_manifest(backup::to_json(want).dump(2)).value().entries);
      CHECK(written(w, want.header) == text); // written twice: the same
    }
  }
  SUBCASE("an error of the receiver stops the writing")
  {
    backup::ManifestWriter w;
    REQUIRE(w.add(entry(1)));
    CHECK(w.write(header(1), [](std::string_view) -> util::Result<void> { return util::fail("disk full"); })
              .error()
              .message == "disk full");
  }
}
