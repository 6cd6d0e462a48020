#pragma once
/// JSON the way Go's encoding/json reads and writes interface{} values.
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

} // namespace pave::codec
