#include <pave/util/json_writer.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

namespace pave::util {

namespace {

constexpr std::size_t k_buffer_size = 1 << 16;

/// A newline and the deepest indentation written in one piece.
constexpr std::size_t k_spaces = 128;
const std::string k_newline_spaces = "\n" + std::string(k_spaces, ' ');

/// Bytes that nlohmann escapes with ensure_ascii off: quote, backslash and
/// control characters (everything else, UTF-8 included, is written as is).
constexpr std::array<bool, 256> k_escaped = [] {
  std::array<bool, 256> t{};
  for (std::size_t c = 0; c < 0x20; ++c) {
    t[c] = true;
  }
  t['"'] = true;
  t['\\'] = true;
  return t;
}();

} // namespace

JsonWriter::JsonWriter(std::ostream& out, int indent)
  : m_out(&out), m_indent(indent), m_buffer(new char[k_buffer_size]), m_pos(m_buffer.get()),
    m_end(m_buffer.get() + k_buffer_size)
{
}

JsonWriter::JsonWriter(std::string& out, int indent, Position at)
  : m_text(&out), m_indent(indent), m_buffer(new char[k_buffer_size]), m_pos(m_buffer.get()),
    m_end(m_buffer.get() + k_buffer_size), m_empty(at.depth, 0)
{
  if (!m_empty.empty()) {
    m_empty.back() = at.first ? 1 : 0;
  }
}

JsonWriter::Position JsonWriter::position() const
{
  return {m_empty.size(), m_empty.empty() || m_empty.back() != 0};
}

JsonWriter& JsonWriter::written_elsewhere(std::size_t n)
{
  if (n > 0 && !m_empty.empty()) {
    m_empty.back() = 0;
  }
  return *this;
}

JsonWriter::~JsonWriter()
{
  flush();
}

void JsonWriter::flush()
{
  if (m_text != nullptr) {
    m_text->append(m_buffer.get(), static_cast<std::size_t>(m_pos - m_buffer.get()));
  } else {
    m_out->write(m_buffer.get(), m_pos - m_buffer.get());
  }
  m_pos = m_buffer.get();
}

bool JsonWriter::room(std::size_t n)
{
  if (static_cast<std::size_t>(m_end - m_pos) >= n) {
    return true;
  }
  flush();
  return n <= k_buffer_size;
}

void JsonWriter::put(std::string_view s)
{
  std::memcpy(m_pos, s.data(), s.size());
  m_pos += s.size();
}

void JsonWriter::newline_indent(std::size_t depth)
{
  if (m_indent < 0) {
    return;
  }
  std::size_t n = depth * static_cast<std::size_t>(m_indent);
  const std::size_t first = std::min(n, k_spaces);
  room(1 + first);
  put(std::string_view(k_newline_spaces).substr(0, 1 + first));
  for (n -= first; n > 0; n -= std::min(n, k_spaces)) { // deeper than k_spaces
    room(k_spaces);
    put(std::string_view(k_newline_spaces).substr(1, std::min(n, k_spaces)));
  }
}

void JsonWriter::before_value()
{
  if (m_after_key || m_empty.empty()) {
    m_after_key = false;
    return;
  }
  if (m_empty.back() == 0) {
    room(1);
    put(',');
  }
  m_empty.back() = 0;
  newline_indent(m_empty.size());
}

JsonWriter& JsonWriter::begin_object()
{
  before_value();
  room(1);
  put('{');
  m_empty.push_back(1);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket)
{
  const bool empty = m_empty.back() != 0;
  m_empty.pop_back();
  if (!empty) {
    newline_indent(m_empty.size());
  }
  room(1);
  put(bracket);
  return *this;
}

JsonWriter& JsonWriter::end_object()
{
  return close('}');
}

JsonWriter& JsonWriter::begin_array()
{
  before_value();
  room(1);
  put('[');
  m_empty.push_back(1);
  return *this;
}

JsonWriter& JsonWriter::end_array()
{
  return close(']');
}

JsonWriter& JsonWriter::key(std::string_view k)
{
  before_value();
  string(k);
  room(2);
  put(m_indent < 0 ? std::string_view(":") : std::string_view(": "));
  m_after_key = true;
  return *this;
}

void JsonWriter::string(std::string_view s)
{
  // At most 6 bytes a byte ("\u001f") and the quotes: written straight into
  // the buffer when they fit, else in pieces of a quarter of it.
  if (room(2 + 6 * s.size())) {
    put('"');
    escape(s);
    put('"');
    return;
  }
  constexpr std::size_t k_piece = k_buffer_size / 4 / 6;
  room(1);
  put('"');
  for (std::size_t i = 0; i < s.size(); i += k_piece) {
    const std::string_view piece = s.substr(i, k_piece); // an escape is one byte of input: never cut
    room(6 * piece.size());
    escape(piece);
  }
  room(1);
  put('"');
}

void JsonWriter::escape(std::string_view s)
{
  // nlohmann's escaping with ensure_ascii off. Most strings need none: they
  // are checked 8 bytes at a time, up to the first block that has a byte to
  // escape (a control character, '"' or '\\').
  constexpr std::uint64_t k_ones = 0x0101010101010101;
  constexpr std::uint64_t k_highs = 0x8080808080808080;
  const auto has_zero = [](std::uint64_t v) { return ((v - k_ones) & ~v & k_highs) != 0; };
  const auto needs_escape = [&](std::uint64_t v) {
    const bool control = ((v - k_ones * 0x20) & ~v & k_highs) != 0; // a byte < 0x20
    return control || has_zero(v ^ (k_ones * '"')) || has_zero(v ^ (k_ones * '\\'));
  };
  std::size_t clean = 0;
  for (; clean + 8 <= s.size(); clean += 8) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + clean, 8);
    if (needs_escape(v)) {
      break;
    }
  }
  if (clean + 8 > s.size()) { // the last, short block: padded with spaces
    std::uint64_t v = k_ones * ' ';
    std::memcpy(&v, s.data() + clean, s.size() - clean);
    if (!needs_escape(v)) {
      put(s);
      return;
    }
  }
  std::size_t plain = 0;
  for (std::size_t i = clean; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!k_escaped[c]) {
      continue;
    }
    put(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
    case '"': put("\\\""); break;
    case '\\': put("\\\\"); break;
    case '\b': put("\\b"); break;
    case '\f': put("\\f"); break;
    case '\n': put("\\n"); break;
    case '\r': put("\\r"); break;
    case '\t': put("\\t"); break;
    default: {
      static constexpr char k_hex[] = "0123456789abcdef";
      put("\\u00");
      put(k_hex[c >> 4]);
      put(k_hex[c & 0xf]);
    }
    }
  }
  put(s.substr(plain));
}

