#include <doctest/doctest.h>

#include <pave/backup/retention.hpp>
#include <pave/util/time.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

namespace {

backup::BackupInfo at(const std::string& id, const std::string& when)
{
  backup::BackupInfo b;
  b.id = id;
  b.created_text = when;
  b.created = util::parse_rfc3339(when).value();
  return b;
}

std::vector<std::string> kept(const std::vector<backup::RetentionDecision>& d)
{
  std::vector<std::string> out;
  for (const auto& x : d) {
    if (x.keep) {
      out.push_back(x.id);
    }
  }
  return out;
}

// Thursday 2026-11-19 to the previous months; 2026-11-16 is a Monday.
const std::vector<backup::BackupInfo> k_backups = {
  at("a", "2026-11-19T23:00:00Z"), at("b", "2026-11-19T02:00:00Z"), at("c", "2026-11-18T02:00:00Z"),
  at("d", "2026-11-16T02:00:00Z"), at("e", "2026-11-15T02:00:00Z"), at("f", "2026-11-08T02:00:00Z"),
  at("g", "2026-10-31T02:00:00Z"), at("h", "2026-09-30T02:00:00Z"), at("i", "2025-12-01T02:00:00Z"),
};

} // namespace

TEST_CASE("backup::apply_retention")
{
  const auto now = util::parse_rfc3339("2026-11-20T00:00:00Z").value();
  SUBCASE("keep-last")
  {
    backup::RetentionPolicy p;
    p.keep_last = 2;
    const auto d = backup::apply_retention(k_backups, p, now);
    CHECK(kept(d) == std::vector<std::string>{"a", "b"});
    CHECK(d[0].reasons == std::vector<std::string>{"last 1"});
    CHECK(d.size() == k_backups.size());
  }
  SUBCASE("keep-daily takes the newest of each day")
  {
    backup::RetentionPolicy p;
    p.keep_daily = 3;
    const auto d = backup::apply_retention(k_backups, p, now);
    CHECK(kept(d) == std::vector<std::string>{"a", "c", "d"});
    CHECK(d[0].reasons == std::vector<std::string>{"daily 2026-11-19"});
  }
  SUBCASE("keep-weekly: ISO weeks, Monday to Sunday")
  {
    backup::RetentionPolicy p;
    p.keep_weekly = 3;
    const auto d = backup::apply_retention(k_backups, p, now);
    // Week of Mon 16 Nov: a; week of Mon 9 Nov: e (Sun 15); week of Mon 2 Nov: f (Sun 8).
    CHECK(kept(d) == std::vector<std::string>{"a", "e", "f"});
    CHECK(d[0].reasons == std::vector<std::string>{"weekly 2026-11-16"});
    CHECK(d[4].reasons == std::vector<std::string>{"weekly 2026-11-09"});
  }
  SUBCASE("keep-monthly")
  {
    backup::RetentionPolicy p;
    p.keep_monthly = 12;
    CHECK(kept(backup::apply_retention(k_backups, p, now)) == std::vector<std::string>{"a", "g", "h", "i"});
  }
  SUBCASE("rules combine; a backup is kept when any rule picks it")
  {
    backup::RetentionPolicy p;
    p.keep_last = 1;
    p.keep_daily = 2;
    p.keep_monthly = 2;
    const auto d = backup::apply_retention(k_backups, p, now);
    CHECK(kept(d) == std::vector<std::string>{"a", "c", "g"});
    CHECK(d[0].reasons == std::vector<std::string>{"last 1", "daily 2026-11-19", "monthly 2026-11"});
  }
  SUBCASE("the TTL expires backups whatever the rules say")
  {
    backup::RetentionPolicy p;
    p.keep_monthly = 12;
    p.ttl = 24h * 60;
    const auto d = backup::apply_retention(k_backups, p, now);
    CHECK(kept(d) == std::vector<std::string>{"a", "g", "h"});
    CHECK(d.back().reasons == std::vector<std::string>{"monthly 2025-12", "expired (TTL 60d)"});
  }
  SUBCASE("a TTL alone keeps what is within it")
  {
    backup::RetentionPolicy p;
    p.ttl = 24h * 5;
    CHECK(kept(backup::apply_retention(k_backups, p, now)) == std::vector<std::string>{"a", "b", "c", "d", "e"});
  }
  SUBCASE("format_age")
  {
    CHECK(backup::format_age(24h * 60) == "60d");
    CHECK(backup::format_age(27h) == "1d3h");
    CHECK(backup::format_age(90min) == "1h30m");
    CHECK(backup::format_age(61s) == "1m1s");
    CHECK(backup::format_age(500ms) == "0s");
  }
  SUBCASE("an empty policy")
  {
    CHECK(backup::RetentionPolicy{}.empty());
    CHECK(kept(backup::apply_retention(k_backups, {}, now)).empty());
  }
  SUBCASE("with a FakeClock: a day later the daily set moves on")
  {
    test::FakeClock clock;
    backup::RetentionPolicy p;
    p.keep_daily = 1;
    CHECK(kept(backup::apply_retention(k_backups, p, clock.now())) == std::vector<std::string>{"a"});
  }
}
