#pragma once
/// yaml.v2's event parser (parserc.go) and node composer (decode.go's
/// parser): turns the first document of a YAML text into a node tree, with
/// yaml.v2's exact errors ("yaml: line 3: did not find expected key").
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pave/codec/yaml_scanner.hpp>

namespace pave::codec {

/// One node of the composed document.
struct YamlNode
{
  enum class Kind : std::uint8_t { mapping, sequence, scalar, alias };
  Kind kind = Kind::scalar;
  bool implicit = false; ///< scalar: plain and untagged (or tagged "!"), i.e. subject to resolution
  YamlScalarStyle style = YamlScalarStyle::any;
  int line = 0; ///< zero-based
  int column = 0;
  std::string_view tag;   ///< full tag ("tag:yaml.org,2002:str", "!foo"), empty when none
  std::string_view value; ///< scalar text; alias: the anchor name
  std::uint32_t first = 0; ///< children start in YamlTree::children; alias: target node
  std::uint32_t count = 0; ///< number of children (mappings: 2 per entry)
};

/// The nodes of one document. Strings view into the YamlText it was parsed from.
struct YamlTree
{
  std::vector<YamlNode> nodes;
  std::vector<std::uint32_t> children;
  std::int64_t root = -1; ///< -1 when the stream has no document (empty input)

  const YamlNode& node(std::uint32_t i) const { return nodes[i]; }
  std::uint32_t child(const YamlNode& n, std::uint32_t k) const { return children[n.first + k]; }
};

/// Parses the first document of `text` into `tree` (like yaml.v2's
/// parser.parse()). On failure returns false and sets `error` to yaml.v2's
/// message, e.g. "yaml: line 2: mapping values are not allowed in this context".
bool parse_yaml_tree(YamlText& text, YamlTree& tree, std::string& error);

} // namespace pave::codec
