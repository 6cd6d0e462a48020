#include <pave/cost/quantity.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace pave::cost {

namespace {

/// The suffixes of resource.Quantity: binary SI, decimal SI and milli.
constexpr std::array<std::pair<std::string_view, double>, 14> k_suffixes{{
  {"Ki", 1024.0},
  {"Mi", 1024.0 * 1024},
  {"Gi", 1024.0 * 1024 * 1024},
  {"Ti", 1024.0 * 1024 * 1024 * 1024},
  {"Pi", 1024.0 * 1024 * 1024 * 1024 * 1024},
  {"Ei", 1024.0 * 1024 * 1024 * 1024 * 1024 * 1024},
  {"n", 1e-9},
  {"u", 1e-6},
  {"m", 1e-3},
  {"k", 1e3},
  {"M", 1e6},
  {"G", 1e9},
  {"T", 1e12},
  {"P", 1e15},
}};

} // namespace

util::Result<double> parse_quantity(double value)
{
  if (!std::isfinite(value) || value < 0) {
    return util::fail("{} is not a Kubernetes quantity", value);
  }
  return value;
}

util::Result<double> parse_quantity(Value value)
{
  if (value.is_number()) {
    double d = 0;
    if (value.get_double().get(d) != simdjson::SUCCESS || !std::isfinite(d) || d < 0) {
      return util::fail("{} is not a Kubernetes quantity", simdjson::minify(value));
    }
    return d;
  }
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return util::fail("{} is not a Kubernetes quantity", simdjson::minify(value));
  }
  return parse_quantity(text);
}

util::Result<double> parse_quantity(std::string_view text)
{
  std::string_view s = text;
  double scale = 1;
  for (const auto& [suffix, factor] : k_suffixes) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      scale = factor;
      s.remove_suffix(suffix.size());
      break;
    }
  }
  if (scale == 1 && s.size() > 1 && s.back() == 'E') { // exa, not an exponent
    scale = 1e18;
    s.remove_suffix(1);
  }
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  double number = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(number) || number < 0) {
    return util::fail("\"{}\" is not a Kubernetes quantity", text);
  }
  const double out = number * scale;
  if (!std::isfinite(out)) {
    return util::fail("\"{}\" is not a Kubernetes quantity", text);
  }
  return out;
}

util::Result<double> parse_gib(std::string_view text)
{
  PAVE_TRY_ASSIGN(const double bytes, parse_quantity(text));
  return bytes / (1024.0 * 1024 * 1024);
}

util::Result<double> parse_gib(Value value)
{
  PAVE_TRY_ASSIGN(const double bytes, parse_quantity(value));
  return bytes / (1024.0 * 1024 * 1024);
}

} // namespace pave::cost
