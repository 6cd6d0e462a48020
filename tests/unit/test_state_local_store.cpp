#include <doctest/doctest.h>

#include <csignal>
#include <iterator>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <pave/state/local_store.hpp>
#include <pave/state/state_file.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

namespace {

state::ResourceRecord record(std::string address)
{
  state::ResourceRecord r;
  r.address = std::move(address);
  r.kind = "ConfigMap";
  r.applied = {{"kind", "ConfigMap"}};
  return r;
}

/// A child process that takes the lock of dir/dev and keeps it until killed.
pid_t lock_in_child(const std::string& dir)
{
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    state::LocalStateStore store(dir, "dev");
    auto lock = store.lock(state::make_lock_info("deploy"), 0ms);
    const char c = lock ? '1' : '0';
    (void)::write(fds[1], &c, 1);
    for (;;) {
      ::pause();
    }
  }
  ::close(fds[1]);
  char c = 0;
  REQUIRE(::read(fds[0], &c, 1) == 1);
  ::close(fds[0]);
  REQUIRE(c == '1');
  return pid;
}

void kill_child(pid_t pid)
{
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

} // namespace

TEST_CASE("state::LocalStateStore lock")
{
  test::TestContext ctx;
  state::LocalStateStore a("st", "dev");
  state::LocalStateStore b("st", "dev");
  CHECK(a.describe() == "local st/dev.json");

  SUBCASE("a held lock is refused with the lock code, naming the holder")
  {
    auto held = a.lock(state::make_lock_info("state rm"), 0ms);
    REQUIRE(held);
    CHECK(held->warning().empty());
    const auto r = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::lock_held);
    CHECK(r.error().message == "the state lock of local st/dev.json is held by " + held->info().who + " (pid " +
                                 std::to_string(::getpid()) + ", state rm, since " + held->info().created +
                                 ", lock id " + held->info().id + ")");
    CHECK(r.error().detail.find("pave state unlock --force " + held->info().id) != std::string::npos);
    // the lock file records the holder
    const auto info = nlohmann::json::parse(test::read_file("st/dev.json.lock"));
    CHECK(info["operation"] == "state rm");
    CHECK(info["pid"] == ::getpid());
    CHECK(info["path"] == "st/dev.json");
    held->release();
    CHECK(test::read_file("st/dev.json.lock").empty());
    auto again = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(again);
    CHECK(again->warning().empty());
  }
  SUBCASE("--lock-timeout waits for the holder")
  {
    auto held = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    std::thread releaser([&] {
      std::this_thread::sleep_for(300ms);
      held->release();
    });
    const auto start = std::chrono::steady_clock::now();
    auto r = b.lock(state::make_lock_info("deploy"), 10s);
    const auto waited = std::chrono::steady_clock::now() - start;
    releaser.join();
    REQUIRE(r);
    CHECK(waited >= 250ms);
    CHECK(waited < 5s);
  }
  SUBCASE("and gives up after it")
  {
    auto held = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    const auto r = b.lock(state::make_lock_info("deploy"), 150ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::lock_held);
    CHECK(r.error().message.starts_with("timed out after 150ms waiting for the state lock of local st/dev.json: held by "));
  }
  SUBCASE("another process holds it; when it is killed the lock is free and reported")
  {
    const pid_t child = lock_in_child("st");
    const auto r = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::lock_held);
    CHECK(r.error().message.find("(pid " + std::to_string(child) + ", deploy, since ") != std::string::npos);
    kill_child(child);
    auto l = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(l);
    CHECK(l->warning().starts_with("previous run (pid " + std::to_string(child) + ", deploy, since "));
    CHECK(l->warning().ends_with(") died without releasing the lock; its lock was cleared"));
  }
  SUBCASE("force-unlock breaks a lock; its holder can no longer write")
  {
    auto held = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(held);
    CHECK(b.force_unlock("nope").error().message.starts_with(
      "lock id nope does not match the lock of local st/dev.json, held by "));
    REQUIRE(b.force_unlock(held->info().id));
    CHECK(b.force_unlock(held->info().id).error().message ==
          "the state of local st/dev.json is not locked (no lock record in st/dev.json.lock)");
    auto l = b.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(l);
    state::State s;
    CHECK(a.write(s).error().message ==
          "the state lock of local st/dev.json was broken (`pave state unlock --force " + held->info().id +
            "`) while this operation held it; not writing");
    held->release(); // does not disturb the new holder
    CHECK_FALSE(test::read_file("st/dev.json.lock").empty());
    CHECK(b.write(s));
  }
  SUBCASE("leftover temporary files are removed by the next lock holder")
  {
    test::write_file("st/.dev.json.tmp-abc123", "partial");
    test::write_file("st/.prod.json.tmp-abc123", "other env");
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(l);
    CHECK_FALSE(std::filesystem::exists("st/.dev.json.tmp-abc123"));
    CHECK(std::filesystem::exists("st/.prod.json.tmp-abc123"));
  }
}

