#include <doctest/doctest.h>

#include <pave/state/memory_object_store.hpp>
#include <pave/state/s3_store.hpp>
#include <pave/state/state_file.hpp>
#include <pave/util/time.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

namespace {

struct Fixture
{
  std::shared_ptr<state::MemoryObjectStore> objects = std::make_shared<state::MemoryObjectStore>();
  test::FakeClock clock;
  state::S3StateStore a{objects, "team/", "dev", clock};
  state::S3StateStore b{objects, "team/", "dev", clock};
};

state::ResourceRecord record(std::string name)
{
  state::ResourceRecord r;
  r.address = "k8s:v1/ConfigMap/shop/" + name;
  r.api_version = "v1";
  r.kind = "ConfigMap";
  r.namespace_ = "shop";
  r.name = std::move(name);
  r.applied = {{"kind", "ConfigMap"}};
  r.digest = "sha256:00";
  return r;
}

} // namespace

TEST_CASE("state::parse_object_location")
{
  auto l = state::parse_object_location("s3://acme-state/teams/shop/").value();
  CHECK(l.scheme == "s3");
  CHECK(l.bucket == "acme-state");
  CHECK(l.prefix == "teams/shop/");
  CHECK(state::parse_object_location("s3://acme-state").value().prefix.empty());
  CHECK(state::parse_object_location("s3://Bad_Bucket/x").error().message ==
        "state location s3://Bad_Bucket/x: \"Bad_Bucket\" is not a valid bucket name (3 to 63 lowercase letters, "
        "digits, '-' and '.')");
  CHECK(state::parse_object_location("s3://bucket/a/../b").error().message ==
        "state location s3://bucket/a/../b: the prefix may not have empty, \".\" or \"..\" segments");
  CHECK_FALSE(state::parse_object_location("s3://bucket/a//b"));
}

TEST_CASE("state::open_store s3")
{
  auto objects = std::make_shared<state::MemoryObjectStore>();
  state::StoreConfig c;
  c.environment = "prod";
  c.location = "s3://acme/teams/shop";
  std::string opened;
  c.object_store = [&](const std::string& bucket) -> util::Result<std::shared_ptr<state::ObjectStore>> {
    opened = bucket;
    return objects;
  };
  const auto store = state::open_store(c).value();
  CHECK(opened == "acme");
  CHECK(store->describe() == "memory:///teams/shop/prod.json");
}

