#include <doctest/doctest.h>

#include <pave/failover/health.hpp>
#include <pave/failover/history.hpp>
#include <pave/http/fake_client.hpp>
#include <pave/state/state_file.hpp>

#include "testutil.hpp"

using namespace pave;

TEST_CASE("failover::read_history / write_history")
{
  SUBCASE("a state without the section (older files): primary active, no events")
  {
    const auto s = state::new_state("prod");
    auto h = failover::read_history(s);
    REQUIRE(h);
    CHECK(h->active == "primary");
    CHECK(h->events.empty());
  }
  SUBCASE("round trip through the state file")
  {
    auto s = state::new_state("prod");
    failover::History h;
    h.active = "secondary";
    failover::Event e;
    e.id = "r1";
    e.operation = "failover";
    e.from = "primary";
    e.to = "secondary";
    e.started = "2026-01-01T00:00:00Z";
    e.finished = "2026-01-01T00:00:02Z";
    e.rto_ms = 1500;
    e.rto_target_ms = 1000;
    h.events.push_back(e);
    failover::write_history(s, h);
    auto bytes = state::serialize_state(s);
    REQUIRE(bytes);
    auto back = state::parse_state(*bytes, "s.json");
    REQUIRE(back);
    auto h2 = failover::read_history(*back);
    REQUIRE(h2);
    CHECK(*h2 == h);
    CHECK_FALSE(h2->events[0].within_rto());
    CHECK(h2->last("failover") != nullptr);
    CHECK(h2->last("drill") == nullptr);
    CHECK(h2->has("r1"));
  }
  SUBCASE("a newer section version is refused")
  {
    auto s = state::new_state("prod");
    s.sections["failover"] = {{"version", 2}, {"active", "primary"}, {"events", nlohmann::json::array()}};
    CHECK(failover::read_history(s).error().message ==
          "state of prod: its failover history was written by a newer pave (version 2; this pave reads 1)");
  }
  SUBCASE("a float where an integer belongs is invalid, not converted")
  {
    auto s = state::new_state("prod");
    const nlohmann::json event = {{"id", "r1"},         {"operation", "failover"}, {"from", "primary"},
                                  {"to", "secondary"}, {"started", "a"},          {"finished", "b"},
                                  {"rto_ms", 1e300}};
    s.sections["failover"] = {{"version", 1}, {"active", "primary"}, {"events", {event}}};
    CHECK(failover::read_history(s).error().message ==
          "state of prod: section \"failover\" is invalid: [json.exception.type_error.302] rto_ms must be an integer");
    s.sections["failover"] = {{"version", 1.5}, {"active", "primary"}, {"events", nlohmann::json::array()}};
    CHECK(failover::read_history(s).error().message ==
          "state of prod: section \"failover\" is invalid: no integer version");
  }
  SUBCASE("events beyond k_events_kept are dropped, oldest first")
  {
    auto s = state::new_state("prod");
    failover::History h;
    for (std::size_t i = 0; i < failover::History::k_events_kept + 3; ++i) {
      failover::Event e;
      e.id = std::to_string(i);
      e.operation = "drill";
      h.events.push_back(e);
    }
    failover::write_history(s, h);
    auto h2 = failover::read_history(s);
    REQUIRE(h2);
    CHECK(h2->events.size() == failover::History::k_events_kept);
    CHECK(h2->events.front().id == "3");
  }
}

TEST_CASE("failover::check_site")
{
  http::FakeHttpClient fake;
  test::FakeClock clock;
  failover::Site site;
  site.name = "primary";
  failover::HealthEndpoint e;
  e.url = "http://a/healthz";
  e.expect_body = "ok";
  e.failures = 3;
  e.interval = std::chrono::milliseconds(200);
  site.health.push_back(e);

  SUBCASE("down only after `failures` consecutive failed probes")
  {
    fake.on("GET", "http://a/healthz", [](const http::Request&) {
      return http::Result<http::Response>(http::Response{503, {}, "down", "1.1"});
    });
    const auto h = failover::check_site(fake, clock, site);
    CHECK_FALSE(h.healthy);
    CHECK(h.endpoints[0].probes == 3);
    CHECK(h.summary() == "unhealthy: http://a/healthz: status 503 (want 200)");
    CHECK(clock.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(200), std::chrono::milliseconds(200)});
  }
  SUBCASE("one success in the window is healthy (a flapping site is not declared down)")
  {
    fake.script("GET", "http://a/healthz",
                {http::Response{503, {}, "down", "1.1"}, http::Response{200, {}, "ok", "1.1"}});
    const auto h = failover::check_site(fake, clock, site);
    CHECK(h.healthy);
    CHECK(h.endpoints[0].probes == 2);
  }
  SUBCASE("the body must contain expect_body")
  {
    fake.on("GET", "http://a/healthz", [](const http::Request&) {
      return http::Result<http::Response>(http::Response{200, {}, "degraded", "1.1"});
    });
    const auto h = failover::check_site(fake, clock, site);
    CHECK_FALSE(h.healthy);
    CHECK(h.endpoints[0].last == "status 200 but the body lacks \"ok\"");
  }
}
