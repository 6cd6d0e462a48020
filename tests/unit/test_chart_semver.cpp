// Expected results come from Masterminds/semver v3 (NewVersion, NewConstraint, Check).
#include <doctest/doctest.h>

#include <pave/chart/semver.hpp>

using pave::chart::Constraints;
using pave::chart::Version;

namespace {

std::string version(std::string_view s)
{
  auto v = Version::parse(s);
  return v ? v->str() : "err " + v.error().message;
}

std::string check(std::string_view c, std::string_view v)
{
  auto cs = Constraints::parse(c);
  if (!cs) {
    return "cerr " + cs.error().message;
  }
  auto ver = Version::parse(v);
  if (!ver) {
    return "verr " + ver.error().message;
  }
  return cs->check(*ver) ? "true" : "false";
}

} // namespace

TEST_CASE("chart::Version::parse")
{
  CHECK(version("1.2.3") == "1.2.3");
  CHECK(version("v1.2") == "1.2.0");
  CHECK(version("1") == "1.0.0");
  CHECK(version("1.2.3-beta.1+b5") == "1.2.3-beta.1+b5");
  CHECK(version("01.2.3") == "1.2.3");
  CHECK(version("v1.20.0") == "1.20.0");
  CHECK(version("1.2.3-01") == "err Version segment starts with 0");
  CHECK(version("1.2.3.4") == "err Invalid Semantic Version");
  CHECK(version("abc") == "err Invalid Semantic Version");
  CHECK(version("1.2.3-") == "err Invalid Semantic Version");
}

TEST_CASE("chart::Constraints")
{
  CHECK(check(">=1.25.0-0", "v1.20.0") == "false");
  CHECK(check(">=1.25.0-0", "1.26.0") == "true");
  CHECK(check(">=1.25.0-0", "1.25.0-rc.1") == "true");
  CHECK(check("2.x.x", "2.31.4") == "true");
  CHECK(check("2.x.x", "3.0.0") == "false");
  CHECK(check("~1.2.3", "1.2.9") == "true");
  CHECK(check("~1.2.3", "1.3.0") == "false");
  CHECK(check("^1.2", "1.9.0") == "true");
  CHECK(check("^1.2", "2.0.0") == "false");
  CHECK(check("^0.2.3", "0.2.9") == "true");
  CHECK(check("^0.2.3", "0.3.0") == "false");
  CHECK(check("^0.0.3", "0.0.3") == "true");
  CHECK(check("^0.0.3", "0.0.4") == "false");
  CHECK(check("1.2 - 1.4.5", "1.4.5") == "true");
  CHECK(check("1.2 - 1.4.5", "1.4.6") == "false");
  CHECK(check(">= 1.2, < 2", "1.5.0") == "true");
  CHECK(check(">=1.2 <2", "2.0.0") == "false");
  CHECK(check("<1.2 || >=3", "3.1.0") == "true");
  CHECK(check("<1.2 || >=3", "2.1.0") == "false");
  CHECK(check("!=1.2.3", "1.2.3") == "false");
  CHECK(check("!=1.2.x", "1.2.4") == "false");
  CHECK(check("!=1.2.x", "1.3.4") == "true");
  CHECK(check(">1.2", "1.2.5") == "false");
  CHECK(check(">1.2", "1.3.0") == "true");
  CHECK(check(">1", "1.9.0") == "false");
  CHECK(check(">1", "2.0.0") == "true");
  CHECK(check("<=1.2", "1.2.9") == "true");
  CHECK(check("<=1.2", "1.3.0") == "false");
  CHECK(check("*", "1.0.0-alpha") == "false");
  CHECK(check("*", "1.0.0") == "true");
  CHECK(check("0.1.0", "0.1.0") == "true");
  CHECK(check("=0.1.0", "0.1.1") == "false");
  CHECK(check("~>2.1", "2.1.7") == "true");
  CHECK(check("1.x", "1.0.0-beta") == "false");
  CHECK(check(">=1.0.0-alpha", "1.0.0-beta") == "true");
  CHECK(check("x", "3.4.5") == "true");
  CHECK(check("~0", "0.5.0") == "true");
  CHECK(check("~1", "1.9.9") == "true");
  CHECK(check("foo", "1.0.0") == "cerr improper constraint: foo");
}

TEST_CASE("chart::is_compatible_range")
{
  CHECK(pave::chart::is_compatible_range("", "1.0.0"));
  CHECK(pave::chart::is_compatible_range("0.1.0", "0.1.0"));
  CHECK(!pave::chart::is_compatible_range("0.1.0", "0.2.0"));
  CHECK(!pave::chart::is_compatible_range("foo", "0.2.0"));
  CHECK(!pave::chart::is_compatible_range("*", "bar"));
}
