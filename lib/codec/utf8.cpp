#include <pave/codec/utf8.hpp>

namespace pave::codec {

Utf8Rune utf8_decode(std::string_view s) noexcept
{
  if (s.empty()) {
    return {0xFFFD, 0};
  }
  const auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 < 0x80) {
    return {b0, 1};
  }
  int n = 0;
  char32_t r = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    r = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    r = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    r = b0 & 0x07;
    min = 0x10000;
  } else {
    return {0xFFFD, 1};
  }
  if (s.size() < static_cast<std::size_t>(n)) {
    return {0xFFFD, 1};
  }
  for (int i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]);
    if ((b & 0xC0) != 0x80) {
      return {0xFFFD, 1};
    }
    r = (r << 6) | (b & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
    return {0xFFFD, 1};
  }
  return {r, n};
}

bool utf8_valid(std::string_view s) noexcept
{
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const Utf8Rune r = utf8_decode(s.substr(i));
    if (r.rune == 0xFFFD && r.width == 1) {
      return false;
    }
    i += static_cast<std::size_t>(r.width);
  }
  return true;
}

void utf8_append(std::string& out, char32_t r)
{
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
    r = 0xFFFD;
  }
  if (r <= 0x7F) {
    out += static_cast<char>(r);
  } else if (r <= 0x7FF) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r <= 0xFFFF) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

std::string go_quote(std::string_view s)
{
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  while (!s.empty()) {
    const Utf8Rune r = utf8_decode(s);
    if (r.rune == 0xFFFD && r.width == 1) {
      const auto b = static_cast<unsigned char>(s[0]);
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 15];
    } else if (r.rune == '"' || r.rune == '\\') {
      out += '\\';
      out += static_cast<char>(r.rune);
    } else if (r.rune < 0x20 || r.rune == 0x7F) {
      switch (r.rune) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        out += "\\x";
        out += hex[r.rune >> 4];
        out += hex[r.rune & 15];
      }
    } else {
      out.append(s.substr(0, static_cast<std::size_t>(r.width)));
    }
    s.remove_prefix(static_cast<std::size_t>(r.width));
  }
  out += '"';
  return out;
}

} // namespace pave::codec
