#pragma once
/// User-supplied values (Helm's values.Options.MergeValues): -f files merged
/// in order, then --set-json, --set, --set-string and --set-file applied on top.
#include <string>
#include <vector>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

struct ValueSources
{
  std::vector<std::string> files;      ///< -f/--values; "-" reads standard input
  std::vector<std::string> set_json;   ///< --set-json: key=JSON pairs, or one JSON object
  std::vector<std::string> set;        ///< --set
  std::vector<std::string> set_string; ///< --set-string
  std::vector<std::string> set_file;   ///< --set-file: key=path, the value is the file's content
};

/// The merged user values (a map). Errors are Helm's: "failed to parse FILE:
/// ...", "failed parsing --set data: key \"a\" has no value", "open FILE: no
/// such file or directory".
util::Result<tmpl::Value> merge_user_values(const ValueSources& sources);

/// Reads a values file or, for "-", standard input. Error "open PATH: REASON".
util::Result<std::string> read_value_input(const std::string& path);

} // namespace pave::chart
