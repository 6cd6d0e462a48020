// yaml.v2's reader (readerc.go) as the scanner sees it: the input's
// encoding checks, reported when the scanner reaches the 512-byte chunk
// holding the bad character, plus the scanner's character-level helpers.
#include <pave/codec/yaml_scanner.hpp>

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace pave::codec {

namespace {

constexpr std::size_t k_padding = 16;
constexpr std::size_t k_raw_chunk = 512; // yaml.v2's input_raw_buffer_size

int utf8_width(unsigned char b) noexcept
{
  if ((b & 0x80) == 0x00) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

/// The first character the yaml.v2 reader rejects, at or after `from`, and
/// its error text; npos when the text is valid.
std::size_t find_reader_error(std::string_view s, std::size_t from, std::string& problem)
{
  static constexpr auto ascii_ok = [] {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7F; ++c) t[static_cast<std::size_t>(c)] = true;
    t['\n'] = t['\r'] = t['\t'] = true;
    return t;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = from;
  while (i < n) {
    while (i + 4 <= n && ascii_ok[p[i]] && ascii_ok[p[i + 1]] && ascii_ok[p[i + 2]] && ascii_ok[p[i + 3]]) {
      i += 4;
    }
    if (i >= n) {
      break;
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if ((c >= 0x20 && c <= 0x7E) || c == 0x0A || c == 0x0D || c == 0x09) {
        ++i;
        continue;
      }
      problem = "control characters are not allowed";
      return i;
    }
    const int w = utf8_width(c);
    if (w == 0) {
      problem = "invalid leading UTF-8 octet";
      return i;
    }
    if (i + static_cast<std::size_t>(w) > n) {
      problem = "incomplete UTF-8 octet sequence";
      return i;
    }
    char32_t v = w == 2 ? (c & 0x1F) : w == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < w; ++k) {
      const unsigned char o = p[i + k];
      if ((o & 0xC0) != 0x80) {
        problem = "invalid trailing UTF-8 octet";
        return i;
      }
      v = (v << 6) + (o & 0x3F);
    }
    if (!(w == 2 && v >= 0x80) && !(w == 3 && v >= 0x800) && !(w == 4 && v >= 0x10000)) {
      problem = "invalid length of a UTF-8 sequence";
      return i;
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
      problem = "invalid Unicode character";
      return i;
    }
    if (!(v == 0x85 || (v >= 0xA0 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000)) {
      problem = "control characters are not allowed";
      return i;
    }
    i += static_cast<std::size_t>(w);
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, char32_t v)
{
  if (v <= 0x7F) {
    out += static_cast<char>(v);
  } else if (v <= 0x7FF) {
    out += static_cast<char>(0xC0 + (v >> 6));
    out += static_cast<char>(0x80 + (v & 0x3F));
  } else if (v <= 0xFFFF) {
    out += static_cast<char>(0xE0 + (v >> 12));
    out += static_cast<char>(0x80 + ((v >> 6) & 0x3F));
    out += static_cast<char>(0x80 + (v & 0x3F));
  } else {
    out += static_cast<char>(0xF0 + (v >> 18));
    out += static_cast<char>(0x80 + ((v >> 12) & 0x3F));
    out += static_cast<char>(0x80 + ((v >> 6) & 0x3F));
    out += static_cast<char>(0x80 + (v & 0x3F));
  }
}

/// UTF-16 input (with a BOM) converted to UTF-8, the way yaml.v2's reader decodes it.
std::string utf16_to_utf8(std::string_view in, bool little_endian)
{
  std::string out;
  out.reserve(in.size());
  auto unit = [&](std::size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(in[i + (little_endian ? 0 : 1)]);
    const auto hi = static_cast<unsigned char>(in[i + (little_endian ? 1 : 0)]);
    return static_cast<char32_t>(lo | (hi << 8));
  };
  for (std::size_t i = 2; i + 1 < in.size(); i += 2) {
    char32_t v = unit(i);
    if ((v & 0xFC00) == 0xD800 && i + 3 < in.size() && (unit(i + 2) & 0xFC00) == 0xDC00) {
      v = 0x10000 + ((v & 0x3FF) << 10) + (unit(i + 2) & 0x3FF);
      i += 2;
    } else if ((v & 0xF800) == 0xD800) {
      v = 0xFFFD;
    }
    append_utf8(out, v);
  }
  return out;
}

} // namespace

std::string yaml_problem_message(const YamlProblem& p)
{
  int line = 0;
  if (p.problem_mark.line != 0) {
    line = p.problem_mark.line;
    if (p.kind == YamlProblem::Kind::scanner) {
      ++line;
    }
  } else if (p.context_mark.line != 0) {
    line = p.context_mark.line;
  }
  std::string out = "yaml: ";
  if (line != 0) {
    out += fmt::format("line {}: ", line);
  }
  out += p.problem.empty() ? std::string("unknown problem parsing YAML content") : p.problem;
  return out;
}

YamlText::YamlText(std::string_view input)
{
  if (input.empty()) {
    input = "\n"; // yaml.v2's newParser
  }
  if (input.size() >= 2 && ((input[0] == '\xFF' && input[1] == '\xFE') || (input[0] == '\xFE' && input[1] == '\xFF'))) {
    m_buf = utf16_to_utf8(input, input[0] == '\xFF');
  } else {
    m_buf.reserve(input.size() + k_padding);
    m_buf.assign(input);
  }
  m_size = m_buf.size();
  m_buf.append(k_padding, '\0');
}

std::string_view YamlText::keep(std::string s)
{
  return m_arena.emplace_back(std::move(s));
}

YamlScanner::YamlScanner(YamlText& text) : m_text(text), m_b(text.data()), m_reader_limit(text.size() + k_padding)
{
  init_reader();
}

void YamlScanner::init_reader()
{
  const std::string_view s(m_b, m_text.size());
  std::size_t start = 0;
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") {
    start = 3;
  }
  m_pos = start;
  const std::size_t e = find_reader_error(s, start, m_reader_problem);
  if (e == std::string_view::npos) {
    return;
  }
  // yaml.v2 decodes its input in 512-byte raw chunks as the scanner needs
  // characters; a bad character is reported when the chunk holding it is
  // decoded, i.e. when the scanner first looks past the previous chunk.
  std::size_t r = 0;
  std::size_t p = start;
  while (true) {
    const std::size_t end = std::min(s.size(), r + k_raw_chunk);
    bool straddles = false;
    while (p < end) {
      if (p == e) {
        m_reader_limit = r;
        return;
      }
      const std::size_t w = static_cast<std::size_t>(utf8_width(static_cast<unsigned char>(s[p])));
      if (p + w > end) {
        straddles = true;
        break;
      }
      p += w;
    }
    if (end == s.size() && !straddles) {
      m_reader_limit = p; // an incomplete sequence at the end: found at EOF
      return;
    }
    r = p;
  }
}

bool YamlScanner::cache(std::size_t n)
{
  if (m_pos + n <= m_reader_limit) {
    return true;
  }
  return !reader_fails(n);
}

bool YamlScanner::reader_fails(std::size_t n)
{
  std::size_t chars = 0;
  for (std::size_t i = m_pos; i < m_reader_limit && chars < n; ++chars) {
    i += static_cast<std::size_t>(std::max(1, utf8_width(at(i))));
  }
  if (chars >= n) {
    return false;
  }
  if (m_problem.kind == YamlProblem::Kind::none) {
    m_problem.kind = YamlProblem::Kind::reader;
    m_problem.problem = m_reader_problem;
  }
  return true;
}

void YamlScanner::skip_line()
{
  if (at(m_pos) == '\r' && at(m_pos + 1) == '\n') {
    m_mark.index += 2;
    m_mark.column = 0;
    ++m_mark.line;
    m_pos += 2;
  } else if (is_break(m_pos)) {
    ++m_mark.index;
    m_mark.column = 0;
    ++m_mark.line;
    m_pos += static_cast<std::size_t>(utf8_width(cur()));
  }
}

void YamlScanner::read_char(std::string& s)
{
  const int w = std::max(1, utf8_width(cur()));
  s.append(m_b + m_pos, static_cast<std::size_t>(w));
  m_pos += static_cast<std::size_t>(w);
  ++m_mark.index;
  ++m_mark.column;
}

void YamlScanner::read_line(std::string& s)
{
  const unsigned char c = cur();
  if (c == '\r' && at(m_pos + 1) == '\n') {
    s += '\n';
    m_pos += 2;
    ++m_mark.index;
  } else if (c == '\r' || c == '\n') {
    s += '\n';
    m_pos += 1;
  } else if (c == 0xC2 && at(m_pos + 1) == 0x85) {
    s += '\n';
    m_pos += 2;
  } else if (c == 0xE2 && at(m_pos + 1) == 0x80 && (at(m_pos + 2) == 0xA8 || at(m_pos + 2) == 0xA9)) {
    s.append(m_b + m_pos, 3);
    m_pos += 3;
  } else {
    return;
  }
  ++m_mark.index;
  m_mark.column = 0;
  ++m_mark.line;
}

bool YamlScanner::is_alpha(std::size_t i) const noexcept
{
  const unsigned char c = at(i);
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

bool YamlScanner::is_hex(std::size_t i) const noexcept
{
  const unsigned char c = at(i);
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

int YamlScanner::as_hex(std::size_t i) const noexcept
{
  const unsigned char c = at(i);
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - '0';
}

} // namespace pave::codec
