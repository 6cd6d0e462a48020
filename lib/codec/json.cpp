// encoding/json's Marshal for template values.
#include <pave/codec/json.hpp>

#include <cmath>

#include <pave/codec/go_float.hpp>
#include <pave/codec/utf8.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

bool html_safe(unsigned char c)
{
  return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
}

/// encodeState.string with escapeHTML.
void append_json_string(std::string& out, std::string_view s)
{
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (html_safe(b)) {
        ++i;
        continue;
      }
      out.append(s.substr(start, i - start));
      out += '\\';
      switch (b) {
      case '\\':
      case '"': out += static_cast<char>(b); break;
      case '\n': out += 'n'; break;
      case '\r': out += 'r'; break;
      case '\t': out += 't'; break;
      default:
        out += "u00";
        out += hex[b >> 4];
        out += hex[b & 0xF];
      }
      ++i;
      start = i;
      continue;
    }
    const Utf8Rune r = utf8_decode(s.substr(i));
    if (r.rune == 0xFFFD && r.width == 1) {
      out.append(s.substr(start, i - start));
      out += "\\ufffd";
      i += 1;
      start = i;
      continue;
    }
    if (r.rune == 0x2028 || r.rune == 0x2029) {
      out.append(s.substr(start, i - start));
      out += "\\u202";
      out += hex[r.rune & 0xF];
      i += static_cast<std::size_t>(r.width);
      start = i;
      continue;
    }
    i += static_cast<std::size_t>(r.width);
  }
  out.append(s.substr(start));
  out += '"';
}

void append_base64(std::string& out, std::string_view in)
{
  static constexpr char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += tbl[(n >> 18) & 63];
    out += tbl[(n >> 12) & 63];
    out += tbl[(n >> 6) & 63];
    out += tbl[n & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += tbl[(n >> 18) & 63];
    out += tbl[(n >> 12) & 63];
    out += i + 1 < in.size() ? tbl[(n >> 6) & 63] : '=';
    out += '=';
  }
}

bool encode(std::string& out, const Value& v, std::string& error)
{
  switch (v.kind()) {
  case tmpl::Kind::nil: out += "null"; return true;
  case tmpl::Kind::boolean: out += v.as_bool() ? "true" : "false"; return true;
  case tmpl::Kind::integer: out += std::to_string(v.as_int()); return true;
  case tmpl::Kind::unsigned_: out += std::to_string(v.as_uint()); return true;
  case tmpl::Kind::floating: {
    const double f = v.as_float();
    if (!std::isfinite(f)) {
      error = "json: unsupported value: " + go_float(f, 'g', 64);
      return false;
    }
    append_json_float(out, f);
    return true;
  }
  case tmpl::Kind::string: append_json_string(out, v.as_string()); return true;
  case tmpl::Kind::bytes:
    out += '"';
    append_base64(out, v.as_string());
    out += '"';
    return true;
  case tmpl::Kind::list: {
    out += '[';
    bool first = true;
    for (const auto& e : v.elements()) {
      if (!first) out += ',';
      first = false;
      if (!encode(out, e, error)) return false;
    }
    out += ']';
    return true;
  }
  case tmpl::Kind::map: {
    out += '{';
    bool first = true;
    for (const auto& [k, e] : v.items()) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, k);
      out += ':';
      if (!encode(out, e, error)) return false;
    }
    out += '}';
    return true;
  }
  case tmpl::Kind::object: return encode(out, v.as_object().to_data(), error);
  }
  return true;
}

} // namespace

std::string json_quote(std::string_view s)
{
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

util::Result<std::string> to_json(const Value& v)
{
  std::string out;
  out.reserve(64);
  std::string error;
  if (!encode(out, v, error)) {
    return std::unexpected(util::Error{std::move(error)});
  }
  return out;
}

util::Result<Value> parse_json(std::string_view text)
{
  JsonDecoded d = unmarshal_json(text, JsonTarget::any);
  if (!d.error.empty()) {
    return std::unexpected(util::Error{std::move(d.error)});
  }
  return std::move(d.value);
}

} // namespace pave::codec
