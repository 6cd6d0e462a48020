#include <pave/template/sprig/cast.hpp>

#include <charconv>
#include <cmath>
#include <limits>

#include <pave/template/format.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

char lower(char c)
{
  return static_cast<char>(c | 0x20);
}

/// strconv's underscoreOK: '_' only between digits (or after a base prefix).
bool underscore_ok(std::string_view s)
{
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    s.remove_prefix(1);
  }
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') {
        return false;
      }
      saw = '_';
      continue;
    }
    if (saw == '_') {
      return false;
    }
    saw = '!';
  }
  return saw != '_';
}

/// cast's trimZeroDecimal: "12.000" -> "12".
std::string_view trim_zero_decimal(std::string_view s)
{
  bool found_zero = false;
  for (std::size_t i = s.size(); i > 0; --i) {
    switch (s[i - 1]) {
    case '.':
      if (found_zero) {
        return s.substr(0, i - 1);
      }
      break;
    case '0': found_zero = true; break;
    default: return s;
    }
  }
  return s;
}

} // namespace

namespace {

enum class ParseStatus { ok, syntax, range };

/// strconv.ParseUint: on a range error the value is the maximum.
ParseStatus parse_uint_status(std::string_view s, int base, std::uint64_t& n)
{
  n = 0;
  if (s.empty()) {
    return ParseStatus::syntax;
  }
  const std::string_view s0 = s;
  bool base0 = base == 0;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  } else if (base < 2 || base > 36) {
    return ParseStatus::syntax;
  }
  bool underscores = false;
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t cutoff = max / static_cast<std::uint64_t>(base) + 1;
  for (char c : s) {
    int d = 0;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = lower(c) - 'a' + 10;
    } else {
      n = 0;
      return ParseStatus::syntax;
    }
    if (d >= base) {
      n = 0;
      return ParseStatus::syntax;
    }
    if (n >= cutoff) {
      n = max;
      return ParseStatus::range;
    }
    n *= static_cast<std::uint64_t>(base);
    std::uint64_t n1 = n + static_cast<std::uint64_t>(d);
    if (n1 < n) {
      n = max;
      return ParseStatus::range;
    }
    n = n1;
  }
  if (underscores && !underscore_ok(s0)) {
    n = 0;
    return ParseStatus::syntax;
  }
  return ParseStatus::ok;
}

/// strconv.ParseInt: on a range error the value is the clamped extreme.
ParseStatus parse_int_status(std::string_view s, int base, std::int64_t& out)
{
  out = 0;
  if (s.empty()) {
    return ParseStatus::syntax;
  }
  bool neg = false;
  if (s[0] == '+') {
    s.remove_prefix(1);
  } else if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  std::uint64_t un = 0;
  ParseStatus st = parse_uint_status(s, base, un);
  if (st == ParseStatus::syntax) {
    return st;
  }
  constexpr std::uint64_t cutoff = std::uint64_t(1) << 63;
  if (st == ParseStatus::range || (!neg && un >= cutoff) || (neg && un > cutoff)) {
    out = neg ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return ParseStatus::range;
  }
  out = neg ? static_cast<std::int64_t>(0 - un) : static_cast<std::int64_t>(un);
  return ParseStatus::ok;
}

} // namespace

