#pragma once
/// The Sprig v3 function library (github.com/Masterminds/sprig/v3 3.2.3,
/// TxtFuncMap) as Helm uses it, without env/expandenv and without the
/// functions Helm replaces with its own (toJson, fromJson, mustToJson, toYaml ...).
#include <pave/template/function.hpp>

namespace pave::tmpl::sprig {

/// Adds every Sprig function (names and aliases exactly as Sprig's
/// genericMap) to `table`, with its Go parameter types. Functions that Helm
/// overrides (toJson, fromJson, mustToJson) and env/expandenv are not added.
void add_sprig_functions(FunctionTable& table);

} // namespace pave::tmpl::sprig

namespace pave::tmpl {
using sprig::add_sprig_functions;
} // namespace pave::tmpl
