#pragma once
/// Kubernetes manifests between YAML text and nlohmann::json, with the rules
/// the API machinery uses (sigs.k8s.io/yaml: YAML 1.1 scalars as yaml.v2
/// resolves them, converted to JSON).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::codec {

/// One YAML document as JSON; null for an empty document. Errors name
/// `source`: "SOURCE: error converting YAML to JSON: yaml: line 2: ...".
util::Result<nlohmann::json> yaml_to_json(std::string_view text, std::string_view source);

/// Block-style YAML of a JSON value, keys in the value's order, strings
/// quoted where YAML 1.1 would read them as another type.
std::string json_to_yaml(const nlohmann::ordered_json& value);

} // namespace pave::codec
