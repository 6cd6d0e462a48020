#include <pave/util/json_writer.hpp>

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace pave::util {

namespace {

constexpr std::size_t k_flush_at = 1 << 16;

} // namespace

JsonWriter::JsonWriter(std::ostream& out, int indent) : m_out(out), m_indent(indent)
{
  m_buffer.reserve(k_flush_at + 4096);
}

JsonWriter::~JsonWriter()
{
  flush();
}

void JsonWriter::flush()
{
  m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
  m_buffer.clear();
}

void JsonWriter::newline_indent(std::size_t depth)
{
  if (m_indent < 0) {
    return;
  }
  m_buffer += '\n';
  m_buffer.append(depth * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::before_value()
{
  if (m_buffer.size() >= k_flush_at) {
    flush();
  }
  if (m_after_key || m_empty.empty()) {
    m_after_key = false;
    return;
  }
  if (!m_empty.back()) {
    m_buffer += ',';
  }
  m_empty.back() = false;
  newline_indent(m_empty.size());
}

JsonWriter& JsonWriter::begin_object()
{
  before_value();
  m_buffer += '{';
  m_empty.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char bracket)
{
  const bool empty = m_empty.back();
  m_empty.pop_back();
  if (!empty) {
    newline_indent(m_empty.size());
  }
  m_buffer += bracket;
  return *this;
}

JsonWriter& JsonWriter::end_object()
{
  return close('}');
}

JsonWriter& JsonWriter::begin_array()
{
  before_value();
  m_buffer += '[';
  m_empty.push_back(true);
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
  m_buffer += m_indent < 0 ? ":" : ": ";
  m_after_key = true;
  return *this;
}

void JsonWriter::string(std::string_view s)
{
  // nlohmann's escaping with ensure_ascii off: quote, backslash and control
  // characters; everything else (UTF-8 included) as is.
  m_buffer += '"';
  std::size_t plain = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    m_buffer.append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
    case '"': m_buffer += "\\\""; break;
    case '\\': m_buffer += "\\\\"; break;
    case '\b': m_buffer += "\\b"; break;
    case '\f': m_buffer += "\\f"; break;
    case '\n': m_buffer += "\\n"; break;
    case '\r': m_buffer += "\\r"; break;
    case '\t': m_buffer += "\\t"; break;
    default: {
      static constexpr char k_hex[] = "0123456789abcdef";
      m_buffer += "\\u00";
      m_buffer += k_hex[c >> 4];
      m_buffer += k_hex[c & 0xf];
    }
    }
  }
  m_buffer.append(s.substr(plain));
  m_buffer += '"';
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
  if (!std::isfinite(d)) {
    m_buffer += "null";
    return *this;
  }
  // nlohmann's own formatting (Grisu2, "1.0", exponents as "1e-08"), which
  // dump() uses: the output stays byte for byte what it was.
  std::array<char, 64> buffer{};
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), d);
  m_buffer.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n)
{
  before_value();
  std::array<char, 24> buffer{};
  m_buffer.append(buffer.data(), std::to_chars(buffer.data(), buffer.data() + buffer.size(), n).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n)
{
  before_value();
  std::array<char, 24> buffer{};
  m_buffer.append(buffer.data(), std::to_chars(buffer.data(), buffer.data() + buffer.size(), n).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
  before_value();
  m_buffer += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null()
{
  before_value();
  m_buffer += "null";
  return *this;
}

} // namespace pave::util