std::optional<std::uint64_t> parse_go_uint(std::string_view s, int base)
{
  std::uint64_t n = 0;
  if (parse_uint_status(s, base, n) != ParseStatus::ok) {
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> parse_go_int(std::string_view s, int base)
{
  std::int64_t n = 0;
  if (parse_int_status(s, base, n) != ParseStatus::ok) {
    return std::nullopt;
  }
  return n;
}

std::int64_t go_atoi(std::string_view s)
{
  std::int64_t n = 0;
  parse_int_status(s, 10, n);
  return n;
}

std::optional<double> parse_go_float(std::string_view s)
{
  if (s.empty()) {
    return std::nullopt;
  }
  // special(): [+-]inf, [+-]infinity, nan (case-insensitive), whole string only.
  {
    std::string_view t = s;
    double sign = 1;
    bool signed_ = false;
    if (t[0] == '+' || t[0] == '-') {
      sign = t[0] == '-' ? -1 : 1;
      signed_ = true;
      t.remove_prefix(1);
    }
    std::string low;
    for (char c : t) {
      low.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    if (low == "inf" || low == "infinity") {
      return sign * std::numeric_limits<double>::infinity();
    }
    if (!signed_ && low == "nan") {
      return std::numeric_limits<double>::quiet_NaN();
    }
  }
  // readFloat(): validate Go's syntax and collect the digits without '_'.
  std::size_t i = 0;
  bool neg = false;
  if (s[i] == '+') {
    ++i;
  } else if (s[i] == '-') {
    neg = true;
    ++i;
  }
  bool hex = false;
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    hex = true;
    i += 2;
  }
  std::string clean;
  bool underscores = false;
  bool sawdot = false;
  bool sawdigits = false;
  bool nonzero = false;
  long long nd = 0; // significant digits before the point (for overflow detection)
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (sawdot) {
        break;
      }
      sawdot = true;
      clean.push_back('.');
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true;
      if (c != '0') {
        nonzero = true;
      }
      if (!sawdot && nonzero) {
        ++nd;
      }
      clean.push_back(c);
      continue;
    }
    break;
  }
  if (!sawdigits) {
    return std::nullopt;
  }
  long long exp = 0;
  if (i < s.size() && lower(s[i]) == (hex ? 'p' : 'e')) {
    clean.push_back(hex ? 'p' : 'e');
    ++i;
    if (i >= s.size()) {
      return std::nullopt;
    }
    int esign = 1;
    if (s[i] == '+') {
      ++i;
    } else if (s[i] == '-') {
      esign = -1;
      clean.push_back('-');
      ++i;
    }
    if (i >= s.size() || s[i] < '0' || s[i] > '9') {
      return std::nullopt;
    }
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); ++i) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      if (exp < 100000) {
        exp = exp * 10 + (s[i] - '0');
      }
      clean.push_back(s[i]);
    }
    exp *= esign;
  } else if (hex) {
    return std::nullopt;
  }
  if (underscores && !underscore_ok(s.substr(0, i))) {
    return std::nullopt;
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  if (!nonzero) {
    return neg ? -0.0 : 0.0;
  }
  double v = 0;
  auto fmt = hex ? std::chars_format::hex : std::chars_format::general;
  auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v, fmt);
  if (r.ec == std::errc::result_out_of_range) {
    long long mag = hex ? nd * 4 + exp : nd + exp;
    if (mag > 0) {
      return std::nullopt; // overflow: Go returns ±Inf with a range error
    }
    v = 0;
  } else if (r.ec != std::errc{} || r.ptr != clean.data() + clean.size()) {
    return std::nullopt;
  }
  if (std::isinf(v)) {
    return std::nullopt;
  }
  return neg ? -v : v;
}

std::optional<bool> parse_go_bool(std::string_view s)
{
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    return false;
  }
  return std::nullopt;
}

std::int64_t cast_to_int64(const Value& v)
{
  switch (v.kind()) {
  case Kind::integer: return v.as_int();
  case Kind::unsigned_: return static_cast<std::int64_t>(v.as_uint());
  case Kind::floating: return go_float_to_int(v.as_float());
  case Kind::boolean: return v.as_bool() ? 1 : 0;
  case Kind::string: return parse_go_int(trim_zero_decimal(v.as_string()), 0).value_or(0);
  default: return 0;
  }
}

double cast_to_float64(const Value& v)
{
  switch (v.kind()) {
  case Kind::integer: return static_cast<double>(v.as_int());
  case Kind::unsigned_: return static_cast<double>(v.as_uint());
  case Kind::floating: return v.as_float();
  case Kind::boolean: return v.as_bool() ? 1 : 0;
  case Kind::string: return parse_go_float(v.as_string()).value_or(0);
  default: return 0;
  }
}

std::string cast_to_string(const Value& v)
{
  switch (v.kind()) {
  case Kind::string:
  case Kind::bytes: return v.as_string();
  case Kind::boolean: return v.as_bool() ? "true" : "false";
  case Kind::floating: return format_float(v.as_float(), 'f', -1);
  case Kind::integer: return std::to_string(v.as_int());
  case Kind::unsigned_: return std::to_string(v.as_uint());
  case Kind::object: return v.as_object().format();
  default: return {};
  }
}

bool cast_to_bool(const Value& v)
{
  switch (v.kind()) {
  case Kind::boolean: return v.as_bool();
  case Kind::integer: return v.int_type() == IntType::int_ && v.as_int() != 0;
  case Kind::string: return parse_go_bool(v.as_string()).value_or(false);
  default: return false;
  }
}

} // namespace pave::tmpl::sprig
