#include <doctest/doctest.h>

#include <array>
#include <charconv>
#include <cmath>
#include <random>

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

TEST_CASE("util::append_general: short decimals as to_chars prints them")
{
  // The fast path for values like 0.125 must agree with the general
  // formatting everywhere, near its edges included.
  auto reference = [](double v, int precision) {
    std::array<char, 64> buffer;
    const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v, std::chars_format::general, precision);
    return std::string(buffer.data(), r.ptr);
  };
  CHECK(general(0.3) == "0.3");
  CHECK(general(0.125, 3) == "0.125");
  CHECK(general(0.1 + 0.2) == "0.3");
  CHECK(general(2.9999999999) == "3");
  CHECK(general(1.0000000001) == "1");
  CHECK(general(999999.5) == "1e+06");
  CHECK(general(0.0001234) == "0.0001234");
  CHECK(general(0.12345675) == "0.123457");
  CHECK(general(0.12345675, 7) == "0.1234568");
  std::mt19937_64 random(42);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const int precision = 1 + static_cast<int>(random() % 8);
    const int digits = 1 + static_cast<int>(random() % 9);
    const int decimals = static_cast<int>(random() % 9);
    const auto mantissa = static_cast<double>(random() % static_cast<std::uint64_t>(std::pow(10, digits)));
    double v = mantissa / std::pow(10, decimals);
    switch (random() % 4) {
    case 0: v = std::nextafter(v, 0.0); break;        // just below
    case 1: v = std::nextafter(v, 1e300); break;      // just above
    case 2: v *= 1 + 1e-10 * static_cast<double>(random() % 100); break; // near
    default: break;
    }
    INFO(fmt::format("{:.17g} precision {}", v, precision));
    REQUIRE(general(v, precision) == reference(v, precision));
    ++checked;
  }
  CHECK(checked == 200000);
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
