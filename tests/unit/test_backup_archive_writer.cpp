#include <doctest/doctest.h>

#include <sstream>

#include <pave/backup/archive.hpp>
#include <pave/backup/archive_writer.hpp>
#include <pave/backup/catalog.hpp>

#include "testutil.hpp"

using namespace pave;

namespace {

const backup::KeyMaterial k_key{std::string(32, 'k'), "", "test key"};

backup::BackupHeader header(const std::string& id)
{
  return backup::BackupHeader{
    .id = id, .environment = "dev", .created = "2026-11-20T10:00:00Z", .cluster = "test", .scope = "managed"};
}

backup::ArchiveOptions small_chunks()
{
  backup::ArchiveOptions o;
  o.encrypt.chunk_log2 = 12;
  return o;
}

backup::ResourceItem config_map(const std::string& ns, const std::string& name, std::string api_version = "v1")
{
  return backup::ResourceItem{"k8s:" + api_version + "/ConfigMap/" + ns + "/" + name, api_version, "ConfigMap", ns, name,
                              {{"apiVersion", api_version},
                               {"kind", "ConfigMap"},
                               {"metadata", {{"name", name}, {"namespace", ns}}},
                               {"data", {{"k", name}}}}};
}

/// A destination whose archive upload fails once `limit` bytes were written.
class FailingDestination : public backup::Destination
{
public:
  explicit FailingDestination(std::size_t limit) : m_limit(limit) {}
  std::string describe() const override { return m_inner->describe(); }
  util::Result<std::unique_ptr<backup::Upload>> create(const std::string& key) override
  {
    PAVE_TRY_ASSIGN(auto inner, m_inner->create(key));
    return std::unique_ptr<backup::Upload>(std::make_unique<Limited>(std::move(inner), m_limit));
  }
  util::Result<void> put(const std::string& key, std::string_view data) override { return m_inner->put(key, data); }
  util::Result<std::optional<std::string>> get(const std::string& key) override { return m_inner->get(key); }
  util::Result<std::unique_ptr<backup::Source>> open(const std::string& key) override { return m_inner->open(key); }
  util::Result<std::vector<backup::StoredEntry>> list(const std::string& prefix) override { return m_inner->list(prefix); }
  util::Result<void> remove(const std::string& key) override { return m_inner->remove(key); }

private:
  class Limited : public backup::Upload
  {
  public:
    Limited(std::unique_ptr<backup::Upload> inner, std::size_t limit) : m_inner(std::move(inner)), m_left(limit) {}
    util::Result<void> write(std::string_view data) override
    {
      if (data.size() > m_left) {
        return util::fail("upload: connection reset");
      }
      m_left -= data.size();
      return m_inner->write(data);
    }
    util::Result<void> finish() override { return m_inner->finish(); }

  private:
    std::unique_ptr<backup::Upload> m_inner;
    std::size_t m_left;
  };

  std::unique_ptr<backup::Destination> m_inner = backup::make_memory_destination();
  std::size_t m_limit;
};

} // namespace

