#pragma once
/// Turns a composed YAML document into template values the way
/// sigs.k8s.io/yaml.Unmarshal does: yaml.v2 decodes it into interface{}
/// (YAML 1.1 resolution, merge keys, aliases), keys become strings like
/// YAMLToJSON makes them, and the JSON round trip turns numbers into float64
/// and rejects NaN and infinities.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <pave/codec/yaml_parser.hpp>
#include <pave/codec/yaml_resolve.hpp>
#include <pave/template/value.hpp>

namespace pave::codec {

class YamlDecoder
{
public:
  explicit YamlDecoder(const YamlTree& tree) : m_tree(tree) {}

  /// yaml.v2's d.unmarshal(node, interface{}) followed by the JSON round
  /// trip; builds *out unless out is nullptr (validation only). Returns false
  /// on a yaml.v2 decode error (see fatal()).
  bool decode(std::uint32_t node, tmpl::Value* out);

  /// Calls f(key, value node) for each entry of a mapping node in the order
  /// yaml.v2 assigns them (merge keys expanded in place). f returns false to stop.
  bool for_each_entry(std::uint32_t node, const std::function<bool(std::string&&, std::uint32_t)>& f);

  /// The text a scalar node (after alias resolution; precondition) converts
  /// to when the JSON target is a Go string (YAMLToJSON's number and bool
  /// coercion); `is_null` tells a JSON null apart. False on a decode error.
  bool decode_as_string(std::uint32_t node, std::string& out, bool& is_null);

  /// The kind a node has after alias resolution.
  YamlNode::Kind resolved_kind(std::uint32_t node) const;

  /// First yaml.v2 decode error ("yaml: cannot decode !!str `x` as a !!int").
  const std::string& fatal() const noexcept { return m_fatal; }
  /// A YAMLToJSON key error ("Unsupported map key of type: ..."): from the
  /// first map holding one, with the last such key of that map (Go reports
  /// whichever its random map order meets first).
  const std::string& key_error() const noexcept { return m_key_error; }
  /// A NaN or infinity was decoded (it may have been replaced by a later
  /// duplicate key; check the result with first_nonfinite).
  bool nonfinite() const noexcept { return m_nonfinite; }

private:
  bool count();
  bool unmarshal(std::uint32_t node, tmpl::Value* out);
  bool scalar(const YamlNode& n, tmpl::Value* out);
  /// yaml.v2's d.scalar into interface{}: the resolved kind and value; strings in `text`.
  bool scalar_go(const YamlNode& n, YamlScalar& r, std::string& text);
  bool mapping_into(std::uint32_t node, tmpl::MapItems* items,
                    const std::function<bool(std::string&&, std::uint32_t)>* each);
  bool unmarshal_into_map(std::uint32_t node, tmpl::MapItems* items,
                          const std::function<bool(std::string&&, std::uint32_t)>* each);
  bool merge(std::uint32_t node, tmpl::MapItems* items, const std::function<bool(std::string&&, std::uint32_t)>* each);
  bool key(std::uint32_t node, std::uint32_t value_node, std::string& out);
  void key_error(std::string message);
  bool fail(std::string msg);
  void note_nonfinite() { m_nonfinite = true; }
  std::string sharp_v(std::uint32_t node, bool top);

  const YamlTree& m_tree;
  std::string m_fatal;
  std::string m_key_error;
  bool m_nonfinite = false;
  long m_decode_count = 1; // the document node counts too
  long m_alias_count = 0;
  int m_alias_depth = 0;
  std::vector<std::uint32_t> m_active_aliases;
  long m_map_serial = 0;      ///< identifies the Go map being filled
  long m_current_map = 0;
  long m_key_error_map = -1;  ///< the map m_key_error belongs to
};

/// The first NaN or infinity in JSON encoding order ("NaN", "+Inf", "-Inf"),
/// for json.Marshal's "json: unsupported value: X".
std::string first_nonfinite(const tmpl::Value& v);

/// base64.StdEncoding.DecodeString (padding required, CR and LF ignored).
bool go_base64_decode(std::string_view in, std::string& out);

/// s with each byte of an invalid UTF-8 sequence replaced by U+FFFD, as
/// encoding/json writes strings.
std::string coerce_utf8(std::string_view s);

} // namespace pave::codec
