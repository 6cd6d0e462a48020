// yaml.v2's resolve.go: plain scalar resolution under YAML 1.1 rules.
#include <pave/codec/yaml_resolve.hpp>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>

#include <fmt/format.h>

namespace pave::codec {

namespace {

constexpr std::string_view k_null_tag = "tag:yaml.org,2002:null";
constexpr std::string_view k_bool_tag = "tag:yaml.org,2002:bool";
constexpr std::string_view k_int_tag = "tag:yaml.org,2002:int";
constexpr std::string_view k_float_tag = "tag:yaml.org,2002:float";
constexpr std::string_view k_timestamp_tag = "tag:yaml.org,2002:timestamp";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char hint_of(std::string_view in)
{
  if (in.empty()) {
    return 'N';
  }
  const char c = in[0];
  if (c == '+' || c == '-') return 'S';
  if (is_digit(c)) return 'D';
  switch (c) {
  case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case 'o': case 'O': case '~':
    return 'M';
  case '.':
    return '.';
  default:
    return 0;
  }
}

/// resolveMap of yaml.v2 (YAML 1.1 booleans, nulls, infinities).
bool lookup_map(std::string_view in, YamlScalar& out, bool yaml11_bools)
{
  auto any_of = [&](std::initializer_list<std::string_view> list) {
    for (auto s : list) {
      if (in == s) return true;
    }
    return false;
  };
  auto boolean = [&](bool b) {
    out = {YamlKind::boolean, b};
    return true;
  };
  auto floating = [&](double f) {
    out = {YamlKind::float_};
    out.f = f;
    return true;
  };
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (in.empty()) {
    out = {YamlKind::null_};
    return true;
  }
  if (in.size() > 6) {
    return false;
  }
  switch (in[0]) {
  case 'y':
  case 'Y': return yaml11_bools && any_of({"y", "Y", "yes", "Yes", "YES"}) && boolean(true);
  case 'n':
  case 'N':
    if (yaml11_bools && any_of({"n", "N", "no", "No", "NO"})) return boolean(false);
    if (any_of({"null", "Null", "NULL"})) {
      out = {YamlKind::null_};
      return true;
    }
    return false;
  case 't':
  case 'T': return any_of({"true", "True", "TRUE"}) && boolean(true);
  case 'f':
  case 'F': return any_of({"false", "False", "FALSE"}) && boolean(false);
  case 'o':
  case 'O':
    if (!yaml11_bools) return false;
    if (any_of({"on", "On", "ON"})) return boolean(true);
    return any_of({"off", "Off", "OFF"}) && boolean(false);
  case '~':
    if (in.size() == 1) {
      out = {YamlKind::null_};
      return true;
    }
    return false;
  case '.':
    if (any_of({".nan", ".NaN", ".NAN"})) return floating(std::numeric_limits<double>::quiet_NaN());
    return any_of({".inf", ".Inf", ".INF"}) && floating(inf);
  case '+': return any_of({"+.inf", "+.Inf", "+.INF"}) && floating(inf);
  case '-': return any_of({"-.inf", "-.Inf", "-.INF"}) && floating(-inf);
  case '<':
    if (in == "<<") {
      out = {YamlKind::merge};
      return true;
    }
    return false;
  default: return false;
  }
}

/// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yaml_style_float(std::string_view s)
{
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t d = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == d) return false;
  } else {
    const std::size_t d = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == d) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t d = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == d) return false;
  }
  return i == s.size();
}

/// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ with encode.go's fast path.
bool is_base60_float(std::string_view s)
{
  if (s.empty()) return false;
  const char c = s[0];
  if (!(c == '+' || c == '-' || is_digit(c)) || s.find(':') == std::string_view::npos) return false;
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    // [0-5]?[0-9]: one digit, or two digits with the first 0-5.
    if (i + 1 < s.size() && s[i] >= '0' && s[i] <= '5' && is_digit(s[i + 1])) {
      i += 2;
    } else if (i < s.size() && is_digit(s[i])) {
      i += 1;
    } else {
      return false;
    }
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  }
  return i == s.size();
}

// ---- time.Parse for yaml.v2's allowedTimestampFormats

/// time's getnum: one or two digits (exactly two when fixed).
bool getnum(std::string_view& v, bool fixed, int& out)
{
  if (v.empty() || !is_digit(v[0])) return false;
  if (v.size() < 2 || !is_digit(v[1])) {
    if (fixed) return false;
    out = v[0] - '0';
    v.remove_prefix(1);
    return true;
  }
  out = (v[0] - '0') * 10 + (v[1] - '0');
  v.remove_prefix(2);
  return true;
}

