#pragma once
/// Helm's strvals: the `--set a.b[0]=x,c={1,2}` grammar of helm install and
/// helm template, parsed into a values map exactly like helm.sh/helm/pkg/strvals.
#include <functional>
#include <string_view>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// Converts the raw value text of --set-file (a path) into the value to set.
using StrvalsReader = std::function<util::Result<tmpl::Value>(std::string_view)>;

/// strvals.ParseInto (--set): merges `line` into the map `dest`. Values are
/// typed: true/false/null (any case), int64 for integers without a leading
/// zero, else strings. Errors are Helm's, e.g. `key "a" has no value`.
util::Result<void> parse_set_into(std::string_view line, const tmpl::Value& dest);

/// strvals.ParseIntoString (--set-string): like parse_set_into, every value a string.
util::Result<void> parse_set_string_into(std::string_view line, const tmpl::Value& dest);

/// strvals.ParseIntoFile (--set-file): each value is passed to `reader`.
util::Result<void> parse_set_file_into(std::string_view line, const tmpl::Value& dest, const StrvalsReader& reader);

/// strvals.ParseJSON (--set-json key=JSON form): each value is a JSON document;
/// an empty value is null.
util::Result<void> parse_set_json_into(std::string_view line, const tmpl::Value& dest);

/// Parses one JSON text into a Value the way encoding/json decodes into
/// interface{} (objects map[string]interface{}, numbers float64).
util::Result<tmpl::Value> parse_json_value(std::string_view text);

} // namespace pave::chart
