#pragma once
/// JSON the way Go's encoding/json reads and writes interface{} values.
#include <cstdint>
#include <string>
#include <string_view>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::codec {

/// json.Marshal(v): sorted map keys, HTML-safe escaping (<, >, & as \u003c ...),
/// floats like encoding/json (1e+21 and up in exponent form), []byte as base64.
util::Result<std::string> to_json(const tmpl::Value& v);
/// json.Unmarshal into interface{}: objects as map[string]interface{}, numbers float64.
util::Result<tmpl::Value> parse_json(std::string_view text);

/// s as a JSON string literal the way json.Marshal writes it (quotes included).
std::string json_quote(std::string_view s);

/// The Go type json.Unmarshal decodes into.
enum class JsonTarget : std::uint8_t {
  any,  ///< interface{}
  map,  ///< map[string]interface{} (fromJson)
  list, ///< []interface{} (fromJsonArray)
};

/// What json.Unmarshal leaves behind: the (possibly partial) value and the
/// error text, empty on success ("invalid character 'x' looking for beginning
/// of value", "json: cannot unmarshal array into Go value of type map[string]interface {}").
/// A syntax error leaves the target untouched (nil, or an empty map or list);
/// a number out of range becomes nil and decoding goes on, like Go.
struct JsonDecoded
{
  tmpl::Value value;
  std::string error;
};
JsonDecoded unmarshal_json(std::string_view text, JsonTarget target);

} // namespace pave::codec
