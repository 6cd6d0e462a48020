#include <pave/template/parse_literal.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

char lower(char c)
{
  return static_cast<char>(c | ('x' - 'X'));
}

// strconv's underscoreOK: underscores only between digits (or after a base prefix).
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
    const char c = s[i];
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

std::optional<std::uint64_t> parse_go_uint(std::string_view s)
{
  if (s.empty()) {
    return std::nullopt;
  }
  const std::string_view s0 = s;
  unsigned base = 10;
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
  std::uint64_t n = 0;
  bool underscores = false;
  bool overflow = false;
  for (const char c : s) {
    unsigned d = 0;
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      d = unsigned(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = unsigned(lower(c) - 'a' + 10);
    } else {
      return std::nullopt;
    }
    if (d >= base) {
      return std::nullopt;
    }
    if (overflow) {
      continue;
    }
    if (n > (UINT64_MAX - d) / base) {
      overflow = true;
      continue;
    }
    n = n * base + d;
  }
  if (overflow) {
    return std::nullopt;
  }
  if (underscores && !underscore_ok(s0)) {
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> parse_go_int(std::string_view s)
{
  if (s.empty()) {
    return std::nullopt;
  }
  bool neg = false;
  if (s[0] == '+') {
    s.remove_prefix(1);
  } else if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  const auto un = parse_go_uint(s);
  if (!un) {
    return std::nullopt;
  }
  constexpr std::uint64_t cutoff = std::uint64_t(1) << 63;
  if (!neg && *un >= cutoff) {
    return std::nullopt;
  }
  if (neg && *un > cutoff) {
    return std::nullopt;
  }
  return neg ? static_cast<std::int64_t>(0 - *un) : static_cast<std::int64_t>(*un);
}

std::optional<double> parse_go_float(std::string_view s)
{
  // Syntax check as strconv.readFloat does, then convert the cleaned text with strtod.
  std::size_t i = 0;
  std::string clean;
  clean.reserve(s.size() + 2);
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    clean.push_back(s[i]);
    ++i;
  }
  bool hex = false;
  if (i + 2 <= s.size() && s[i] == '0' && i + 1 < s.size() && lower(s[i + 1]) == 'x') {
    hex = true;
    clean += "0x";
    i += 2;
  }
  bool underscores = false;
  bool saw_dot = false;
  bool saw_digits = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (saw_dot) {
        break;
      }
      saw_dot = true;
      clean.push_back(c);
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw_digits = true;
      clean.push_back(c);
      continue;
    }
    break;
  }
  if (!saw_digits) {
    return std::nullopt;
  }
  const char exp_char = hex ? 'p' : 'e';
  if (i < s.size() && lower(s[i]) == exp_char) {
    clean.push_back(exp_char);
    ++i;
    if (i >= s.size()) {
      return std::nullopt;
    }
    if (s[i] == '+' || s[i] == '-') {
      clean.push_back(s[i]);
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
      clean.push_back(s[i]);
    }
  } else if (hex) {
    return std::nullopt; // a hexadecimal mantissa needs a 'p' exponent
  }
  if (i != s.size()) {
    return std::nullopt;
  }
  if (underscores && !underscore_ok(s)) {
    return std::nullopt;
  }
  errno = 0;
  char* end = nullptr;
  const double f = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size()) {
    return std::nullopt;
  }
  if (std::isinf(f)) {
    return std::nullopt; // out of range
  }
  return f;
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
