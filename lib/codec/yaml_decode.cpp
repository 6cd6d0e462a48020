// yaml.v2's decoder (decode.go) into interface{}, fused with ghodss/yaml's
// convertToJSONableObject and the encoding/json round trip.
#include <pave/codec/yaml_decode.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <pave/codec/go_float.hpp>
#include <pave/codec/utf8.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

double allowed_alias_ratio(long decode_count)
{
  constexpr long low = 400000;
  constexpr long high = 4000000;
  if (decode_count <= low) return 0.99;
  if (decode_count >= high) return 0.10;
  return 0.99 - 0.89 * (static_cast<double>(decode_count - low) / static_cast<double>(high - low));
}

/// ghodss/yaml's float key conversion: FormatFloat(f, 'g', -1, 32) with YAML's special names.
std::string float_key(double f)
{
  std::string s = go_float(f, 'g', 32);
  if (s == "+Inf") return ".inf";
  if (s == "-Inf") return "-.inf";
  if (s == "NaN") return ".nan";
  return s;
}

int b64_value(unsigned char c)
{
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

} // namespace

bool go_base64_decode(std::string_view in, std::string& out)
{
  std::string clean;
  clean.reserve(in.size());
  for (char c : in) {
    if (c != '\r' && c != '\n') clean += c;
  }
  if (clean.size() % 4 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < clean.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      const auto c = static_cast<unsigned char>(clean[i + static_cast<std::size_t>(k)]);
      if (c == '=' && i + 4 == clean.size() && k >= 2) {
        v[k] = 0;
        ++pad;
      } else {
        if (pad > 0) return false;
        v[k] = b64_value(c);
        if (v[k] < 0) return false;
      }
    }
    if (pad == 1 && clean[i + 2] == '=') return false;
    const unsigned n = (static_cast<unsigned>(v[0]) << 18) | (static_cast<unsigned>(v[1]) << 12) |
                       (static_cast<unsigned>(v[2]) << 6) | static_cast<unsigned>(v[3]);
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(n & 0xFF);
  }
  return true;
}

std::string coerce_utf8(std::string_view s)
{
  if (utf8_valid(s)) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size() + 8);
  while (!s.empty()) {
    const auto r = utf8_decode(s);
    if (r.rune == 0xFFFD && r.width == 1) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(0, static_cast<std::size_t>(r.width)));
    }
    s.remove_prefix(static_cast<std::size_t>(r.width));
  }
  return out;
}

std::string first_nonfinite(const Value& v)
{
  if (v.is_float()) {
    const double f = v.as_float();
    if (std::isnan(f)) return "NaN";
    if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
    return {};
  }
  if (v.is_list()) {
    for (const auto& e : v.elements()) {
      if (auto s = first_nonfinite(e); !s.empty()) return s;
    }
  } else if (v.is_map()) {
    for (const auto& [k, e] : v.items()) {
      if (auto s = first_nonfinite(e); !s.empty()) return s;
    }
  }
  return {};
}

bool YamlDecoder::fail(std::string msg)
{
  if (m_fatal.empty()) {
    m_fatal = "yaml: " + std::move(msg);
  }
  return false;
}

bool YamlDecoder::count()
{
  ++m_decode_count;
  if (m_alias_depth > 0) {
    ++m_alias_count;
  }
  if (m_alias_count > 100 && m_decode_count > 1000 &&
      static_cast<double>(m_alias_count) / static_cast<double>(m_decode_count) > allowed_alias_ratio(m_decode_count)) {
    return fail("document contains excessive aliasing");
  }
  return true;
}

YamlNode::Kind YamlDecoder::resolved_kind(std::uint32_t node) const
{
  const YamlNode* n = &m_tree.node(node);
  for (int guard = 0; n->kind == YamlNode::Kind::alias && guard < 1000; ++guard) {
    n = &m_tree.node(n->first);
  }
  return n->kind;
}

bool YamlDecoder::decode(std::uint32_t node, Value* out)
{
  return unmarshal(node, out);
}

