#include <pave/template/parse_literal.hpp>

#include <charconv>
#include <cmath>
#include <limits>

#include <pave/template/strconv.hpp>

namespace pave::tmpl {

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

std::optional<int> unhex(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

bool valid_rune(char32_t r)
{
  return r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF);
}

} // namespace

ParseStatus parse_go_uint(std::string_view s, int base, std::uint64_t& n)
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

ParseStatus parse_go_int(std::string_view s, int base, std::int64_t& out)
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
  ParseStatus st = parse_go_uint(s, base, un);
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

std::optional<std::uint64_t> parse_go_uint(std::string_view s, int base)
{
  std::uint64_t n = 0;
  if (parse_go_uint(s, base, n) != ParseStatus::ok) {
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> parse_go_int(std::string_view s, int base)
{
  std::int64_t n = 0;
  if (parse_go_int(s, base, n) != ParseStatus::ok) {
    return std::nullopt;
  }
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

std::optional<UnquotedChar> unquote_go_char(std::string_view s, char quote)
{
  if (s.empty()) {
    return std::nullopt;
  }
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 == static_cast<unsigned char>(quote) && (quote == '\'' || quote == '"')) {
    return std::nullopt;
  }
  if (c0 >= 0x80) {
    const auto d = go::decode_rune(s);
    return UnquotedChar{d.rune, true, s.substr(static_cast<std::size_t>(d.width))};
  }
  if (c0 != '\\') {
    return UnquotedChar{c0, false, s.substr(1)};
  }
  if (s.size() <= 1) {
    return std::nullopt;
  }
  const char c = s[1];
  s.remove_prefix(2);
  char32_t value = 0;
  bool multibyte = false;
  switch (c) {
  case 'a': value = '\a'; break;
  case 'b': value = '\b'; break;
  case 'f': value = '\f'; break;
  case 'n': value = '\n'; break;
  case 'r': value = '\r'; break;
  case 't': value = '\t'; break;
  case 'v': value = '\v'; break;
  case 'x':
  case 'u':
  case 'U': {
    const std::size_t n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    if (s.size() < n) {
      return std::nullopt;
    }
    char32_t v = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const auto x = unhex(s[j]);
      if (!x) {
        return std::nullopt;
      }
      v = (v << 4) | char32_t(*x);
    }
    s.remove_prefix(n);
    if (c == 'x') {
      value = v;
      break;
    }
    if (!valid_rune(v)) {
      return std::nullopt;
    }
    value = v;
    multibyte = true;
    break;
  }
  case '0':
  case '1':
  case '2':
  case '3':
  case '4':
  case '5':
  case '6':
  case '7': {
    char32_t v = char32_t(c - '0');
    if (s.size() < 2) {
      return std::nullopt;
    }
    for (std::size_t j = 0; j < 2; ++j) {
      const int x = s[j] - '0';
      if (x < 0 || x > 7) {
        return std::nullopt;
      }
      v = (v << 3) | char32_t(x);
    }
    s.remove_prefix(2);
    if (v > 255) {
      return std::nullopt;
    }
    value = v;
    break;
  }
  case '\\': value = '\\'; break;
  case '\'':
  case '"':
    if (c != quote) {
      return std::nullopt;
    }
    value = char32_t(c);
    break;
  default: return std::nullopt;
  }
  return UnquotedChar{value, multibyte, s};
}

std::optional<std::string> unquote_go(std::string_view in)
{
  if (in.size() < 2) {
    return std::nullopt;
  }
  const char quote = in[0];
  const auto close = in.find(quote, 1);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t end = close + 1; // position after terminating quote (if no escapes)
  if (quote == '`') {
    if (end != in.size()) {
      return std::nullopt; // trailing text
    }
    std::string out;
    const std::string_view body = in.substr(1, end - 2);
    out.reserve(body.size());
    for (const char c : body) {
      if (c != '\r') {
        out.push_back(c);
      }
    }
    return out;
  }
  if (quote != '"' && quote != '\'') {
    return std::nullopt;
  }
  const std::string_view head = in.substr(0, end);
  if (head.find('\\') == std::string_view::npos && head.find('\n') == std::string_view::npos) {
    bool valid = false;
    const std::string_view body = in.substr(1, end - 2);
    if (quote == '"') {
      valid = go::valid_utf8(body);
    } else {
      const auto d = go::decode_rune(body);
      valid = 1 + static_cast<std::size_t>(d.width) + 1 == end && (d.rune != go::k_rune_error || d.width != 1);
    }
    if (valid) {
      if (end != in.size()) {
        return std::nullopt;
      }
      return std::string(body);
    }
  }
  std::string out;
  std::string_view rest = in.substr(1);
  while (!rest.empty() && rest[0] != quote) {
    if (rest[0] == '\n') {
      return std::nullopt;
    }
    const auto ch = unquote_go_char(rest, quote);
    if (!ch) {
      return std::nullopt;
    }
    rest = ch->tail;
    if (ch->value < 0x80 || !ch->multibyte) {
      out.push_back(static_cast<char>(ch->value));
    } else {
      go::append_rune(out, ch->value);
    }
    if (quote == '\'') {
      break;
    }
  }
  if (rest.empty() || rest[0] != quote) {
    return std::nullopt;
  }
  rest.remove_prefix(1);
  if (!rest.empty()) {
    return std::nullopt;
  }
  return out;
}

} // namespace pave::tmpl