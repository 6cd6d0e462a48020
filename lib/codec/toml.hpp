#pragma once
/// TOML the way Helm's toToml/fromToml (BurntSushi/toml) read and write it.
#include <string>
#include <string_view>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::codec {

/// toml.NewEncoder(w).Encode(v) output for a map value.
util::Result<std::string> to_toml(const tmpl::Value& v);
/// toml.Decode into map[string]interface{} (integers int64, floats float64).
util::Result<tmpl::Value> parse_toml(std::string_view text);

} // namespace pave::codec