/// time's skip() of a literal layout chunk: a space matches a run of spaces.
bool skip_literal(std::string_view& v, std::string_view prefix)
{
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!v.empty() && v[0] != ' ') return false;
      while (!prefix.empty() && prefix[0] == ' ') prefix.remove_prefix(1);
      while (!v.empty() && v[0] == ' ') v.remove_prefix(1);
      continue;
    }
    if (v.empty() || v[0] != prefix[0]) return false;
    v.remove_prefix(1);
    prefix.remove_prefix(1);
  }
  return true;
}

int days_in(int month, int year)
{
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

/// time.Parse(layout, s) succeeds, for layouts "2006-1-2" + optional
/// SEP "15:4:5.999999999" + optional "Z07:00".
bool parse_time_layout(std::string_view v, std::string_view sep, bool with_time, bool with_zone)
{
  if (v.size() < 4) return false;
  for (int k = 0; k < 4; ++k) {
    if (!is_digit(v[static_cast<std::size_t>(k)])) return false;
  }
  const int year = std::stoi(std::string(v.substr(0, 4)));
  v.remove_prefix(4);
  int month = 0;
  int day = 0;
  if (!skip_literal(v, "-") || !getnum(v, false, month) || month < 1 || month > 12) return false;
  if (!skip_literal(v, "-") || !getnum(v, false, day)) return false;
  if (with_time) {
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!skip_literal(v, sep) || !getnum(v, false, hour) || hour >= 24) return false;
    if (!skip_literal(v, ":") || !getnum(v, false, minute) || minute >= 60) return false;
    if (!skip_literal(v, ":") || !getnum(v, false, second) || second >= 60) return false;
    if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && is_digit(v[1])) {
      std::size_t i = 0;
      while (i < 9 && i + 1 < v.size() && is_digit(v[i + 1])) ++i;
      v.remove_prefix(1 + i);
    }
    if (with_zone) {
      if (!v.empty() && v[0] == 'Z') {
        v.remove_prefix(1);
      } else {
        if (v.size() < 6 || v[3] != ':') return false;
        const char sign = v[0];
        std::string_view hh = v.substr(1, 2);
        std::string_view mm = v.substr(4, 2);
        v.remove_prefix(6);
        int hr = 0;
        int mn = 0;
        if (!getnum(hh, true, hr) || !getnum(mm, true, mn)) return false;
        if (hr > 24 || mn > 60) return false;
        if (sign != '+' && sign != '-') return false;
      }
    }
  }
  if (!v.empty()) return false;
  return day >= 1 && day <= days_in(month, year);
}

bool parse_timestamp(std::string_view s)
{
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return false;
  return parse_time_layout(s, "T", true, true) || parse_time_layout(s, "t", true, true) ||
         parse_time_layout(s, " ", true, false) || parse_time_layout(s, "", false, false);
}

std::string remove_underscores(std::string_view in)
{
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    if (c != '_') out += c;
  }
  return out;
}

/// resolve() without the tag check; `tag` matters only for timestamps and !!str/!!binary.
YamlScalar resolve_plain(std::string_view tag, std::string_view in, bool yaml11_bools)
{
  YamlScalar out;
  const char hint = hint_of(in);
  if (hint == 0 || tag == k_yaml_str_tag || tag == k_yaml_binary_tag) {
    return out;
  }
  if (hint != 'D' && lookup_map(in, out, yaml11_bools)) {
    return out; // (no resolveMap entry starts with a digit)
  }
  if (hint == '.') {
    double f = 0;
    if (go_parse_float(in, f)) {
      out = {YamlKind::float_};
      out.f = f;
    }
    return out;
  }
  if (hint != 'D' && hint != 'S') {
    return out;
  }
  // Numbers, timestamps and base-60 floats use only these characters.
  static constexpr auto numeric = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("0123456789abcdefABCDEF+-._:,xXoOtTzZ ")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  for (char c : in) {
    if (!numeric[static_cast<unsigned char>(c)]) {
      return out;
    }
  }
  if ((tag.empty() || tag == k_timestamp_tag) && parse_timestamp(in)) {
    out.kind = YamlKind::timestamp;
    return out;
  }
  std::string without_underscores;
  std::string_view plain = in;
  if (in.find('_') != std::string_view::npos) {
    without_underscores = remove_underscores(in);
    plain = without_underscores;
  }
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double f = 0;
  if (go_parse_int(plain, 0, i)) {
    out = {YamlKind::int_};
    out.i = i;
    return out;
  }
  if (go_parse_uint(plain, 0, u)) {
    out = {YamlKind::uint_};
    out.u = u;
    return out;
  }
  if (yaml_style_float(plain) && go_parse_float(plain, f)) {
    out = {YamlKind::float_};
    out.f = f;
    return out;
  }
  const std::string_view p = plain;
  if (p.starts_with("0b")) {
    if (go_parse_int(p.substr(2), 2, i)) {
      out = {YamlKind::int_};
      out.i = i;
    } else if (go_parse_uint(p.substr(2), 2, u)) {
      out = {YamlKind::uint_};
      out.u = u;
    }
  } else if (p.starts_with("-0b")) {
    if (go_parse_int("-" + std::string(p.substr(3)), 2, i)) {
      out = {YamlKind::int_};
      out.i = i;
    }
  }
  return out;
}

