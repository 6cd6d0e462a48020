#include <pave/util/number_text.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace pave::util {

namespace {

// Room for any double in fixed notation (309 digits) with a fraction of up to
// 40 digits; longer fractions are cut to fit (never asked for here).
constexpr std::size_t k_room = 360;

constexpr std::array<double, 16> k_powers_of_10{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

} // namespace

void append_general(std::string& out, double v, int precision)
{
  // Whole numbers below 10^precision print as integers (replicas, nodes).
  if (precision >= 1 && precision <= 15 && v == std::trunc(v) && std::fabs(v) < k_powers_of_10[static_cast<std::size_t>(precision)] &&
      !std::signbit(v)) {
    append_integer(out, static_cast<std::int64_t>(v));
    return;
  }
  std::array<char, k_room> buffer;
  const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v, std::chars_format::general,
                               std::min(precision, 40));
  out.append(buffer.data(), r.ptr);
}

void append_fixed(std::string& out, double v, int precision)
{
  std::array<char, k_room> buffer;
  const auto r =
    std::to_chars(buffer.data(), buffer.data() + buffer.size(), v, std::chars_format::fixed, std::min(precision, 40));
  out.append(buffer.data(), r.ptr);
}

void append_integer(std::string& out, std::int64_t n)
{
  std::array<char, 24> buffer;
  const auto r = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n);
  out.append(buffer.data(), r.ptr);
}

} // namespace pave::util
