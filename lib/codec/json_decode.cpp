// encoding/json's Unmarshal into interface{}: its scanner's syntax check with
// the same error texts, then a decoder for the validated text.
#include <pave/codec/json.hpp>

#include <pave/codec/utf8.hpp>
#include <pave/codec/yaml_resolve.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

/// quoteChar of encoding/json: the byte as a Go character literal.
std::string quote_char(unsigned char c)
{
  static constexpr char hex[] = "0123456789abcdef";
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  std::string s = "'";
  switch (c) {
  case '\a': s += "\\a"; break;
  case '\b': s += "\\b"; break;
  case '\f': s += "\\f"; break;
  case '\n': s += "\\n"; break;
  case '\r': s += "\\r"; break;
  case '\t': s += "\\t"; break;
  case '\v': s += "\\v"; break;
  case '\\': s += "\\\\"; break;
  default:
    if (c < 0x20 || c == 0x7F) {
      s += "\\x";
      s += hex[c >> 4];
      s += hex[c & 15];
    } else if (c < 0x80) {
      s += static_cast<char>(c);
    } else if (c <= 0xA0 || c == 0xAD) {
      s += "\\u00";
      s += hex[c >> 4];
      s += hex[c & 15];
    } else {
      utf8_append(s, c); // string(byte) is the rune U+00XX
    }
  }
  return s + "'";
}

/// encoding/json's scanner (scanner.go), used as checkValid.
class Scanner
{
public:
  /// The syntax error of `data`, empty when it is valid JSON.
  std::string check(std::string_view data)
  {
    for (char ch : data) {
      if (!step(static_cast<unsigned char>(ch))) {
        return m_err;
      }
    }
    return eof();
  }

private:
  enum class S : std::uint8_t {
    begin_value_or_empty,
    begin_value,
    begin_string_or_empty,
    begin_string,
    end_value,
    end_top,
    in_string,
    in_string_esc,
    esc_u,
    esc_u1,
    esc_u12,
    esc_u123,
    neg,
    one,
    zero,
    dot,
    dot0,
    e,
    esign,
    e0,
    t,
    tr,
    tru,
    f,
    fa,
    fal,
    fals,
    n,
    nu,
    nul,
    error,
  };
  enum class P : std::uint8_t { object_key, object_value, array_value };

