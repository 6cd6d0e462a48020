#include <doctest/doctest.h>

#include <pave/backup/archive.hpp>
#include <pave/backup/archive_writer.hpp>
#include <pave/backup/catalog.hpp>
#include <pave/backup/tar.hpp>

#include "testutil.hpp"

using namespace pave;

namespace {

backup::WriteInputs inputs(const std::string& id, const std::string& created)
{
  backup::WriteInputs in;
  in.header.id = id;
  in.header.environment = "dev";
  in.header.created = created;
  in.header.cluster = "test";
  in.header.scope = "managed";
  in.encrypt.chunk_log2 = 12;
  backup::ResourceItem ns{"k8s:v1/Namespace//shop", "v1", "Namespace", "", "shop",
                          {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}}}}};
  backup::ResourceItem cm{"k8s:v1/ConfigMap/shop/c", "v1", "ConfigMap", "shop", "c",
                          {{"apiVersion", "v1"},
                           {"kind", "ConfigMap"},
                           {"metadata", {{"name", "c"}, {"namespace", "shop"}}},
                           {"data", {{"k", std::string(20000, 'v')}}}}};
  in.resources = {ns, cm};
  in.state = R"({"serial": 3})";
  return in;
}

const backup::KeyMaterial k_key{std::string(32, 'k'), "", "test key"};

} // namespace

TEST_CASE("backup::write_backup and read_backup")
{
  test::TestContext ctx;
  auto dest = backup::make_memory_destination();
  test::write_file("payload.bin", std::string(100000, 'p'));
  auto in = inputs("dev-1", "2026-11-20T10:00:00Z");
  in.files.push_back({"payload.bin", "payload.bin"});
  const auto info = backup::write_backup(*dest, in, k_key);
  REQUIRE(info);
  CHECK(info->counts.resources == 2);
  CHECK(info->counts.namespaces == 1);
  CHECK(info->counts.files == 1);
  CHECK(info->counts.state);
  CHECK(info->counts.kinds == std::map<std::string, int>{{"ConfigMap", 1}, {"Namespace", 1}});

  const auto listed = backup::list_backups(*dest);
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().id == "dev-1");
  CHECK(listed->front().size == info->size);

  std::string extracted;
  const auto contents = backup::read_backup(*dest, *info, k_key, [&](const auto& e, const auto& read) -> util::Result<void> {
    CHECK(e.path == "files/payload.bin");
    char buf[1000];
    for (;;) {
      PAVE_TRY_ASSIGN(const std::size_t n, read(buf, sizeof buf));
      if (n == 0) {
        return {};
      }
      extracted.append(buf, n);
    }
  });
  REQUIRE(contents);
  CHECK(extracted == std::string(100000, 'p'));
  REQUIRE(contents->resources.size() == 2);
  CHECK(contents->resources[1].object == in.resources[1].object);
  CHECK(contents->state == in.state);
  CHECK(contents->manifest.entries.size() == 4);

  SUBCASE("verify_only keeps nothing but checks the same")
  {
    const auto verified = backup::read_backup(*dest, *info, k_key, {}, backup::ReadMode::verify_only);
    REQUIRE(verified);
    CHECK(verified->resources.empty());
    CHECK_FALSE(verified->state);
    CHECK(verified->manifest == contents->manifest);
    CHECK(verified->plaintext_bytes == contents->plaintext_bytes);
  }
  SUBCASE("the same id twice is refused")
  {
    CHECK(backup::write_backup(*dest, in, k_key).error().message == "backup dev-1 exists already in memory://");
  }
  SUBCASE("a record that disagrees with the archive")
  {
    auto bad = *info;
    bad.sha256 = std::string(64, '0');
    CHECK(backup::read_backup(*dest, bad, k_key).error().message ==
          "archive corrupted: its SHA-256 does not match its record");
    bad = *info;
    bad.counts.resources = 5;
    CHECK(backup::read_backup(*dest, bad, k_key).error().message ==
          "archive corrupted: its manifest does not match its record (id, environment or counts)");
  }
  SUBCASE("an archive without its record is not listed; deleting removes the record first")
  {
    REQUIRE(dest->remove("dev-1/backup.json"));
    CHECK(backup::list_backups(*dest)->empty());
    CHECK(backup::find_backup(*dest, "dev-1").error().message == "no backup dev-1 in memory://");
  }
}

