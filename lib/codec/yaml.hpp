#pragma once
/// YAML the way Helm reads and writes it: sigs.k8s.io/yaml (YAML converted to
/// JSON, decoded by encoding/json) for reading, and JSON-then-yaml.v2 for
/// writing, so numbers read from values are float64 and keys come out sorted.
#include <cstdint>
#include <string>
#include <string_view>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::codec {

/// The Go type yaml.Unmarshal decodes into; it decides which top-level
/// shapes are errors ("json: cannot unmarshal array into Go value of type
/// map[string]interface {}").
enum class YamlTarget : std::uint8_t {
  any,  ///< interface{}
  map,  ///< map[string]interface{} (values files, fromYaml)
  list, ///< []interface{} (fromYamlArray)
};

/// sigs.k8s.io/yaml.Unmarshal of the first document into `target`, with Go's
/// error text without any prefix ("error converting YAML to JSON: yaml: line
/// 2: mapping values are not allowed in this context", "error unmarshaling
/// JSON: while decoding JSON: json: cannot unmarshal ..."). An empty or null
/// document yields nil for `any` and an empty map or list otherwise.
util::Result<tmpl::Value> unmarshal_yaml(std::string_view text, YamlTarget target = YamlTarget::any);

/// Parses one YAML document into a Value like sigs.k8s.io/yaml.Unmarshal into
/// interface{}: mappings become map[string]interface{}, numbers float64, null nil.
/// `source` names the input in errors: "SOURCE: error converting YAML to JSON: yaml: line N: ...".
util::Result<tmpl::Value> parse_yaml(std::string_view text, std::string_view source);

/// toYaml: sigs.k8s.io/yaml.Marshal(v) with the trailing newline removed is what
/// Helm's toYaml returns; this returns the Marshal output including its final newline.
util::Result<std::string> to_yaml(const tmpl::Value& v);

/// toYamlPretty: gopkg.in/yaml.v3 encoder with indent 2 (including final newline).
util::Result<std::string> to_yaml_pretty(const tmpl::Value& v);

} // namespace pave::codec
