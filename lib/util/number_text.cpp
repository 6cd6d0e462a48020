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

/// append_general() of a positive `v` within a billionth of a decimal of at
/// most `precision` (<= 6) significant digits and 6 decimals (0.1, 0.125,
/// 2.5: the CPU and memory of a pod): those digits, as to_chars would print
/// them, without its general formatting (a cost report formats 200,000).
/// False, writing nothing, for any other value.
bool append_short_decimal(std::string& out, double v, int precision)
{
  if (precision < 1 || precision > 6 || !(v >= 1e-4) || v >= k_powers_of_10[static_cast<std::size_t>(precision)]) {
    return false;
  }
  for (std::size_t decimals = 1; decimals <= 6; ++decimals) {
    const double scaled = v * k_powers_of_10[decimals];
    const double digits = std::nearbyint(scaled);
    if (std::fabs(scaled - digits) > scaled * 1e-9) {
      continue;
    }
    // %g rounds to `precision` significant digits and drops trailing zeros:
    // within a billionth of `digits` (ending in a non-zero digit), that is
    // `digits` itself.
    const auto n = static_cast<std::int64_t>(digits);
    if (n % 10 == 0) { // just below or above a whole number or a shorter decimal (2.9999999999)
      return false;
    }
    const std::int64_t unit = static_cast<std::int64_t>(k_powers_of_10[decimals]);
    const std::int64_t whole = n / unit;
    int significant = 0;
    for (std::int64_t rest = n; rest != 0; rest /= 10) { // leading zeros of 0.0012 are not digits of n
      ++significant;
    }
    if (significant > precision) {
      return false;
    }
    append_integer(out, whole);
    out += '.';
    std::array<char, 8> fraction;
    std::int64_t rest = n % unit;
    for (std::size_t i = decimals; i-- > 0;) {
      fraction[i] = static_cast<char>('0' + rest % 10);
      rest /= 10;
    }
    out.append(fraction.data(), decimals);
    return true;
  }
  return false;
}

} // namespace

void append_general(std::string& out, double v, int precision)
{
  // Whole numbers below 10^precision print as integers (replicas, nodes).
  if (precision >= 1 && precision <= 15 && v == std::trunc(v) && std::fabs(v) < k_powers_of_10[static_cast<std::size_t>(precision)] &&
      !std::signbit(v)) {
    append_integer(out, static_cast<std::int64_t>(v));
    return;
  }
  if (append_short_decimal(out, v, precision)) {
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
