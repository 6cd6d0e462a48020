// sigs.k8s.io/yaml (ghodss/yaml) entry points: Unmarshal and Marshal.
#include <pave/codec/yaml.hpp>

#include <optional>

#include <pave/codec/yaml_decode.hpp>
#include <pave/codec/yaml_emitter.hpp>
#include <pave/codec/yaml_fast.hpp>
#include <pave/codec/yaml_parser.hpp>

namespace pave::codec {

namespace {

using tmpl::Value;

const char* json_kind(const Value& v)
{
  switch (v.kind()) {
  case tmpl::Kind::map: return "object";
  case tmpl::Kind::list: return "array";
  case tmpl::Kind::string: return "string";
  case tmpl::Kind::boolean: return "bool";
  default: return "number";
  }
}

} // namespace

util::Result<Value> unmarshal_yaml(std::string_view text, YamlTarget target)
{
  YamlTree tree;
  std::optional<YamlText> input; // the full parser's copy of the text, when needed
  if (!parse_simple_yaml_tree(text, tree)) {
    tree = YamlTree{};
    input.emplace(text);
    std::string error;
    if (!parse_yaml_tree(*input, tree, error)) {
      return util::fail("error converting YAML to JSON: {}", error);
    }
  }
  Value out;
  if (tree.root >= 0) {
    YamlDecoder decoder(tree);
    if (!decoder.decode(static_cast<std::uint32_t>(tree.root), &out)) {
      return util::fail("error converting YAML to JSON: {}", decoder.fatal());
    }
    if (!decoder.key_error().empty()) {
      return util::fail("error converting YAML to JSON: {}", decoder.key_error());
    }
    if (decoder.nonfinite()) {
      // A NaN may have been overwritten by a later duplicate key: look at the result.
      if (std::string bad = first_nonfinite(out); !bad.empty()) {
        return util::fail("error converting YAML to JSON: json: unsupported value: {}", bad);
      }
    }
  }
  switch (target) {
  case YamlTarget::any: return out;
  case YamlTarget::map:
    if (out.is_nil()) {
      return Value::map();
    }
    if (!out.is_map()) {
      return util::fail("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type "
                        "map[string]interface {{}}",
                        json_kind(out));
    }
    return out;
  case YamlTarget::list:
    if (out.is_nil()) {
      return Value::list();
    }
    if (!out.is_list()) {
      return util::fail(
          "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type []interface {{}}",
          json_kind(out));
    }
    return out;
  }
  return out;
}

util::Result<Value> parse_yaml(std::string_view text, std::string_view source)
{
  auto r = unmarshal_yaml(text, YamlTarget::any);
  if (!r && !source.empty()) {
    r.error().message.insert(0, std::string(source) + ": ");
  }
  return r;
}

util::Result<std::string> to_yaml(const Value& v)
{
  return emit_yaml_v2(v);
}

util::Result<std::string> to_yaml_pretty(const Value& v)
{
  return emit_yaml_v3(v);
}

} // namespace pave::codec