TEST_CASE("state::stale_lock_warning")
{
  CHECK(state::stale_lock_warning("").empty());
  CHECK(state::stale_lock_warning("{garbage") ==
        "a damaged lock record was left by a previous run; its lock was cleared");
  auto info = state::make_lock_info("deploy");
  info.host = "elsewhere";
  info.created = "2024-05-01T12:00:00Z";
  info.pid = 42;
  CHECK(state::stale_lock_warning(state::lock_info_to_json(info).dump()) ==
        "previous run on elsewhere (pid 42, deploy, since 2024-05-01T12:00:00Z) did not release the lock; its lock "
        "was cleared");
}

TEST_CASE("state::LocalStateStore write")
{
  test::TestContext ctx;
  state::LocalStateStore a("st", "dev");
  state::LocalStateStore b("st", "dev");
  auto read = [](state::StateStore& s) { return *s.read().value(); };

  SUBCASE("needs the lock")
  {
    state::State s;
    CHECK(a.write(s).error().message == "cannot write the state of local st/dev.json without holding its lock");
    CHECK_FALSE(a.read().value().has_value());
  }
  SUBCASE("first write, serials, mode")
  {
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    REQUIRE(l);
    state::State s;
    s.upsert(record("k8s:v1/ConfigMap/a/b"));
    REQUIRE(a.write(s));
    CHECK(s.serial == 1);
    CHECK(s.lineage.size() == 36);
    CHECK(s.environment == "dev");
    struct stat st{};
    REQUIRE(::stat("st/dev.json", &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(a.write(s));
    CHECK(s.serial == 2);
    CHECK(read(b) == s);
  }
  SUBCASE("open_bytes streams one version, whatever is written meanwhile")
  {
    CHECK_FALSE(a.open_bytes().value().has_value());
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s;
    s.upsert(record("k8s:v1/ConfigMap/a/b"));
    REQUIRE(a.write(s));
    const std::string first = a.read_bytes().value().value();
    auto opened = b.open_bytes().value();
    REQUIRE(opened.has_value());
    CHECK(opened->size == first.size());
    s.upsert(record("k8s:v1/ConfigMap/a/c"));
    REQUIRE(a.write(s));
    const std::string streamed{std::istreambuf_iterator<char>(*opened->in), std::istreambuf_iterator<char>()};
    CHECK(streamed == first);
    CHECK(a.open_bytes().value()->size == a.read_bytes().value()->size());
  }
  SUBCASE("refuses when another writer moved on, or the lineage differs")
  {
    {
      auto l = a.lock(state::make_lock_info("deploy"), 0ms);
      state::State s;
      REQUIRE(a.write(s));
    }
    state::State sa = read(a);
    state::State sb = read(b);
    {
      auto l = a.lock(state::make_lock_info("deploy"), 0ms);
      REQUIRE(a.write(sa));
    }
    auto l = b.lock(state::make_lock_info("deploy"), 0ms);
    CHECK(b.write(sb).error().message ==
          "the state in local st/dev.json changed since it was read (serial 2 now, 1 then): another operation wrote "
          "it; not writing");
    state::State other;
    other.lineage = "someone-else";
    other.serial = 2;
    CHECK(b.write(other).error().message.starts_with("the state in local st/dev.json has lineage "));
    REQUIRE(b.write(other, state::WriteMode::replace));
    CHECK(other.serial == 3);
    CHECK(read(a).lineage == "someone-else");
  }
  SUBCASE("keeps the last k_backups_kept versions")
  {
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s;
    for (int i = 0; i < 15; ++i) {
      s.upsert(record("k8s:v1/ConfigMap/a/" + std::to_string(i)));
      REQUIRE(a.write(s));
    }
    CHECK(s.serial == 15);
    const auto list = a.backups();
    REQUIRE(list);
    REQUIRE(list->size() == state::k_backups_kept);
    CHECK(list->front().serial == 14);
    CHECK(list->back().serial == 5);
    CHECK(list->front().path == "st/dev.json.backup.14");
    CHECK(list->front().time.size() == 20);
    const auto old = state::parse_state(test::read_file("st/dev.json.backup.5"), "b");
    REQUIRE(old);
    CHECK(old->serial == 5);
    CHECK(old->resources.size() == 5);
    CHECK_FALSE(std::filesystem::exists("st/dev.json.backup.4"));
  }
  SUBCASE("a corrupt state is reported and never overwritten")
  {
    auto l = a.lock(state::make_lock_info("deploy"), 0ms);
    state::State s;
    REQUIRE(a.write(s));
    REQUIRE(a.write(s));
    const std::string good = test::read_file("st/dev.json");
    test::write_file("st/dev.json", good.substr(0, good.size() / 2));
    const auto r = a.read();
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "state file st/dev.json is corrupt: checksum mismatch (truncated or edited by hand); backups "
                               "are in st/dev.json.backup.N (newest: st/dev.json.backup.1)");
    CHECK(a.write(s).error().message == r.error().message);
    CHECK(test::read_file("st/dev.json") == good.substr(0, good.size() / 2));
    // a forced replace moves it aside
    REQUIRE(a.write(s, state::WriteMode::replace));
    CHECK(s.serial == 3);
    bool aside = false;
    for (const auto& e : std::filesystem::directory_iterator("st")) {
      if (e.path().filename().string().starts_with("dev.json.corrupt-")) {
        aside = test::read_file(e.path()) == good.substr(0, good.size() / 2);
      }
    }
    CHECK(aside);
  }
}