bool YamlDecoder::unmarshal(std::uint32_t node, Value* out)
{
  if (!count()) {
    return false;
  }
  const YamlNode& n = m_tree.node(node);
  switch (n.kind) {
  case YamlNode::Kind::alias: {
    if (std::find(m_active_aliases.begin(), m_active_aliases.end(), node) != m_active_aliases.end()) {
      return fail(fmt::format("anchor '{}' value contains itself", n.value));
    }
    m_active_aliases.push_back(node);
    ++m_alias_depth;
    const bool ok = unmarshal(n.first, out);
    --m_alias_depth;
    m_active_aliases.pop_back();
    return ok;
  }
  case YamlNode::Kind::scalar: return scalar(n, out);
  case YamlNode::Kind::sequence: {
    tmpl::ListItems items;
    if (out != nullptr) {
      items.reserve(n.count);
    }
    for (std::uint32_t k = 0; k < n.count; ++k) {
      Value v;
      if (!unmarshal(m_tree.child(n, k), out != nullptr ? &v : nullptr)) {
        return false;
      }
      if (out != nullptr) {
        items.push_back(std::move(v));
      }
    }
    if (out != nullptr) {
      *out = Value::list(std::move(items));
    }
    return true;
  }
  case YamlNode::Kind::mapping: {
    tmpl::MapItems items;
    const long saved = m_current_map;
    m_current_map = ++m_map_serial;
    const bool ok = mapping_into(node, out != nullptr ? &items : nullptr, nullptr);
    m_current_map = saved;
    if (!ok) {
      return false;
    }
    if (out != nullptr) {
      *out = Value::map(std::move(items));
    }
    return true;
  }
  }
  return true;
}

bool YamlDecoder::scalar_go(const YamlNode& n, YamlScalar& r, std::string& text)
{
  if (n.tag.empty() && !n.implicit) {
    r = YamlScalar{};
    text.assign(n.value);
    return true;
  }
  std::string error;
  if (!yaml_resolve(n.tag, n.value, r, error)) {
    return fail(std::move(error));
  }
  if (r.kind == YamlKind::binary) {
    std::string data;
    if (!go_base64_decode(n.value, data)) {
      return fail("!!binary value contains invalid base64 data");
    }
    text = coerce_utf8(data);
    r.kind = YamlKind::str;
    return true;
  }
  if (r.kind == YamlKind::str || r.kind == YamlKind::other || r.kind == YamlKind::timestamp) {
    r.kind = YamlKind::str;
    text.assign(n.value);
  } else if (r.kind == YamlKind::merge) {
    r.kind = YamlKind::str;
    text = "<<";
  }
  return true;
}

bool YamlDecoder::scalar(const YamlNode& n, Value* out)
{
  if (out == nullptr && n.tag.empty()) {
    // Validation fast path: untagged scalars cannot fail to decode.
    if (n.implicit && !n.value.empty() && (n.value[0] == '.' || n.value[0] == '+' || n.value[0] == '-')) {
      YamlScalar r;
      std::string error;
      yaml_resolve({}, n.value, r, error);
      if (r.kind == YamlKind::float_ && !std::isfinite(r.f)) {
        note_nonfinite();
      }
    }
    return true;
  }
  YamlScalar r;
  std::string text;
  if (!scalar_go(n, r, text)) {
    return false;
  }
  Value v;
  switch (r.kind) {
  case YamlKind::null_: break;
  case YamlKind::boolean: v = Value(r.b); break;
  case YamlKind::int_: v = Value(static_cast<double>(r.i)); break;
  case YamlKind::uint_: v = Value(static_cast<double>(r.u)); break;
  case YamlKind::float_:
    if (!std::isfinite(r.f)) {
      note_nonfinite();
    }
    v = Value(r.f);
    break;
  default: v = Value(std::move(text)); break;
  }
  if (out != nullptr) {
    *out = std::move(v);
  }
  return true;
}

bool YamlDecoder::decode_as_string(std::uint32_t node, std::string& out, bool& is_null)
{
  is_null = false;
  if (!count()) {
    return false;
  }
  const YamlNode* n = &m_tree.node(node);
  if (n->kind == YamlNode::Kind::alias) {
    ++m_alias_depth;
    const bool ok = decode_as_string(n->first, out, is_null);
    --m_alias_depth;
    return ok;
  }
  if (n->kind != YamlNode::Kind::scalar) {
    return false;
  }
  YamlScalar r;
  std::string text;
  if (!scalar_go(*n, r, text)) {
    return false;
  }
  switch (r.kind) {
  case YamlKind::null_: is_null = true; out.clear(); break;
  case YamlKind::boolean: out = r.b ? "true" : "false"; break;
  case YamlKind::int_: out = std::to_string(r.i); break;
  case YamlKind::uint_: out = std::to_string(r.u); break;
  case YamlKind::float_: out = go_float(r.f, 'g', 32); break;
  default: out = std::move(text); break;
  }
  return true;
}

