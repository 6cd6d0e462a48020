#include <doctest/doctest.h>

#include <iterator>
#include <thread>

#include <pave/state/memory_store.hpp>

using namespace pave;
using namespace std::chrono_literals;

TEST_CASE("state::MemoryStateStore")
{
  auto backend = std::make_shared<state::MemoryBackend>();
  state::MemoryStateStore a("dev", backend);
  state::MemoryStateStore b("dev", backend);
  CHECK(a.describe() == "memory dev");
  CHECK_FALSE(a.read().value().has_value());
  CHECK_FALSE(a.open_bytes().value().has_value());

  SUBCASE("locks exclude each other across stores of one backend")
  {
    auto held = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    const auto r = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::lock_held);
    CHECK(r.error().message.starts_with("the state lock of memory dev is held by "));
    std::thread t([&] {
      std::this_thread::sleep_for(100ms);
      held->release();
    });
    auto waited = b.lock(state::make_lock_info("deploy"), 5s);
    t.join();
    CHECK(waited);
  }
  SUBCASE("writes: lock, serials, conflicts, backups")
  {
    state::State s;
    CHECK_FALSE(a.write(s));
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    for (int i = 0; i < 12; ++i) {
      REQUIRE(a.write(s));
    }
    CHECK(s.serial == 12);
    CHECK(b.read().value()->serial == 12);
    auto opened = b.open_bytes().value(); // the default: read_bytes() in memory
    REQUIRE(opened.has_value());
    CHECK(std::string(std::istreambuf_iterator<char>(*opened->in), {}) == b.read_bytes().value().value());
    CHECK(opened->size == b.read_bytes().value()->size());
    const auto list = a.backups().value();
    REQUIRE(list.size() == state::k_backups_kept);
    CHECK(list.front().serial == 11);
    state::State stale = s;
    stale.serial = 5;
    CHECK(a.write(stale).error().message.starts_with("the state in memory dev changed since it was read (serial 12 now, 5 then)"));
  }
  SUBCASE("force-unlock")
  {
    auto held = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    CHECK_FALSE(b.force_unlock("x"));
    REQUIRE(b.force_unlock(held->info().id));
    auto l = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(l);
    state::State s;
    CHECK(a.write(s).error().message.starts_with("the state lock of memory dev was broken"));
    held->release();
    CHECK(b.write(s));
  }
  SUBCASE("a corrupt state is refused")
  {
    backend->bytes = "{\"format_version\": 1";
    CHECK(a.read().error().message.starts_with("state file memory dev is corrupt: "));
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s;
    CHECK_FALSE(a.write(s));
    CHECK(*backend->bytes == "{\"format_version\": 1");
  }
}

TEST_CASE("state::open_store")
{
  state::StoreConfig c;
  c.environment = "dev";
  c.base_dir = "proj";
  CHECK(state::open_store(c).value()->describe() == "local proj/.pave/state/dev.json");
  c.base_dir = ".";
  CHECK(state::open_store(c).value()->describe() == "local .pave/state/dev.json");
  c.location = "/abs/state";
  CHECK(state::open_store(c).value()->describe() == "local /abs/state/dev.json");
  c.location = "memory://";
  CHECK(state::open_store(c).value()->describe() == "memory dev");
  c.location = "s3://bucket/state";
  CHECK(state::open_store(c).error().message == "state location s3://bucket/state: no S3 client to open it with");
  c.location = "ftp://x";
  CHECK_FALSE(state::open_store(c));
  c.location = ".pave/state";
  c.environment = "../x";
  CHECK_FALSE(state::open_store(c));
}
