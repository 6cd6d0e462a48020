#pragma once
/// The libyaml emitters of gopkg.in/yaml.v2 and yaml.v3, driven directly by
/// a template value instead of an event stream: same indentation, quoting,
/// line folding at 80 columns (v2) and key order (yaml's "natural" sort).
#include <string>
#include <string_view>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::codec {

/// sigs.k8s.io/yaml.Marshal(v): json.Marshal, then yaml.v2 of the decoded
/// JSON (so numbers print like JSON numbers re-read by YAML: 1e+21, 1e-06).
/// Error: "error marshaling into JSON: json: unsupported value: NaN".
util::Result<std::string> emit_yaml_v2(const tmpl::Value& v);

/// yaml.v3 Encoder with SetIndent(2) of v (no JSON round trip): sequences
/// indented under their key, no line folding.
util::Result<std::string> emit_yaml_v3(const tmpl::Value& v);

/// yaml's map key order (sorter.go keyList.Less) for string keys; `v3`
/// selects yaml.v3's variant of the digit/letter rule.
bool yaml_key_less(std::string_view a, std::string_view b, bool v3);

} // namespace pave::codec