JsonWriter& JsonWriter::value(std::string_view s)
{
  before_value();
  string(s);
  return *this;
}

JsonWriter& JsonWriter::value(double d)
{
  before_value();
  room(64);
  if (!std::isfinite(d)) {
    put("null");
    return *this;
  }
  // nlohmann's own formatting (Grisu2, "1.0", exponents as "1e-08"), which
  // dump() uses: the output stays byte for byte what it was.
  m_pos = nlohmann::detail::to_chars(m_pos, m_pos + 64, d);
  return *this;
}

JsonWriter& JsonWriter::value(double d, int decimals)
{
  static constexpr std::array<double, 9> k_scale = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  static constexpr std::array<std::uint64_t, 9> k_divisor = {1,         10,         100,         1000,     10000,
                                                              100000, 1000000, 10000000, 100000000};
  const auto k = static_cast<std::size_t>(std::clamp(decimals, 0, 8));
  const double scaled = std::round(d * k_scale[k]);
  const double rounded = scaled / k_scale[k];
  const double magnitude = std::fabs(rounded);
  // With |scaled| below 2^50, the doubles around `rounded` are less than
  // 10^-k / 2 apart: no other decimal of k places or fewer reads back as
  // `rounded`, so the k-place text, trailing zeros dropped, is its shortest
  // form. From 1e-4 to 1e15, value() writes it in fixed notation.
  if (!(std::fabs(scaled) < 0x1p50 && magnitude < 1e15 && (magnitude >= 1e-4 || scaled == 0))) {
    return value(rounded);
  }
  before_value();
  room(40);
  if (std::signbit(rounded)) {
    put('-');
  }
  const auto n = static_cast<std::uint64_t>(std::fabs(scaled));
  m_pos = std::to_chars(m_pos, m_pos + 20, n / k_divisor[k]).ptr;
  put('.');
  std::uint64_t fraction = n % k_divisor[k];
  std::size_t places = k;
  for (; places > 1 && fraction % 10 == 0; --places) {
    fraction /= 10;
  }
  if (places == 0) {
    places = 1;
  }
  for (std::size_t i = places; i > 0; --i) {
    m_pos[i - 1] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  m_pos += places;
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n)
{
  before_value();
  room(24);
  m_pos = std::to_chars(m_pos, m_pos + 24, n).ptr;
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n)
{
  before_value();
  room(24);
  m_pos = std::to_chars(m_pos, m_pos + 24, n).ptr;
  return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
  before_value();
  room(5);
  put(b ? std::string_view("true") : std::string_view("false"));
  return *this;
}

JsonWriter& JsonWriter::null()
{
  before_value();
  room(4);
  put("null");
  return *this;
}

} // namespace pave::util