TEST_CASE("backup::ArchiveWriter")
{
  test::TestContext ctx;
  auto dest = backup::make_memory_destination();

  SUBCASE("entries streamed one by one read back in order: files, state, resources")
  {
    test::write_file("dump.sql", std::string(300000, 'd'));
    auto w = backup::ArchiveWriter::open(*dest, header("dev-1"), k_key, small_chunks()).value();
    REQUIRE(w->add_file({"dump.sql", "dump.sql"}));
    const std::string state = R"({"serial": 3})";
    std::istringstream in(state);
    REQUIRE(w->add_state(in, state.size()));
    for (int i = 0; i < 500; ++i) {
      REQUIRE(w->add_resource(config_map(i % 2 == 0 ? "a" : "b", "cm-" + std::to_string(i))));
    }
    REQUIRE(w->add_resource(backup::ResourceItem{"k8s:v1/Namespace//a", "v1", "Namespace", "", "a",
                                                 {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "a"}}}}}));
    CHECK(backup::list_backups(*dest)->empty()); // not listed until finished
    const auto info = w->finish();
    REQUIRE(info);
    CHECK(info->counts == backup::Counts{501, 2, 1, true, {{"ConfigMap", 500}, {"Namespace", 1}}});
    CHECK(backup::list_backups(*dest)->size() == 1);

    const auto contents = backup::read_backup(*dest, *info, k_key);
    REQUIRE(contents);
    CHECK(contents->state == state);
    REQUIRE(contents->resources.size() == 501);
    CHECK(contents->resources[7].object == config_map("b", "cm-7").object);
    REQUIRE(contents->manifest.entries.size() == 503);
    CHECK(contents->manifest.entries[0].path == "files/dump.sql");
    CHECK(contents->manifest.entries[1].path == "state/state.json");
    CHECK(contents->manifest.entries[2].path == "resources/a/ConfigMap/cm-0.json");
    CHECK(contents->manifest.header == info->header());
  }
  SUBCASE("an entry serialized beforehand is the same entry")
  {
    auto a = backup::ArchiveWriter::open(*dest, header("dev-7"), k_key).value();
    auto b = backup::ArchiveWriter::open(*dest, header("dev-8"), k_key).value();
    REQUIRE(a->add_resource(config_map("a", "x")));
    REQUIRE(b->add_serialized(backup::serialize(config_map("a", "x"))));
    const auto ia = a->finish().value();
    const auto ib = b->finish().value();
    CHECK(backup::read_backup(*dest, ia, k_key)->manifest.entries ==
          backup::read_backup(*dest, ib, k_key)->manifest.entries);
    CHECK(ia.counts == ib.counts);
  }
  SUBCASE("a path twice is refused; the rest of the backup is unharmed")
  {
    auto w = backup::ArchiveWriter::open(*dest, header("dev-2"), k_key).value();
    REQUIRE(w->add_resource(config_map("a", "x")));
    // Another version of the same kind has the same entry path.
    CHECK(w->add_resource(config_map("a", "x", "v1beta1")).error().message ==
          "backup: k8s:v1beta1/ConfigMap/a/x is listed twice");
    CHECK(w->add_file({"nope", ""}).error().message == "backup: file name \"\" is empty, unsafe or used twice");
    const auto info = w->finish();
    REQUIRE(info);
    CHECK(info->counts.resources == 1);
    CHECK(backup::read_backup(*dest, *info, k_key));
  }
  SUBCASE("an unfinished backup is not listed and leaves no archive")
  {
    {
      auto w = backup::ArchiveWriter::open(*dest, header("dev-3"), k_key).value();
      REQUIRE(w->add_resource(config_map("a", "x")));
    }
    CHECK(backup::list_backups(*dest)->empty());
    CHECK(dest->list("")->empty());
  }
  SUBCASE("a state that ends before its size fails the backup; later calls repeat the error")
  {
    auto w = backup::ArchiveWriter::open(*dest, header("dev-4"), k_key).value();
    std::istringstream in("{}");
    CHECK(w->add_state(in, 100).error().message == "the state file changed size while it was backed up");
    CHECK(w->add_resource(config_map("a", "x")).error().message ==
          "the state file changed size while it was backed up");
    CHECK(w->finish().error().message == "the state file changed size while it was backed up");
    CHECK(backup::list_backups(*dest)->empty());
  }
  SUBCASE("a failed upload fails the backup and nothing is listed")
  {
    FailingDestination failing(64 * 1024);
    auto w = backup::ArchiveWriter::open(failing, header("dev-5"), k_key, small_chunks()).value();
    test::write_file("random.bin", [] {
      std::string s(1 << 20, '\0');
      std::uint32_t x = 1;
      for (auto& c : s) {
        x = x * 1664525u + 1013904223u;
        c = static_cast<char>(x >> 24);
      }
      return s;
    }());
    // The upload runs on the pipeline's thread: its failure shows in a later call, at the latest in finish().
    const auto added = w->add_file({"random.bin", "random.bin"});
    if (!added) {
      CHECK(added.error().message == "upload: connection reset");
    }
    const auto finished = w->finish();
    REQUIRE_FALSE(finished);
    CHECK(finished.error().message == "upload: connection reset");
    CHECK(backup::list_backups(failing)->empty());
  }
  SUBCASE("an id that exists is refused before anything is written")
  {
    REQUIRE(backup::ArchiveWriter::open(*dest, header("dev-6"), k_key).value()->finish());
    CHECK(backup::ArchiveWriter::open(*dest, header("dev-6"), k_key).error().message ==
          "backup dev-6 exists already in memory://");
  }
}
