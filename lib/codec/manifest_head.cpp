// sigs.k8s.io/yaml.Unmarshal(doc, &head) for Helm's manifest sorter: the
// whole document is parsed and checked, but only the head fields are built.
#include <pave/codec/manifest_head.hpp>

#include <optional>

#include <pave/codec/yaml_decode.hpp>
#include <pave/codec/yaml_fast.hpp>
#include <pave/codec/yaml_parser.hpp>

namespace pave::codec {

namespace {

constexpr std::string_view k_metadata_type =
    "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }";

/// encoding/json's case-insensitive field match (equalFold, with the Kelvin
/// sign for 'k' and the long s for 's').
bool field_match(std::string_view field, std::string_view key)
{
  std::size_t i = 0;
  for (char f : field) {
    if (i >= key.size()) return false;
    const auto c = static_cast<unsigned char>(key[i]);
    if (c < 0x80) {
      if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != static_cast<unsigned char>(f)) return false;
      ++i;
    } else if (f == 'k' && key.substr(i, 3) == "\xE2\x84\xAA") {
      i += 3;
    } else if (f == 's' && key.substr(i, 2) == "\xC5\xBF") {
      i += 2;
    } else {
      return false;
    }
  }
  return i == key.size();
}

/// A JSON value as far as a Go string field sees it.
struct JsonScalar
{
  enum class Type : std::uint8_t { null, string, number, boolean, array, object } type = Type::null;
  std::string text;
};

const char* type_name(JsonScalar::Type t)
{
  switch (t) {
  case JsonScalar::Type::null: return "null";
  case JsonScalar::Type::string: return "string";
  case JsonScalar::Type::number: return "number";
  case JsonScalar::Type::boolean: return "bool";
  case JsonScalar::Type::array: return "array";
  case JsonScalar::Type::object: return "object";
  }
  return "null";
}

struct Annotations
{
  JsonScalar::Type type = JsonScalar::Type::null; ///< object, or the JSON type that is an error
  std::map<std::string, JsonScalar> entries;
};

struct Metadata
{
  JsonScalar::Type type = JsonScalar::Type::null;
  std::map<std::string, JsonScalar> names;       ///< keys matching "name"
  std::map<std::string, Annotations> annotations; ///< keys matching "annotations"
};

class HeadDecoder
{
public:
  explicit HeadDecoder(const YamlTree& tree) : m_d(tree) {}

  YamlDecoder& decoder() { return m_d; }

  /// A value whose JSON target is a Go string: scalars coerced like YAMLToJSON does.
  bool string_target(std::uint32_t node, JsonScalar& out)
  {
    const YamlNode::Kind k = m_d.resolved_kind(node);
    if (k == YamlNode::Kind::scalar) {
      bool is_null = false;
      if (!m_d.decode_as_string(node, out.text, is_null)) return false;
      out.type = is_null ? JsonScalar::Type::null : JsonScalar::Type::string;
      return true;
    }
    out.type = k == YamlNode::Kind::mapping ? JsonScalar::Type::object : JsonScalar::Type::array;
    return m_d.decode(node, nullptr);
  }

  /// A value whose JSON target is not a string: its JSON type.
  bool other_target(std::uint32_t node, JsonScalar::Type& type)
  {
    const YamlNode::Kind k = m_d.resolved_kind(node);
    if (k != YamlNode::Kind::scalar) {
      type = k == YamlNode::Kind::mapping ? JsonScalar::Type::object : JsonScalar::Type::array;
      return m_d.decode(node, nullptr);
    }
    tmpl::Value v;
    if (!m_d.decode(node, &v)) return false;
    switch (v.kind()) {
    case tmpl::Kind::nil: type = JsonScalar::Type::null; break;
    case tmpl::Kind::string: type = JsonScalar::Type::string; break;
    case tmpl::Kind::boolean: type = JsonScalar::Type::boolean; break;
    default: type = JsonScalar::Type::number; break;
    }
    return true;
  }