  static bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  static bool is_hex(unsigned char c)
  {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  bool error(unsigned char c, const char* context)
  {
    m_state = S::error;
    m_err = "invalid character " + quote_char(c) + " " + context;
    return false;
  }

  bool push(unsigned char c, P p)
  {
    m_stack.push_back(p);
    if (m_stack.size() > 10000) {
      return error(c, "exceeded max depth");
    }
    return true;
  }

  void pop()
  {
    m_stack.pop_back();
    if (m_stack.empty()) {
      m_state = S::end_top;
      m_end_top = true;
    } else {
      m_state = S::end_value;
    }
  }

  std::string eof()
  {
    if (!m_err.empty()) return m_err;
    if (m_end_top) return {};
    step(' ');
    if (m_end_top) return {};
    if (m_err.empty()) m_err = "unexpected end of JSON input";
    return m_err;
  }

  bool begin_value(unsigned char c)
  {
    if (is_space(c)) return true;
    switch (c) {
    case '{': m_state = S::begin_string_or_empty; return push(c, P::object_key);
    case '[': m_state = S::begin_value_or_empty; return push(c, P::array_value);
    case '"': m_state = S::in_string; return true;
    case '-': m_state = S::neg; return true;
    case '0': m_state = S::zero; return true;
    case 't': m_state = S::t; return true;
    case 'f': m_state = S::f; return true;
    case 'n': m_state = S::n; return true;
    default: break;
    }
    if (c >= '1' && c <= '9') {
      m_state = S::one;
      return true;
    }
    return error(c, "looking for beginning of value");
  }

  bool end_value(unsigned char c)
  {
    if (m_stack.empty()) {
      m_state = S::end_top;
      m_end_top = true;
      return end_top(c);
    }
    if (is_space(c)) {
      m_state = S::end_value;
      return true;
    }
    switch (m_stack.back()) {
    case P::object_key:
      if (c == ':') {
        m_stack.back() = P::object_value;
        m_state = S::begin_value;
        return true;
      }
      return error(c, "after object key");
    case P::object_value:
      if (c == ',') {
        m_stack.back() = P::object_key;
        m_state = S::begin_string;
        return true;
      }
      if (c == '}') {
        pop();
        return true;
      }
      return error(c, "after object key:value pair");
    case P::array_value:
      if (c == ',') {
        m_state = S::begin_value;
        return true;
      }
      if (c == ']') {
        pop();
        return true;
      }
      return error(c, "after array element");
    }
    return error(c, "");
  }

  bool end_top(unsigned char c)
  {
    if (!is_space(c)) {
      error(c, "after top-level value");
      // Go complains on the next byte (or at EOF): the error stands.
    }
    return true;
  }

  bool literal(unsigned char c, unsigned char want, S next, const char* context)
  {
    if (c == want) {
      m_state = next;
      return true;
    }
    return error(c, context);
  }

  bool step(unsigned char c)
  {
    switch (m_state) {
    case S::begin_value_or_empty:
      if (is_space(c)) return true;
      if (c == ']') return end_value(c);
      return begin_value(c);
    case S::begin_value: return begin_value(c);
    case S::begin_string_or_empty:
      if (is_space(c)) return true;
      if (c == '}') {
        m_stack.back() = P::object_value;
        return end_value(c);
      }
      [[fallthrough]];
    case S::begin_string:
      if (is_space(c)) return true;
      if (c == '"') {
        m_state = S::in_string;
        return true;
      }
      return error(c, "looking for beginning of object key string");
    case S::end_value: return end_value(c);
    case S::end_top: return end_top(c);
    case S::in_string:
      if (c == '"') {
        m_state = S::end_value;
        return true;
      }
      if (c == '\\') {
        m_state = S::in_string_esc;
        return true;
      }
      if (c < 0x20) return error(c, "in string literal");
      return true;
    case S::in_string_esc:
      switch (c) {
      case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
        m_state = S::in_string;
        return true;
      case 'u': m_state = S::esc_u; return true;
      default: return error(c, "in string escape code");
      }
    case S::esc_u:
    case S::esc_u1:
    case S::esc_u12:
    case S::esc_u123:
      if (is_hex(c)) {
        m_state = m_state == S::esc_u ? S::esc_u1 : m_state == S::esc_u1 ? S::esc_u12 : m_state == S::esc_u12 ? S::esc_u123 : S::in_string;
        return true;
      }
      return error(c, "in \\u hexadecimal character escape");
    case S::neg:
      if (c == '0') {
        m_state = S::zero;
        return true;
      }
      if (c >= '1' && c <= '9') {
        m_state = S::one;
        return true;
      }
      return error(c, "in numeric literal");
    case S::one:
      if (c >= '0' && c <= '9') return true;
      [[fallthrough]];
    case S::zero:
      if (c == '.') {
        m_state = S::dot;
        return true;
      }
      if (c == 'e' || c == 'E') {
        m_state = S::e;
        return true;
      }
      return end_value(c);
    case S::dot:
      if (c >= '0' && c <= '9') {
        m_state = S::dot0;
        return true;
      }
      return error(c, "after decimal point in numeric literal");
    case S::dot0:
      if (c >= '0' && c <= '9') return true;
      if (c == 'e' || c == 'E') {
        m_state = S::e;
        return true;
      }
      return end_value(c);
    case S::e:
      if (c == '+' || c == '-') {
        m_state = S::esign;
        return true;
      }
      [[fallthrough]];
    case S::esign:
      if (c >= '0' && c <= '9') {
        m_state = S::e0;
        return true;
      }
      return error(c, "in exponent of numeric literal");
    case S::e0:
      if (c >= '0' && c <= '9') return true;
      return end_value(c);
    case S::t: return literal(c, 'r', S::tr, "in literal true (expecting 'r')");
    case S::tr: return literal(c, 'u', S::tru, "in literal true (expecting 'u')");
    case S::tru: return literal(c, 'e', S::end_value, "in literal true (expecting 'e')");
    case S::f: return literal(c, 'a', S::fa, "in literal false (expecting 'a')");
    case S::fa: return literal(c, 'l', S::fal, "in literal false (expecting 'l')");
    case S::fal: return literal(c, 's', S::fals, "in literal false (expecting 's')");
    case S::fals: return literal(c, 'e', S::end_value, "in literal false (expecting 'e')");
    case S::n: return literal(c, 'u', S::nu, "in literal null (expecting 'u')");
    case S::nu: return literal(c, 'l', S::nul, "in literal null (expecting 'l')");
    case S::nul: return literal(c, 'l', S::end_value, "in literal null (expecting 'l')");
    case S::error: return false;
    }
    return false;
  }

  S m_state = S::begin_value;
  std::vector<P> m_stack;
  bool m_end_top = false;
  std::string m_err;
};

/// Decodes text that the scanner accepted.
class Decoder
{
public:
  explicit Decoder(std::string_view s) : m_s(s) {}

