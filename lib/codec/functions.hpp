#pragma once
/// Helm's codec template functions (pkg/engine/funcs.go): toYaml,
/// mustToYaml, toYamlPretty, fromYaml, fromYamlArray, toJson, mustToJson,
/// fromJson, fromJsonArray, toToml, mustToToml and fromToml.
#include <pave/template/function.hpp>

namespace pave::codec {

/// Adds the codec functions to `table`, with Helm's semantics: toYaml and
/// toJson return "" on failure, toToml returns the error text, the must*
/// variants fail the template ("error calling mustToYaml: ..."), and the
/// from* functions put the error under "Error" (or return it as the only
/// element of the list).
void add_codec_functions(tmpl::FunctionTable& table);

} // namespace pave::codec