bool YamlDecoder::key(std::uint32_t node, std::uint32_t value_node, std::string& out)
{
  // d.unmarshal(key) first: a collection key is decoded (and may fail) before it is rejected.
  const YamlNode::Kind kind = resolved_kind(node);
  if (kind == YamlNode::Kind::mapping || kind == YamlNode::Kind::sequence) {
    if (!unmarshal(node, nullptr)) {
      return false;
    }
    return fail("invalid map key: " + sharp_v(node, true));
  }
  if (!count()) {
    return false;
  }
  const YamlNode* n = &m_tree.node(node);
  if (n->kind == YamlNode::Kind::alias) {
    if (std::find(m_active_aliases.begin(), m_active_aliases.end(), node) != m_active_aliases.end()) {
      return fail(fmt::format("anchor '{}' value contains itself", n->value));
    }
    ++m_alias_depth;
    if (!count()) {
      return false;
    }
    --m_alias_depth;
    n = &m_tree.node(n->first);
  }
  YamlScalar r;
  std::string text;
  if (!scalar_go(*n, r, text)) {
    return false;
  }
  switch (r.kind) {
  case YamlKind::boolean: out = r.b ? "true" : "false"; return true;
  case YamlKind::int_: out = std::to_string(r.i); return true;
  case YamlKind::float_: out = float_key(r.f); return true;
  case YamlKind::null_:
    key_error(fmt::format("Unsupported map key of type: %!s(<nil>), key: <nil>, value: {}", sharp_v(value_node, true)));
    out.clear();
    return true;
  case YamlKind::uint_:
    key_error(fmt::format("Unsupported map key of type: uint64, key: {:#x}, value: {}", r.u, sharp_v(value_node, true)));
    out = std::to_string(r.u);
    return true;
  default: out = std::move(text); return true;
  }
}

void YamlDecoder::key_error(std::string message)
{
  // A Go map holds one nil key, so within a map the last assignment counts.
  if (m_key_error.empty() || m_key_error_map == m_current_map) {
    m_key_error = std::move(message);
    m_key_error_map = m_current_map;
  }
}

namespace {

/// A plain key that resolves to a string (no bool, number, null or timestamp to convert).
bool plain_key_is_string(std::string_view v)
{
  if (v.empty()) {
    return false;
  }
  const char c = v[0];
  if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '~' || c == '<') {
    return false;
  }
  switch (c) {
  case 'y': case 'Y': case 'n': case 'N': case 't': case 'T': case 'f': case 'F': case 'o': case 'O':
    return v.size() > 5; // longer than any YAML 1.1 boolean or null
  default:
    return true;
  }
}

} // namespace

bool YamlDecoder::mapping_into(std::uint32_t node, tmpl::MapItems* items,
                               const std::function<bool(std::string&&, std::uint32_t)>* each)
{
  const YamlNode& n = m_tree.node(node);
  for (std::uint32_t k = 0; k + 1 < n.count; k += 2) {
    const std::uint32_t kn = m_tree.child(n, k);
    const std::uint32_t vn = m_tree.child(n, k + 1);
    const YamlNode& key_node = m_tree.node(kn);
    if (key_node.kind == YamlNode::Kind::scalar && key_node.value == "<<" &&
        (key_node.implicit || key_node.tag == k_yaml_merge_tag)) {
      if (!merge(vn, items, each)) {
        return false;
      }
      continue;
    }
    if (items == nullptr && each == nullptr && key_node.kind == YamlNode::Kind::scalar && key_node.tag.empty() &&
        (!key_node.implicit || plain_key_is_string(key_node.value))) {
      // Validation only, and the key is a string: nothing to check or build.
      if (!count() || !unmarshal(vn, nullptr)) {
        return false;
      }
      continue;
    }
    std::string name;
    if (!key(kn, vn, name)) {
      return false;
    }
    if (each != nullptr) {
      if (!(*each)(std::move(name), vn)) {
        return false;
      }
      continue;
    }
    Value v;
    if (!unmarshal(vn, items != nullptr ? &v : nullptr)) {
      return false;
    }
    if (items != nullptr) {
      items->insert_or_assign(std::move(name), std::move(v));
    }
  }
  return true;
}

