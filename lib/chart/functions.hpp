#pragma once
/// Helm's own template functions that are not codecs: include, tpl, required
/// and lookup (pkg/engine/engine.go initFunMap), plus the complete function
/// table charts are rendered with.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <pave/template/function.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// Marker Helm wraps `required` messages in, so the render error can show
/// just the message: "execution error in NAME: MESSAGE".
inline constexpr std::string_view k_helm_err_start = "HELM_ERR_START";
inline constexpr std::string_view k_helm_err_end = "HELM_ERR_END";

/// Nested includes of one template name allowed before
/// "rendering template has a nested reference name: NAME: unable to execute template".
inline constexpr int k_max_include_recursion = 1000;

/// What `lookup apiVersion kind namespace name` asks a live cluster, with
/// Helm's semantics: the object as a map; for an empty name, the list as a
/// map with "items"; an empty map when the object (or kind) does not exist.
/// An error fails the template ("error calling lookup: MESSAGE").
/// Offline rendering has none, and lookup returns an empty map, like `helm template`.
using LookupFn = std::function<util::Result<tmpl::Value>(std::string_view api_version, std::string_view kind,
                                                         std::string_view ns, std::string_view name)>;

/// Adds include, tpl, required and lookup to `table`. Each table keeps its
/// own include recursion counters, so use one table per render.
void add_helm_functions(tmpl::FunctionTable& table, LookupFn lookup = {});

/// Sprig + Helm's codec functions + add_helm_functions: what templates of a
/// chart can call.
std::unique_ptr<tmpl::FunctionTable> make_function_table(LookupFn lookup = {});

/// The message between HELM_ERR_START and HELM_ERR_END in `error` (Go's
/// `HELM_ERR_START(.*)HELM_ERR_END` on one line), or nullopt.
std::optional<std::string> extract_helm_error(std::string_view error);

/// Formats a template execution failure of `name` like Helm:
/// "execution error in NAME: MESSAGE" (MESSAGE extracted from the marker of
/// `required` when present, else the whole Go error).
std::string execution_error(std::string_view name, std::string_view error);

/// Removes every "<no value>" (what Go prints for missing values) from out.
void strip_no_value(std::string& out);

} // namespace pave::chart
