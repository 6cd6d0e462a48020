#include <doctest/doctest.h>

#include <pave/util/random.hpp>
#include <pave/util/sha256.hpp>
#include <pave/util/time.hpp>

using namespace pave;
using namespace std::chrono_literals;

TEST_CASE("util::parse_duration")
{
  CHECK(util::parse_duration("0").value() == 0ms);
  CHECK(util::parse_duration("0s").value() == 0ms);
  CHECK(util::parse_duration("250ms").value() == 250ms);
  CHECK(util::parse_duration("30s").value() == 30s);
  CHECK(util::parse_duration("1m30s").value() == 90s);
  CHECK(util::parse_duration("2h").value() == 2h);
  for (const char* bad : {"", "s", "10", "1.5s", "-1s", "5 s", "5x", "1d"}) {
    CAPTURE(bad);
    const auto r = util::parse_duration(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          std::string("invalid duration \"") + bad + "\": use a number with a unit, e.g. 30s, 2m, 500ms");
  }
}

TEST_CASE("util::format_duration")
{
  CHECK(util::format_duration(150ms) == "150ms");
  CHECK(util::format_duration(1500ms) == "1.5s");
  CHECK(util::format_duration(5s) == "5s");
  CHECK(util::format_duration(120s) == "2m");
  CHECK(util::format_duration(150s) == "2m30s");
}

TEST_CASE("util::rfc3339_utc")
{
  CHECK(util::rfc3339_utc(std::chrono::system_clock::from_time_t(0)) == "1970-01-01T00:00:00Z");
  CHECK(util::rfc3339_utc(std::chrono::system_clock::from_time_t(1714564800)) == "2024-05-01T12:00:00Z");
}

TEST_CASE("util::sha256_hex and uuid_v4")
{
  CHECK(util::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(util::sha256_tagged("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const auto u = util::uuid_v4();
  REQUIRE(u.size() == 36);
  CHECK(u[8] == '-');
  CHECK(u[14] == '4');
  CHECK(std::string("89ab").find(u[19]) != std::string::npos);
  CHECK(u != util::uuid_v4());
}

TEST_CASE("util::parse_rfc3339")
{
  using namespace std::chrono;
  CHECK(util::parse_rfc3339("2023-11-14T22:13:20Z") == system_clock::time_point(seconds(1700000000)));
  CHECK(util::parse_rfc3339("2023-11-14T23:13:20.5+01:00") == system_clock::time_point(seconds(1700000000)));
  CHECK(util::rfc3339_utc(*util::parse_rfc3339(util::rfc3339_utc(system_clock::time_point(seconds(42))))) ==
        "1970-01-01T00:00:42Z");
  CHECK_FALSE(util::parse_rfc3339("2023-11-14 22:13:20"));
  CHECK_FALSE(util::parse_rfc3339("2023-11-14T22:13:20Zjunk"));
  // Years system_clock cannot hold are malformed, not an overflow.
  CHECK_FALSE(util::parse_rfc3339("4052-11-14T22:13:20Z"));
  CHECK_FALSE(util::parse_rfc3339("1200-01-01T00:00:00Z"));
  CHECK(util::parse_rfc3339("2200-12-31T23:59:59Z"));
}