bool YamlDecoder::unmarshal_into_map(std::uint32_t node, tmpl::MapItems* items,
                                     const std::function<bool(std::string&&, std::uint32_t)>* each)
{
  if (!count()) {
    return false;
  }
  const YamlNode& n = m_tree.node(node);
  if (n.kind == YamlNode::Kind::alias) {
    if (std::find(m_active_aliases.begin(), m_active_aliases.end(), node) != m_active_aliases.end()) {
      return fail(fmt::format("anchor '{}' value contains itself", n.value));
    }
    m_active_aliases.push_back(node);
    ++m_alias_depth;
    const bool ok = unmarshal_into_map(n.first, items, each);
    --m_alias_depth;
    m_active_aliases.pop_back();
    return ok;
  }
  return mapping_into(node, items, each);
}

bool YamlDecoder::merge(std::uint32_t node, tmpl::MapItems* items,
                        const std::function<bool(std::string&&, std::uint32_t)>* each)
{
  const YamlNode& n = m_tree.node(node);
  switch (n.kind) {
  case YamlNode::Kind::mapping: return unmarshal_into_map(node, items, each);
  case YamlNode::Kind::alias:
    if (m_tree.node(n.first).kind != YamlNode::Kind::mapping) {
      return fail("map merge requires map or sequence of maps as the value");
    }
    return unmarshal_into_map(node, items, each);
  case YamlNode::Kind::sequence:
    for (std::uint32_t k = n.count; k-- > 0;) {
      const std::uint32_t c = m_tree.child(n, k);
      const YamlNode& cn = m_tree.node(c);
      if (cn.kind == YamlNode::Kind::alias) {
        if (m_tree.node(cn.first).kind != YamlNode::Kind::mapping) {
          return fail("map merge requires map or sequence of maps as the value");
        }
      } else if (cn.kind != YamlNode::Kind::mapping) {
        return fail("map merge requires map or sequence of maps as the value");
      }
      if (!unmarshal_into_map(c, items, each)) {
        return false;
      }
    }
    return true;
  default: return fail("map merge requires map or sequence of maps as the value");
  }
}

bool YamlDecoder::for_each_entry(std::uint32_t node, const std::function<bool(std::string&&, std::uint32_t)>& f)
{
  const long saved = m_current_map;
  m_current_map = ++m_map_serial;
  const bool ok = unmarshal_into_map(node, nullptr, &f);
  m_current_map = saved;
  return ok;
}

std::string YamlDecoder::sharp_v(std::uint32_t node, bool top)
{
  const YamlNode* n = &m_tree.node(node);
  for (int guard = 0; n->kind == YamlNode::Kind::alias && guard < 100; ++guard) {
    n = &m_tree.node(n->first);
  }
  if (n->kind == YamlNode::Kind::sequence) {
    std::string out = "[]interface {}{";
    for (std::uint32_t k = 0; k < n->count; ++k) {
      if (k > 0) out += ", ";
      out += sharp_v(m_tree.child(*n, k), false);
    }
    return out + "}";
  }
  if (n->kind == YamlNode::Kind::mapping) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (std::uint32_t k = 0; k + 1 < n->count; k += 2) {
      entries.emplace_back(sharp_v(m_tree.child(*n, k), false), sharp_v(m_tree.child(*n, k + 1), false));
    }
    std::sort(entries.begin(), entries.end());
    std::string out = "map[interface {}]interface {}{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out += ", ";
      out += entries[i].first + ":" + entries[i].second;
    }
    return out + "}";
  }
  YamlScalar r;
  std::string text;
  const std::string saved = m_fatal;
  if (!scalar_go(*n, r, text)) {
    m_fatal = saved;
    return go_quote(n->value);
  }
  switch (r.kind) {
  case YamlKind::null_: return top ? "<nil>" : "interface {}(nil)";
  case YamlKind::boolean: return r.b ? "true" : "false";
  case YamlKind::int_: return std::to_string(r.i);
  case YamlKind::uint_: return fmt::format("{:#x}", r.u);
  case YamlKind::float_: return go_float(r.f, 'g', 64);
  default: return go_quote(text);
  }
}

} // namespace pave::codec
