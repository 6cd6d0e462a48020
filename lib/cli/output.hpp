#pragma once
/// Data output in the format the `output` setting selects. JSON is the stable,
/// documented machine format (see docs/json-output.md); YAML is the same data;
/// table is the human view a command supplies.
#include <functional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include <pave/cli/context.hpp>

namespace pave::cli {

/// Writes `data` as pretty JSON (2-space indent, trailing newline), as YAML,
/// or calls `human` for the table format.
void emit(Context& ctx, const nlohmann::ordered_json& data, const std::function<void(std::ostream&)>& human);

/// YAML text of a JSON value (block style, key order kept).
std::string to_yaml_text(const nlohmann::ordered_json& data);

} // namespace pave::cli