TEST_CASE("backup::list_backups order, environment filter and bad records")
{
  auto dest = backup::make_memory_destination();
  REQUIRE(backup::write_backup(*dest, inputs("b", "2026-11-20T10:00:00Z"), k_key));
  REQUIRE(backup::write_backup(*dest, inputs("a", "2026-11-20T11:00:00Z"), k_key));
  auto other = inputs("c", "2026-11-19T10:00:00Z");
  other.header.environment = "prod";
  REQUIRE(backup::write_backup(*dest, other, k_key));
  REQUIRE(dest->put("x/backup.json", "{not json"));
  std::vector<std::string> warnings;
  const auto all = backup::list_backups(*dest, "", &warnings).value();
  REQUIRE(all.size() == 3);
  CHECK(all[0].id == "c");
  CHECK(all[1].id == "b");
  CHECK(all[2].id == "a");
  CHECK(warnings == std::vector<std::string>{"memory:///x/backup.json: skipped: backup record: not valid JSON"});
  CHECK(backup::list_backups(*dest, "prod").value().size() == 1);
  REQUIRE(backup::delete_backup(*dest, "b"));
  CHECK(backup::list_backups(*dest, "dev").value().size() == 1);
  CHECK(dest->list("b/").value().empty());
}

namespace {

struct StringSink : backup::Sink
{
  std::string data;
  util::Result<void> write(std::string_view d) override
  {
    data += d;
    return {};
  }
  util::Result<void> finish() override { return {}; }
};

struct StringSource : backup::Source
{
  explicit StringSource(std::string d) : data(std::move(d)) {}
  std::string data;
  std::size_t pos = 0;
  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    const std::size_t n = std::min(size, data.size() - pos);
    std::copy_n(data.data() + pos, n, buf);
    pos += n;
    return n;
  }
};

} // namespace

/// read_tar_stream() of a tar holding one entry the manifest calls a resource, in both modes:
/// the error, the same in both, or "" when the archive reads.
std::string read_one_resource(const std::string& path, const std::string& body)
{
  StringSink sink;
  auto tar = backup::TarWriter::open(sink, std::chrono::system_clock::time_point{}).value();
  const std::string sha = tar->add(path, body).value();
  backup::Manifest m;
  m.header = backup::BackupHeader{.id = "x", .environment = "dev", .created = "2026-11-20T10:00:00Z"};
  m.header.counts.resources = 1;
  m.entries.push_back({path, "resource", "k8s:v1/ConfigMap/a/x", body.size(), sha});
  REQUIRE(tar->add(std::string(backup::k_manifest_entry), backup::to_json(m).dump()));
  REQUIRE(tar->close());
  StringSource a(sink.data);
  StringSource b(sink.data);
  const auto contents = backup::read_tar_stream(a);
  const auto verified = backup::read_tar_stream(b, {}, backup::ReadMode::verify_only);
  REQUIRE(contents.has_value() == verified.has_value());
  if (contents) {
    return "";
  }
  CHECK(verified.error().message == contents.error().message);
  return contents.error().message;
}

TEST_CASE("backup::read_tar_stream: a resource that is not a JSON object, in both modes")
{
  for (const std::string body : {"[1]", "{\"a\": ", "7"}) {
    CAPTURE(body);
    CHECK(read_one_resource("resources/a/ConfigMap/x.json", body) ==
          "archive corrupted: entry resources/a/ConfigMap/x.json is not a JSON object");
  }
  CHECK(read_one_resource("resources/a/ConfigMap/x.json", "{\"kind\": \"ConfigMap\"}").empty());
  // A resource must be under resources/ (verify never keeps other entries, such as the state).
  CHECK(read_one_resource("state/state.json", "{}") ==
        "archive corrupted: resource entry state/state.json is not under resources/");
}
