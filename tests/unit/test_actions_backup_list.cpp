#include <doctest/doctest.h>

#include <pave/actions/backup_list.hpp>
#include <pave/util/time.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

TEST_CASE("actions::rpo_status")
{
  test::FakeClock clock;
  auto at = [&](const std::string& env, std::chrono::milliseconds ago) {
    backup::BackupInfo b;
    b.id = env + "-x";
    b.environment = env;
    b.created = clock.now() - ago;
    return b;
  };
  const std::vector<backup::BackupInfo> backups = {at("dev", 30h), at("dev", 2h), at("prod", 30h)};
  auto s = actions::rpo_status(backups, "dev", 24h, clock.now());
  CHECK(s.status == "ok");
  CHECK(*s.newest_age == 2h);
  CHECK(actions::rpo_status(backups, "prod", 24h, clock.now()).status == "violated");
  CHECK(actions::rpo_status(backups, "qa", 24h, clock.now()).status == "violated");
  CHECK_FALSE(actions::rpo_status(backups, "qa", 24h, clock.now()).newest_age);
  CHECK(actions::rpo_status(backups, "prod", std::nullopt, clock.now()).status == "unknown");
  clock.advance(23h);
  CHECK(actions::rpo_status(backups, "dev", 24h, clock.now()).status == "violated");
  actions::BackupListResult r;
  r.rpo = {actions::rpo_status(backups, "dev", 48h, clock.now())};
  CHECK_FALSE(r.out_of_bounds());
  r.rpo.push_back(actions::rpo_status(backups, "prod", 48h, clock.now()));
  CHECK(r.out_of_bounds());
}
