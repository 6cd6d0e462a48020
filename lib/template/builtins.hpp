#pragma once
/// Go text/template's builtin functions (text/template/funcs.go), which are
/// always available unless a FunctionTable entry of the same name shadows them.
/// and/or are evaluated lazily by the executor; the others take evaluated
/// arguments.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <pave/template/value.hpp>

namespace pave::tmpl {

enum class Builtin : std::uint8_t {
  none, and_, call, html, index, slice, js, len, not_, or_, print, printf, println, urlquery,
  eq, ge, gt, le, lt, ne,
};

/// The builtin of that name, or Builtin::none.
Builtin find_builtin(std::string_view name);
/// The builtin's name.
std::string_view builtin_name(Builtin b);

/// An evaluated argument as the Go builtins see it (a reflect.Value): the value,
/// and whether its static type is interface{} (an element of a map or slice of
/// interface{}). A nil value without iface is Go's invalid reflect.Value.
struct BuiltinArg
{
  const Value* value;
  bool iface; ///< Kind() is reflect.Interface
};

/// Thrown by builtin implementations with the error text Go's function returns.
struct BuiltinError
{
  std::string message;
};

/// index, slice, len, not, call, html, js, urlquery, print, printf, println
/// and the comparisons. `args` excludes the function itself. Throws
/// BuiltinError with Go's error text (the caller adds "error calling NAME: ").
/// Argument counts are checked by the caller.
Value call_builtin(Builtin b, std::span<const BuiltinArg> args);

/// The type name Go reports after indirect(): a pointer object ("*chartutil.Files")
/// names its element type ("chartutil.Files"); other values their own type.
std::string indirect_type_name(const Value& v);
/// fmt's %v of v after indirect(): a pointer object prints as its element
/// ("{...}" rather than "&{...}"); other values as sprint_value.
std::string indirect_sprint(const Value& v);

/// Go's HTMLEscapeString, JSEscapeString and url.QueryEscape.
std::string html_escape(std::string_view s);
std::string js_escape(std::string_view s);
std::string url_query_escape(std::string_view s);

} // namespace pave::tmpl