TEST_CASE("state::S3StateStore")
{
  Fixture f;
  CHECK(f.a.describe() == "memory:///team/dev.json");
  CHECK(f.a.state_key() == "team/dev.json");
  CHECK(f.a.lock_key() == "team/dev.json.lock");
  CHECK_FALSE(f.a.read().value().has_value());

  SUBCASE("the lock object excludes other stores; release deletes it")
  {
    auto held = f.a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    const auto record = f.objects->bytes("team/dev.json.lock");
    REQUIRE(record);
    CHECK(state::lock_info_from_json(nlohmann::json::parse(*record)).id == held->info().id);
    const auto r = f.b.lock(state::make_lock_info("state rm"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::lock_held);
    CHECK(r.error().message.starts_with("the state lock of memory:///team/dev.json is held by "));
    CHECK(r.error().message.find("deploy, since") != std::string::npos);
    CHECK(r.error().detail.find("pave state unlock --force " + held->info().id) != std::string::npos);
    CHECK(r.error().message.find("stale") == std::string::npos);
    held->release();
    CHECK_FALSE(f.objects->bytes("team/dev.json.lock"));
    CHECK(f.b.lock(state::make_lock_info("state rm"), 0ms));
  }
  SUBCASE("lock timeout polls with backoff until the holder releases")
  {
    auto held = f.a.lock(state::make_lock_info("deploy"), 0ms);
    int gets = 0;
    f.objects->set_hook([&](std::string_view op, const std::string& key) {
      if (op == "get" && key == "team/dev.json.lock" && ++gets == 4) {
        held->release();
      }
    });
    auto waited = f.b.lock(state::make_lock_info("deploy"), 10s);
    f.objects->set_hook(nullptr);
    REQUIRE(waited);
    CHECK(f.clock.sleeps == std::vector<std::chrono::milliseconds>{50ms, 100ms, 200ms});
  }
  SUBCASE("a timed-out wait names the holder and how long it waited")
  {
    auto held = f.a.lock(state::make_lock_info("deploy"), 0ms);
    const auto r = f.b.lock(state::make_lock_info("deploy"), 2s);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.starts_with("timed out after 2s waiting for the state lock of memory:///team/dev.json"));
    CHECK(f.clock.sleeps == std::vector<std::chrono::milliseconds>{50ms, 100ms, 200ms, 400ms, 800ms, 450ms});
  }
  SUBCASE("a retried create that finds its own record holds the lock")
  {
    auto info = state::make_lock_info("deploy");
    f.objects->set("team/dev.json.lock", state::lock_info_to_json(info).dump());
    auto held = f.a.lock(info, 0ms);
    REQUIRE(held);
    state::State s;
    CHECK(f.a.write(s));
  }
  SUBCASE("stale locks: old, or of a dead process on this host")
  {
    auto old = state::make_lock_info("deploy");
    old.created = util::rfc3339_utc(f.clock.now() - 3h);
    old.host = "elsewhere";
    f.objects->set("team/dev.json.lock", state::lock_info_to_json(old).dump());
    auto r = f.a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    INFO(r.error().message);
    CHECK(r.error().message.ends_with("; the lock looks stale: it was taken 180m ago"));
    CHECK(r.error().detail.find("pave state unlock --force " + old.id) != std::string::npos);

    auto dead = state::make_lock_info("deploy");
    dead.created = util::rfc3339_utc(f.clock.now());
    dead.pid = 999999999;
    f.objects->set("team/dev.json.lock", state::lock_info_to_json(dead).dump());
    r = f.a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("the lock looks stale: its holder (pid 999999999 on this host") != std::string::npos);
    // Reported, never cleared by itself.
    CHECK(f.objects->bytes("team/dev.json.lock"));
  }
  SUBCASE("force-unlock checks the id; the broken holder cannot write")
  {
    auto held = f.a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    CHECK(f.b.force_unlock("nope").error().message.starts_with(
      "lock id nope does not match the lock of memory:///team/dev.json, held by "));
    REQUIRE(f.b.force_unlock(held->info().id));
    CHECK(f.b.force_unlock(held->info().id).error().message ==
          "the state of memory:///team/dev.json is not locked (no lock object memory:///team/dev.json.lock)");
    auto other = f.b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(other);
    state::State s;
    CHECK(f.a.write(s).error().message.starts_with("the state lock of memory:///team/dev.json was broken"));
    held->release(); // not ours any more: the new holder's lock object stays
    CHECK(f.objects->bytes("team/dev.json.lock"));
    CHECK(f.b.write(s));
  }
  SUBCASE("a damaged lock record can be force-unlocked by the id it is shown with")
  {
    f.objects->set("team/dev.json.lock", "garbage");
    const auto r = f.a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("held by a damaged lock record") != std::string::npos);
    const auto pos = r.error().message.find("lock id ");
    const auto id = r.error().message.substr(pos + 8, r.error().message.find(')', pos) - pos - 8);
    CHECK(id.starts_with("damaged-"));
    CHECK(f.a.force_unlock(id));
  }
  SUBCASE("writes are conditional on the version read")
  {
    auto l = f.a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s = state::new_state("dev");
    s.upsert(record("one"));
    REQUIRE(f.a.write(s));
    CHECK(s.serial == 1);
    auto again = f.a.read().value().value();
    CHECK(again == s);
    // Between this runner's check and its put, another writer (whose lock was
    // broken, or who ignores locks) replaces the state.
    bool fired = false;
    const state::State base = again;
    f.objects->set_hook([&](std::string_view op, const std::string& key) {
      if (op == "put" && key == "team/dev.json" && !fired) {
        fired = true;
        state::State theirs = base;
        theirs.serial = 2;
        theirs.upsert(record("theirs"));
        f.objects->set("team/dev.json", state::serialize_state(theirs).value());
      }
    });
    again.upsert(record("two"));
    const auto w = f.a.write(again);
    f.objects->set_hook(nullptr);
    REQUIRE_FALSE(w);
    CHECK(w.error().message == "the state in memory:///team/dev.json changed since it was read (another run wrote "
                               "serial 2); not written: run again");
    CHECK(again.serial == 1); // header fields restored
    const auto stored = f.b.read().value().value();
    CHECK(stored.serial == 2);
    CHECK(stored.find("k8s:v1/ConfigMap/shop/theirs") != nullptr);
    CHECK(stored.find("k8s:v1/ConfigMap/shop/two") == nullptr);
  }
  SUBCASE("a state written since it was read is refused before writing")
  {
    auto l = f.a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s = state::new_state("dev");
    REQUIRE(f.a.write(s));
    state::State stale = f.b.read().value().value();
    REQUIRE(f.a.write(s));
    CHECK(f.b.write(stale).error().message == "cannot write the state of memory:///team/dev.json without holding its "
                                              "lock");
    CHECK(f.a.write(stale).error().message.starts_with(
      "the state in memory:///team/dev.json changed since it was read (serial 2 now, 1 then)"));
  }
  SUBCASE("the first write creates only when absent")
  {
    auto l = f.a.lock(state::make_lock_info("deploy"), 0ms);
    CHECK_FALSE(f.a.read().value());
    bool fired = false;
    f.objects->set_hook([&](std::string_view op, const std::string& key) {
      if (op == "put" && key == "team/dev.json" && !std::exchange(fired, true)) {
        f.objects->set("team/dev.json", state::serialize_state(state::new_state("dev")).value());
      }
    });
    state::State s = state::new_state("dev");
    const auto w = f.a.write(s);
    f.objects->set_hook(nullptr);
    REQUIRE_FALSE(w);
    CHECK(w.error().message.find("changed since it was read (another run wrote serial 0)") != std::string::npos);
  }
  SUBCASE("backups: the last versions, newest first, pruned")
  {
    auto l = f.a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s = state::new_state("dev");
    for (int i = 0; i < 13; ++i) {
      REQUIRE(f.a.write(s));
    }
    CHECK(s.serial == 13);
    const auto list = f.a.backups().value();
    REQUIRE(list.size() == state::k_backups_kept);
    CHECK(list.front().serial == 12);
    CHECK(list.front().path == "memory:///team/dev.json.backup.12");
    CHECK(list.back().serial == 3);
    CHECK_FALSE(f.objects->bytes("team/dev.json.backup.2"));
    const auto b12 = state::parse_state(f.objects->bytes("team/dev.json.backup.12").value(), "b").value();
    CHECK(b12.serial == 12);
  }
  SUBCASE("a corrupt or truncated object is refused and never overwritten")
  {
    auto l = f.a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s = state::new_state("dev");
    REQUIRE(f.a.write(s));
    REQUIRE(f.a.write(s));
    const std::string good = f.objects->bytes("team/dev.json").value();
    const std::string cut = good.substr(0, good.size() / 2);
    f.objects->set("team/dev.json", cut);
    const auto r = f.b.read();
    REQUIRE_FALSE(r);
    CHECK(r.error().message.starts_with("state file memory:///team/dev.json is corrupt: "));
    CHECK(r.error().message.ends_with("; backups are in memory:///team/dev.json.backup.N (newest: "
                                      "memory:///team/dev.json.backup.1)"));
    CHECK_FALSE(f.a.write(s));
    CHECK(f.objects->bytes("team/dev.json").value() == cut);
    std::string edited = good;
    edited.replace(edited.find("\"dev\""), 5, "\"qa_\"");
    f.objects->set("team/dev.json", edited);
    CHECK(f.b.read().error().message.starts_with("state file memory:///team/dev.json is corrupt: checksum mismatch"));
    // A forced replace keeps the unreadable object aside.
    REQUIRE(f.a.write(s, state::WriteMode::replace));
    bool kept = false;
    for (const auto& k : f.objects->keys()) {
      kept = kept || (k.starts_with("team/dev.json.corrupt-") && f.objects->bytes(k) == edited);
    }
    CHECK(kept);
  }
  SUBCASE("verbatim bytes: write_bytes keeps serial and lineage, remove_state keeps a backup")
  {
    auto l = f.a.lock(state::make_lock_info("state migrate"), 0ms);
    state::State s = state::new_state("dev");
    s.serial = 41;
    const std::string bytes = state::serialize_state(s).value();
    REQUIRE(f.a.write_bytes(bytes));
    CHECK(f.a.read_bytes().value().value() == bytes);
    CHECK(f.a.read().value()->serial == 41);
    REQUIRE(f.a.remove_state());
    CHECK_FALSE(f.a.read().value());
    CHECK(f.objects->bytes("team/dev.json.backup.41").value() == bytes);
    // The next state continues above the serials it replaced.
    state::State next = state::new_state("dev");
    REQUIRE(f.a.write(next));
    CHECK(next.serial == 43);
  }
}
