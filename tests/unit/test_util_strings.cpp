#include <doctest/doctest.h>

#include <pave/util/strings.hpp>

using namespace pave;

TEST_CASE("util::edit_distance")
{
  CHECK(util::edit_distance("", "") == 0);
  CHECK(util::edit_distance("abc", "") == 3);
  CHECK(util::edit_distance("kitten", "sitting") == 3);
  CHECK(util::edit_distance("outptu", "output") == 2);
}

TEST_CASE("util::did_you_mean")
{
  const std::string_view keys[] = {"output", "color", "log_format", "region"};
  CHECK(util::did_you_mean("outptu", keys) == "output");
  CHECK(util::did_you_mean("colour", keys) == "color");
  CHECK(util::did_you_mean("regoin", keys) == "region");
  CHECK(util::did_you_mean("zzzzzz", keys) == "");
  CHECK(util::did_you_mean("x", keys) == "");
}

TEST_CASE("util::is_dns_label")
{
  CHECK(util::is_dns_label("shop"));
  CHECK(util::is_dns_label("a-1"));
  CHECK_FALSE(util::is_dns_label(""));
  CHECK_FALSE(util::is_dns_label("-a"));
  CHECK_FALSE(util::is_dns_label("a-"));
  CHECK_FALSE(util::is_dns_label("Shop"));
  CHECK_FALSE(util::is_dns_label("a_b"));
  CHECK_FALSE(util::is_dns_label(std::string(64, 'a')));
  CHECK(util::is_dns_label(std::string(63, 'a')));
}

TEST_CASE("util::split and util::trim")
{
  CHECK(util::split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(util::split("", ',') == std::vector<std::string>{""});
  CHECK(util::trim("  a b \n") == "a b");
  CHECK(util::trim(" \t ") == "");
}