  bool annotations(std::uint32_t node, Annotations& out)
  {
    if (m_d.resolved_kind(node) != YamlNode::Kind::mapping) {
      return other_target(node, out.type);
    }
    out.type = JsonScalar::Type::object;
    return m_d.for_each_entry(node, [&](std::string&& key, std::uint32_t value) {
      JsonScalar s;
      if (!string_target(value, s)) return false;
      out.entries.insert_or_assign(std::move(key), std::move(s));
      return true;
    });
  }

  bool metadata(std::uint32_t node, Metadata& out)
  {
    if (m_d.resolved_kind(node) != YamlNode::Kind::mapping) {
      return other_target(node, out.type);
    }
    out.type = JsonScalar::Type::object;
    return m_d.for_each_entry(node, [&](std::string&& key, std::uint32_t value) {
      if (field_match("name", key)) {
        JsonScalar s;
        if (!string_target(value, s)) return false;
        out.names.insert_or_assign(std::move(key), std::move(s));
        return true;
      }
      if (field_match("annotations", key)) {
        Annotations a;
        if (!annotations(value, a)) return false;
        out.annotations.insert_or_assign(std::move(key), std::move(a));
        return true;
      }
      return m_d.decode(value, nullptr);
    });
  }

  std::map<std::string, JsonScalar> kinds;
  std::map<std::string, Metadata> metas;

private:
  YamlDecoder m_d;
};

std::string struct_field_error(JsonScalar::Type t, std::string_view field, std::string_view type)
{
  return std::string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ") + type_name(t) +
         " into Go struct field " + std::string(field) + " of type " + std::string(type);
}

/// encoding/json's assignment of the decoded object to the head struct, in
/// JSON key order; the first type error wins.
util::Result<ManifestHead> assign(const HeadDecoder& h)
{
  ManifestHead head;
  std::optional<std::string> error;
  auto fail = [&](std::string e) {
    if (!error) error = std::move(e);
  };
  auto kind_it = h.kinds.begin();
  auto meta_it = h.metas.begin();
  while (kind_it != h.kinds.end() || meta_it != h.metas.end()) {
    const bool take_kind = meta_it == h.metas.end() || (kind_it != h.kinds.end() && kind_it->first < meta_it->first);
    if (take_kind) {
      const JsonScalar& s = kind_it->second;
      if (s.type == JsonScalar::Type::string) {
        head.kind = s.text;
      } else if (s.type != JsonScalar::Type::null) {
        fail(struct_field_error(s.type, "head.kind", "string"));
      }
      ++kind_it;
      continue;
    }
    const Metadata& m = meta_it->second;
    ++meta_it;
    if (m.type == JsonScalar::Type::null) {
      head.has_metadata = false;
      head.name.clear();
      head.annotations.clear();
      continue;
    }
    if (m.type != JsonScalar::Type::object) {
      fail(struct_field_error(m.type, "head.metadata", k_metadata_type));
      continue;
    }
    if (!head.has_metadata) {
      head.has_metadata = true;
      head.name.clear();
      head.annotations.clear();
    }
    auto name_it = m.names.begin();
    auto anno_it = m.annotations.begin();
    while (name_it != m.names.end() || anno_it != m.annotations.end()) {
      const bool take_name =
          anno_it == m.annotations.end() || (name_it != m.names.end() && name_it->first < anno_it->first);
      if (take_name) {
        const JsonScalar& s = name_it->second;
        if (s.type == JsonScalar::Type::string) {
          head.name = s.text;
        } else if (s.type != JsonScalar::Type::null) {
          fail(struct_field_error(s.type, ".metadata.name", "string"));
        }
        ++name_it;
        continue;
      }
      const Annotations& a = anno_it->second;
      ++anno_it;
      if (a.type == JsonScalar::Type::null) {
        head.annotations.clear();
        continue;
      }
      if (a.type != JsonScalar::Type::object) {
        fail(struct_field_error(a.type, ".metadata.annotations", "map[string]string"));
        continue;
      }
      for (const auto& [k, s] : a.entries) {
        if (s.type == JsonScalar::Type::string || s.type == JsonScalar::Type::null) {
          head.annotations.insert_or_assign(k, s.text);
        } else {
          fail(struct_field_error(s.type, ".metadata.annotations", "string"));
          head.annotations.insert_or_assign(k, std::string());
        }
      }
    }
  }
  if (error) {
    return std::unexpected(util::Error{std::move(*error)});
  }
  return head;
}

/// The NaN or infinity json.Marshal would meet first, ignoring the head's
/// string fields (where YAMLToJSON turns them into "NaN" and "+Inf"). Only
/// called when one was decoded somewhere: the document is decoded in full,
/// so that values replaced by later duplicate keys do not count.
std::string nonfinite_outside_head(const YamlTree& tree, std::uint32_t root)
{
  YamlDecoder d(tree);
  tmpl::Value v;
  if (!d.decode(root, &v)) {
    return {};
  }
  if (v.is_map()) {
    tmpl::MapItems& top = v.items();
    for (auto it = top.begin(); it != top.end();) {
      if (field_match("kind", it->first) && it->second.is_float()) {
        it = top.erase(it);
        continue;
      }
      if (field_match("metadata", it->first) && it->second.is_map()) {
        tmpl::MapItems& meta = it->second.items();
        for (auto m = meta.begin(); m != meta.end();) {
          if (field_match("name", m->first) && m->second.is_float()) {
            m = meta.erase(m);
            continue;
          }
          if (field_match("annotations", m->first) && m->second.is_map()) {
            std::erase_if(m->second.items(), [](const auto& e) { return e.second.is_float(); });
          }
          ++m;
        }
      }
      ++it;
    }
  }
  return first_nonfinite(v);
}

} // namespace