  Value value()
  {
    skip_space();
    const char c = m_s[m_i];
    if (c == '{') {
      ++m_i;
      tmpl::MapItems items;
      skip_space();
      if (m_s[m_i] == '}') {
        ++m_i;
        return Value::map(std::move(items));
      }
      while (true) {
        skip_space();
        std::string key = string();
        skip_space();
        ++m_i; // ':'
        Value v = value();
        items.insert_or_assign(std::move(key), std::move(v));
        skip_space();
        if (m_s[m_i++] == '}') {
          return Value::map(std::move(items));
        }
      }
    }
    if (c == '[') {
      ++m_i;
      tmpl::ListItems items;
      skip_space();
      if (m_s[m_i] == ']') {
        ++m_i;
        return Value::list(std::move(items));
      }
      while (true) {
        items.push_back(value());
        skip_space();
        if (m_s[m_i++] == ']') {
          return Value::list(std::move(items));
        }
      }
    }
    if (c == '"') {
      return Value(string());
    }
    if (c == 't') {
      m_i += 4;
      return Value(true);
    }
    if (c == 'f') {
      m_i += 5;
      return Value(false);
    }
    if (c == 'n') {
      m_i += 4;
      return {};
    }
    const std::size_t start = m_i;
    while (m_i < m_s.size() && (std::string_view("+-.eE").find(m_s[m_i]) != std::string_view::npos ||
                                (m_s[m_i] >= '0' && m_s[m_i] <= '9'))) {
      ++m_i;
    }
    const std::string_view num = m_s.substr(start, m_i - start);
    double f = 0;
    if (!go_parse_float(num, f)) {
      if (m_error.empty()) {
        m_error = "json: cannot unmarshal number " + std::string(num) + " into Go value of type float64";
      }
      return {};
    }
    return Value(f);
  }

  const std::string& error() const { return m_error; }

private:
  void skip_space()
  {
    while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\r' || m_s[m_i] == '\n')) {
      ++m_i;
    }
  }

  static int hex4(std::string_view s)
  {
    if (s.size() < 4) return -1;
    int r = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[static_cast<std::size_t>(k)];
      int d = 0;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return -1;
      r = r * 16 + d;
    }
    return r;
  }

  /// Go's unquote: escapes, surrogate pairs, invalid UTF-8 as U+FFFD.
  std::string string()
  {
    ++m_i; // opening quote
    std::string out;
    while (true) {
      const auto c = static_cast<unsigned char>(m_s[m_i]);
      if (c == '"') {
        ++m_i;
        return out;
      }
      if (c == '\\') {
        const char e = m_s[m_i + 1];
        m_i += 2;
        switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t r = static_cast<char32_t>(hex4(m_s.substr(m_i)));
          m_i += 4;
          if (r >= 0xD800 && r < 0xE000) {
            const std::string_view rest = m_s.substr(m_i);
            const int r2 = rest.size() >= 6 && rest[0] == '\\' && rest[1] == 'u' ? hex4(rest.substr(2)) : -1;
            if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
              r = 0x10000 + ((r - 0xD800) << 10) + (static_cast<char32_t>(r2) - 0xDC00);
              m_i += 6;
            } else {
              r = 0xFFFD;
            }
          }
          utf8_append(out, r);
          break;
        }
        default: out += e; break; // \\ \/ \"
        }
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++m_i;
        continue;
      }
      const Utf8Rune r = utf8_decode(m_s.substr(m_i));
      if (r.rune == 0xFFFD && r.width == 1) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(m_s.substr(m_i, static_cast<std::size_t>(r.width)));
      }
      m_i += static_cast<std::size_t>(r.width);
    }
  }

  std::string_view m_s;
  std::size_t m_i = 0;
  std::string m_error;
};

const char* json_kind(char c)
{
  switch (c) {
  case '{': return "object";
  case '[': return "array";
  case '"': return "string";
  case 't':
  case 'f': return "bool";
  default: return "number";
  }
}

} // namespace

JsonDecoded unmarshal_json(std::string_view text, JsonTarget target)
{
  JsonDecoded out;
  if (target == JsonTarget::map) {
    out.value = Value::map();
  } else if (target == JsonTarget::list) {
    out.value = Value::list();
  }
  Scanner scanner;
  out.error = scanner.check(text);
  if (!out.error.empty()) {
    return out;
  }
  std::size_t i = 0;
  while (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
    ++i;
  }
  const char first = text[i];
  if (first == 'n') {
    return out; // null leaves a map or list empty (Go sets it to nil)
  }
  if ((target == JsonTarget::map && first != '{') || (target == JsonTarget::list && first != '[')) {
    out.error = std::string("json: cannot unmarshal ") + json_kind(first) + " into Go value of type " +
                (target == JsonTarget::map ? "map[string]interface {}" : "[]interface {}");
    return out;
  }
  Decoder decoder(text);
  out.value = decoder.value();
  out.error = decoder.error();
  return out;
}

} // namespace pave::codec
