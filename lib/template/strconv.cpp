#include <pave/template/strconv.hpp>

#include <algorithm>

namespace pave::tmpl::detail {
extern const std::uint16_t k_is_print16[];
extern const std::uint16_t k_is_not_print16[];
extern const std::uint32_t k_is_print32[];
extern const std::uint16_t k_is_not_print32[];
extern const std::uint16_t k_is_graphic[];
extern const unsigned k_is_print16_len;
extern const unsigned k_is_not_print16_len;
extern const unsigned k_is_print32_len;
extern const unsigned k_is_not_print32_len;
extern const unsigned k_is_graphic_len;
} // namespace pave::tmpl::detail

namespace pave::tmpl::go {

DecodedRune decode_rune(std::string_view s) noexcept
{
  if (s.empty()) {
    return {k_rune_error, 0};
  }
  auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  int n = 0;
  char32_t r = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    r = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    r = b0 & 0x0F;
    if (b0 == 0xE0) {
      lo = 0xA0;
    } else if (b0 == 0xED) {
      hi = 0x9F;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    r = b0 & 0x07;
    if (b0 == 0xF0) {
      lo = 0x90;
    } else if (b0 == 0xF4) {
      hi = 0x8F;
    }
  } else {
    return {k_rune_error, 1};
  }
  if (s.size() < static_cast<std::size_t>(n)) {
    return {k_rune_error, 1};
  }
  for (int i = 1; i < n; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < lo || b > hi) {
      return {k_rune_error, 1};
    }
    lo = 0x80;
    hi = 0xBF;
    r = (r << 6) | (b & 0x3F);
  }
  return {r, n};
}

DecodedRune decode_last_rune(std::string_view s) noexcept
{
  if (s.empty()) {
    return {k_rune_error, 0};
  }
  std::size_t end = s.size();
  auto last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) {
    return {last, 1};
  }
  std::size_t lim = end >= 4 ? end - 4 : 0;
  std::size_t start = end - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  auto d = decode_rune(s.substr(start, end - start));
  if (start + static_cast<std::size_t>(d.width) != end) {
    return {k_rune_error, 1};
  }
  return d;
}

void append_rune(std::string& out, char32_t r)
{
  if (r > k_max_rune || (r >= 0xD800 && r <= 0xDFFF)) {
    r = k_rune_error;
  }
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

std::size_t rune_count(std::string_view s) noexcept
{
  std::size_t n = 0;
  while (!s.empty()) {
    if (static_cast<unsigned char>(s[0]) < 0x80) {
      s.remove_prefix(1);
    } else {
      s.remove_prefix(static_cast<std::size_t>(decode_rune(s).width));
    }
    ++n;
  }
  return n;
}

bool valid_utf8(std::string_view s) noexcept
{
  while (!s.empty()) {
    auto d = decode_rune(s);
    if (d.rune == k_rune_error && d.width == 1) {
      return false;
    }
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
  return true;
}

namespace {

/// Smallest i with a[i] >= x (Go's bsearch16/bsearch32).
template <typename T> unsigned bsearch(const T* a, unsigned n, T x)
{
  return static_cast<unsigned>(std::lower_bound(a, a + n, x) - a);
}

void append_escaped_rune(std::string& out, char32_t r, char quote, bool ascii_only)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  if (r == static_cast<char32_t>(quote) || r == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
    return;
  }
  if (ascii_only) {
    if (r < 0x80 && is_print(r)) {
      out.push_back(static_cast<char>(r));
      return;
    }
  } else if (is_print(r)) {
    append_rune(out, r);
    return;
  }
  switch (r) {
  case '\a': out += "\\a"; return;
  case '\b': out += "\\b"; return;
  case '\f': out += "\\f"; return;
  case '\n': out += "\\n"; return;
  case '\r': out += "\\r"; return;
  case '\t': out += "\\t"; return;
  case '\v': out += "\\v"; return;
  default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    out.push_back(k_hex[(r >> 4) & 0xF]);
    out.push_back(k_hex[r & 0xF]);
    return;
  }
  if (r > k_max_rune || (r >= 0xD800 && r <= 0xDFFF)) {
    r = 0xFFFD;
  }
  if (r < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) {
      out.push_back(k_hex[(r >> s) & 0xF]);
    }
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) {
      out.push_back(k_hex[(r >> s) & 0xF]);
    }
  }
}

} // namespace

bool is_print(char32_t r) noexcept
{
  using namespace detail;
  if (r <= 0xFF) {
    if (r >= 0x20 && r <= 0x7E) {
      return true;
    }
    if (r >= 0xA1 && r <= 0xFF) {
      return r != 0xAD;
    }
    return false;
  }
  if (r < 0x10000) {
    auto rr = static_cast<std::uint16_t>(r);
    unsigned i = bsearch(k_is_print16, k_is_print16_len, rr);
    if (i >= k_is_print16_len || rr < k_is_print16[i & ~1U] || k_is_print16[i | 1U] < rr) {
      return false;
    }
    unsigned j = bsearch(k_is_not_print16, k_is_not_print16_len, rr);
    return j >= k_is_not_print16_len || k_is_not_print16[j] != rr;
  }
  auto rr = static_cast<std::uint32_t>(r);
  unsigned i = bsearch(k_is_print32, k_is_print32_len, rr);
  if (i >= k_is_print32_len || rr < k_is_print32[i & ~1U] || k_is_print32[i | 1U] < rr) {
    return false;
  }
  if (r >= 0x20000) {
    return true;
  }
  auto low = static_cast<std::uint16_t>(r - 0x10000);
  unsigned j = bsearch(k_is_not_print32, k_is_not_print32_len, low);
  return j >= k_is_not_print32_len || k_is_not_print32[j] != low;
}

bool is_graphic(char32_t r) noexcept
{
  if (is_print(r)) {
    return true;
  }
  if (r > 0xFFFF) {
    return false;
  }
  auto rr = static_cast<std::uint16_t>(r);
  unsigned i = bsearch(detail::k_is_graphic, detail::k_is_graphic_len, rr);
  return i < detail::k_is_graphic_len && detail::k_is_graphic[i] == rr;
}

void append_quote(std::string& out, std::string_view s, bool ascii_only)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s[0]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out.push_back(static_cast<char>(c));
      s.remove_prefix(1);
      continue;
    }
    auto d = c < 0x80 ? DecodedRune{c, 1} : decode_rune(s);
    if (d.width == 1 && d.rune == k_rune_error) {
      out += "\\x";
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 0xF]);
    } else {
      append_escaped_rune(out, d.rune, '"', ascii_only);
    }
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
  out.push_back('"');
}

std::string quote(std::string_view s, bool ascii_only)
{
  std::string out;
  append_quote(out, s, ascii_only);
  return out;
}

std::string quote_rune(char32_t r, bool ascii_only)
{
  if (r > k_max_rune || (r >= 0xD800 && r <= 0xDFFF)) {
    r = k_rune_error;
  }
  std::string out = "'";
  append_escaped_rune(out, r, '\'', ascii_only);
  out.push_back('\'');
  return out;
}

bool can_backquote(std::string_view s) noexcept
{
  while (!s.empty()) {
    auto d = decode_rune(s);
    s.remove_prefix(static_cast<std::size_t>(d.width));
    if (d.width > 1) {
      if (d.rune == 0xFEFF) {
        return false;
      }
      continue;
    }
    if (d.rune == k_rune_error) {
      return false;
    }
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) {
      return false;
    }
  }
  return true;
}

} // namespace pave::tmpl::go