util::Result<ManifestHead> parse_manifest_head(std::string_view doc)
{
  YamlTree tree;
  std::optional<YamlText> text; // the full parser's copy of the document, when needed
  if (!parse_simple_yaml_tree(doc, tree)) {
    tree = YamlTree{};
    text.emplace(doc);
    std::string error;
    if (!parse_yaml_tree(*text, tree, error)) {
      return util::fail("error converting YAML to JSON: {}", error);
    }
  }
  if (tree.root < 0) {
    return ManifestHead{};
  }
  const auto root = static_cast<std::uint32_t>(tree.root);
  HeadDecoder h(tree);
  YamlDecoder& d = h.decoder();
  JsonScalar::Type root_type = JsonScalar::Type::object;
  bool ok = true;
  if (d.resolved_kind(root) == YamlNode::Kind::mapping) {
    ok = d.for_each_entry(root, [&](std::string&& key, std::uint32_t value) {
      if (field_match("kind", key)) {
        JsonScalar s;
        if (!h.string_target(value, s)) return false;
        h.kinds.insert_or_assign(std::move(key), std::move(s));
        return true;
      }
      if (field_match("metadata", key)) {
        Metadata m;
        if (!h.metadata(value, m)) return false;
        h.metas.insert_or_assign(std::move(key), std::move(m));
        return true;
      }
      return d.decode(value, nullptr);
    });
  } else {
    ok = h.other_target(root, root_type);
  }
  if (!ok) {
    return util::fail("error converting YAML to JSON: {}", d.fatal());
  }
  if (!d.key_error().empty()) {
    return util::fail("error converting YAML to JSON: {}", d.key_error());
  }
  if (d.nonfinite()) {
    if (std::string bad = nonfinite_outside_head(tree, root); !bad.empty()) {
      return util::fail("error converting YAML to JSON: json: unsupported value: {}", bad);
    }
  }
  if (root_type == JsonScalar::Type::null) {
    return ManifestHead{};
  }
  if (root_type != JsonScalar::Type::object) {
    return util::fail("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type "
                      "main.head",
                      type_name(root_type));
  }
  return assign(h);
}

} // namespace pave::codec