std::string_view kind_tag(YamlKind k)
{
  switch (k) {
  case YamlKind::null_: return k_null_tag;
  case YamlKind::boolean: return k_bool_tag;
  case YamlKind::int_:
  case YamlKind::uint_: return k_int_tag;
  case YamlKind::float_: return k_float_tag;
  case YamlKind::timestamp: return k_timestamp_tag;
  case YamlKind::merge: return k_yaml_merge_tag;
  default: return k_yaml_str_tag;
  }
}

} // namespace

std::string yaml_short_tag(std::string_view tag)
{
  if (tag.starts_with(k_yaml_tag_prefix)) {
    return "!!" + std::string(tag.substr(k_yaml_tag_prefix.size()));
  }
  return std::string(tag);
}

bool go_parse_uint(std::string_view s, int base, std::uint64_t& out)
{
  if (s.empty()) return false;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      const char c1 = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : 0;
      if (c1 == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (c1 == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (c1 == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  }
  std::uint64_t n = 0;
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  for (char c : s) {
    int d = 0;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      d = (c | 0x20) - 'a' + 10;
    } else {
      return false;
    }
    if (d >= base) return false;
    if (n > (max - static_cast<std::uint64_t>(d)) / static_cast<std::uint64_t>(base)) return false;
    n = n * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  out = n;
  return true;
}

bool go_parse_int(std::string_view s, int base, std::int64_t& out)
{
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  std::uint64_t u = 0;
  if (!go_parse_uint(s, base, u)) return false;
  constexpr std::uint64_t cutoff = std::uint64_t(1) << 63;
  if (!neg && u >= cutoff) return false;
  if (neg && u > cutoff) return false;
  out = neg ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u);
  return true;
}

bool go_parse_float(std::string_view s, double& out)
{
  // Decimal syntax only: [+-] digits [. digits] [e [+-] digits], at least one mantissa digit.
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t d = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == d) return false;
  }
  if (i != s.size()) return false;
  const char* b = s.data();
  if (*b == '+') ++b;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(b, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) {
    const std::string tmp(b, s.data() + s.size());
    errno = 0;
    v = std::strtod(tmp.c_str(), nullptr);
    if (std::isinf(v)) return false; // overflow is an error; underflow is not
  } else if (ec != std::errc{}) {
    return false;
  }
  out = v;
  return true;
}

bool yaml_resolve(std::string_view tag, std::string_view in, YamlScalar& out, std::string& error)
{
  const bool resolvable = tag.empty() || tag == k_yaml_str_tag || tag == k_bool_tag || tag == k_int_tag ||
                          tag == k_float_tag || tag == k_null_tag || tag == k_timestamp_tag;
  if (!resolvable) {
    // Unresolvable tags (!!binary, "!", custom ones) keep the text as is.
    out = YamlScalar{};
    out.kind = tag == k_yaml_binary_tag ? YamlKind::binary : YamlKind::other;
    return true;
  }
  out = resolve_plain(tag, in, true);
  const std::string_view rtag = kind_tag(out.kind);
  if (tag.empty() || tag == rtag || tag == k_yaml_str_tag) {
    return true;
  }
  if (tag == k_float_tag && out.kind == YamlKind::int_) {
    out.kind = YamlKind::float_;
    out.f = static_cast<double>(out.i);
    return true;
  }
  error = fmt::format("cannot decode {} `{}` as a {}", yaml_short_tag(rtag), in, yaml_short_tag(tag));
  return false;
}

bool yaml_v2_plain_is_string(std::string_view s)
{
  if (hint_of(s) == 0) {
    return true; // fast path: cannot resolve to anything but a string (and no base-60 float)
  }
  return resolve_plain({}, s, true).kind == YamlKind::str && !is_base60_float(s);
}

bool yaml_v3_plain_is_string(std::string_view s)
{
  // yaml.v3 resolves YAML 1.1 booleans as strings but still quotes them (isOldBool).
  return yaml_v2_plain_is_string(s);
}

} // namespace pave::codec
