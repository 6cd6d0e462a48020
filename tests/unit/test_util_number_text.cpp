#include <doctest/doctest.h>

#include <fmt/format.h>

#include <pave/util/number_text.hpp>

using namespace pave;

namespace {

std::string general(double v, int precision = 6)
{
  std::string out = "x";
  util::append_general(out, v, precision);
  return out.substr(1);
}

std::string fixed(double v, int precision)
{
  std::string out;
  util::append_fixed(out, v, precision);
  return out;
}

} // namespace

TEST_CASE("util::append_general")
{
  CHECK(general(1) == "1");
  CHECK(general(10) == "10");
  CHECK(general(999999) == "999999");
  CHECK(general(1e6) == "1e+06");
  CHECK(general(0.1) == "0.1");
  CHECK(general(0.0001) == "0.0001");
  CHECK(general(0.00001) == "1e-05");
  CHECK(general(-0.0) == "-0");
  CHECK(general(2.5) == "2.5");
  CHECK(general(0.22265625, 3) == "0.223");
  CHECK(general(123.456, 3) == "123");
  CHECK(general(1234.5, 3) == "1.23e+03");
  SUBCASE("as fmt")
  {
    for (const double v : {0.0, 1.0, 3.0, 0.125, 0.999, 1.0 / 3, 2.0 / 3 * 1e7, 730.0, 1e-300, 12345678.9, -4.5}) {
      CHECK(general(v) == fmt::format("{:g}", v));
      CHECK(general(v, 3) == fmt::format("{:.3g}", v));
    }
  }
}

TEST_CASE("util::append_fixed")
{
  CHECK(fixed(2.675, 2) == fmt::format("{:.2f}", 2.675));
  CHECK(fixed(1234567.891, 2) == "1234567.89");
  CHECK(fixed(0.5, 0) == "0");
  CHECK(fixed(1.5, 0) == "2");
  CHECK(fixed(-0.001, 2) == "-0.00");
}

TEST_CASE("util::append_integer")
{
  std::string out = "n=";
  util::append_integer(out, -42);
  CHECK(out == "n=-42");
}
