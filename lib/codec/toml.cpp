// BurntSushi/toml's Encoder (v1.2) for template values: direct keys before
// tables, sorted keys, two-space indentation per table level.
#include <pave/codec/toml.hpp>

#include <cmath>
#include <vector>

#include <pave/codec/go_float.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

const Value& deref(const Value& v, Value& storage)
{
  if (v.is_object()) {
    storage = v.as_object().to_data();
    return storage;
  }
  return v;
}

/// dblQuotedReplacer of BurntSushi/toml.
void append_quoted(std::string& out, std::string_view s)
{
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\f': out += "\\f"; break;
    case '\r': out += "\\r"; break;
    default:
      if (c < 0x20 || c == 0x7F) {
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      } else {
        out += ch;
      }
    }
  }
  out += '"';
}

bool is_bare_key(std::string_view k)
{
  for (char c : k) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

void append_key_part(std::string& out, std::string_view k)
{
  if (k.empty()) {
    out += "\"\"";
  } else if (is_bare_key(k)) {
    out += k;
  } else {
    append_quoted(out, k);
  }
}

class Encoder
{
public:
  bool encode_top(const Value& v)
  {
    Value storage;
    const Value& m = deref(v, storage);
    if (!m.is_map()) {
      m_error = "toml: top-level values must be Go maps or structs";
      return false;
    }
    return map(m);
  }

  std::string& out() { return m_out; }
  std::string& error() { return m_error; }

private:
  enum class Type { nil, scalar, array, hash, array_hash };

  /// tomlTypeOfGo; fails on an array holding nil (at any depth).
  bool type_of(const Value& in, Type& t)
  {
    Value storage;
    const Value& v = deref(in, storage);
    switch (v.kind()) {
    case tmpl::Kind::nil: t = Type::nil; return true;
    case tmpl::Kind::map: t = Type::hash; return true;
    case tmpl::Kind::bytes: t = Type::array; return true;
    case tmpl::Kind::list: {
      const auto& items = v.elements();
      bool all_hash = !items.empty();
      for (const auto& e : items) {
        Type et{};
        if (!type_of(e, et)) {
          return false;
        }
        if (et == Type::nil) {
          m_error = "toml: cannot encode array with nil element";
          return false;
        }
        if (et != Type::hash) {
          all_hash = false;
        }
      }
      t = all_hash ? Type::array_hash : Type::array;
      return true;
    }
    default: t = Type::scalar; return true;
    }
  }

  void newline()
  {
    if (m_has_written) {
      m_out += '\n';
    }
  }

  void indent()
  {
    for (std::size_t i = 1; i < m_key.size(); ++i) {
      m_out += "  ";
    }
  }

  void key_string()
  {
    for (std::size_t i = 0; i < m_key.size(); ++i) {
      if (i > 0) m_out += '.';
      append_key_part(m_out, m_key[i]);
    }
  }

  bool element(const Value& in)
  {
    Value storage;
    const Value& v = deref(in, storage);
    switch (v.kind()) {
    case tmpl::Kind::nil: m_error = "toml: cannot encode array with nil element"; return false;
    case tmpl::Kind::boolean: m_out += v.as_bool() ? "true" : "false"; return true;
    case tmpl::Kind::integer: m_out += std::to_string(v.as_int()); return true;
    case tmpl::Kind::unsigned_: m_out += std::to_string(v.as_uint()); return true;
    case tmpl::Kind::floating: {
      const double f = v.as_float();
      if (std::isnan(f)) {
        m_out += "nan";
      } else if (std::isinf(f)) {
        m_out += f < 0 ? "-inf" : "+inf";
      } else {
        const std::size_t start = m_out.size();
        append_go_float(m_out, f, 'f', 64);
        if (m_out.find('.', start) == std::string::npos) {
          m_out += ".0";
        }
      }
      return true;
    }
    case tmpl::Kind::string: append_quoted(m_out, v.as_string()); return true;
    case tmpl::Kind::bytes: {
      m_out += '[';
      const std::string& b = v.as_string();
      for (std::size_t i = 0; i < b.size(); ++i) {
        if (i > 0) m_out += ", ";
        m_out += std::to_string(static_cast<unsigned char>(b[i]));
      }
      m_out += ']';
      return true;
    }
    case tmpl::Kind::list: {
      m_out += '[';
      const auto& items = v.elements();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!element(items[i])) return false;
        if (i + 1 != items.size()) m_out += ", ";
      }
      m_out += ']';
      return true;
    }
    case tmpl::Kind::map: return inline_map(v);
    case tmpl::Kind::object: return element(v.as_object().to_data());
    }
    return true;
  }

  bool key_value(std::string_view name, const Value& v, bool inline_)
  {
    if (!inline_) {
      indent();
    }
    append_key_part(m_out, name);
    m_out += " = ";
    m_has_written = true;
    if (!element(v)) {
      return false;
    }
    if (!inline_) {
      newline();
    }
    return true;
  }

  /// Splits a map's keys into direct values and tables, like eMap.
  bool split(const Value& m, std::vector<const std::pair<const std::string, Value>*>& direct,
             std::vector<const std::pair<const std::string, Value>*>& sub)
  {
    for (const auto& entry : m.items()) {
      Type t{};
      if (!type_of(entry.second, t)) {
        return false;
      }
      (t == Type::hash || t == Type::array_hash ? sub : direct).push_back(&entry);
    }
    return true;
  }

  bool inline_map(const Value& m)
  {
    std::vector<const std::pair<const std::string, Value>*> direct;
    std::vector<const std::pair<const std::string, Value>*> sub;
    if (!split(m, direct, sub)) {
      return false;
    }
    m_out += '{';
    auto write = [&](const auto& keys, bool trail) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i]->second.is_nil()) {
          continue;
        }
        if (!key_value(keys[i]->first, keys[i]->second, true)) return false;
        if (trail || i != keys.size() - 1) m_out += ", ";
      }
      return true;
    };
    if (!write(direct, !sub.empty()) || !write(sub, false)) {
      return false;
    }
    m_out += '}';
    return true;
  }

  bool map(const Value& m)
  {
    std::vector<const std::pair<const std::string, Value>*> direct;
    std::vector<const std::pair<const std::string, Value>*> sub;
    if (!split(m, direct, sub)) {
      return false;
    }
    for (const auto* keys : {&direct, &sub}) {
      for (const auto* entry : *keys) {
        Value storage;
        const Value& v = deref(entry->second, storage);
        if (v.is_nil()) {
          continue;
        }
        m_key.push_back(entry->first);
        const bool ok = encode(v);
        m_key.pop_back();
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  bool encode(const Value& v)
  {
    Type t{};
    if (!type_of(v, t)) {
      return false;
    }
    if (t == Type::hash) {
      if (m_key.size() == 1) {
        newline();
      }
      indent();
      m_out += '[';
      key_string();
      m_out += ']';
      m_has_written = true;
      newline();
      return map(v);
    }
    if (t == Type::array_hash) {
      for (const auto& e : v.elements()) {
        Value storage;
        const Value& table = deref(e, storage);
        newline();
        indent();
        m_out += "[[";
        key_string();
        m_out += "]]";
        m_has_written = true;
        newline();
        if (!map(table)) {
          return false;
        }
      }
      return true;
    }
    return key_value(m_key.back(), v, false);
  }

  std::string m_out;
  std::string m_error;
  std::vector<std::string> m_key;
  bool m_has_written = false;
};

} // namespace

util::Result<std::string> to_toml(const Value& v)
{
  if (v.is_nil()) {
    return util::fail("reflect: call of reflect.Value.Type on zero Value");
  }
  Encoder e;
  if (!e.encode_top(v)) {
    return std::unexpected(util::Error{std::move(e.error())});
  }
  return std::move(e.out());
}

} // namespace pave::codec
