#pragma once
/// Go text/template's comparison builtins (funcs.go eq, ne, lt, le, gt, ge)
/// on template values, with Go's basicKind rules: integers compare across
/// sizes and signedness, int against float64 is an error, nil equals only nil.
/// Arguments are the values Go sees after indirectInterface (a nil interface
/// is plain nil). Errors are thrown as BuiltinError with Go's text.
#include <span>

#include <pave/template/value.hpp>

namespace pave::tmpl {

/// eq arg1 arg2...: true when arg1 equals any of `others`. Throws
/// BuiltinError "missing argument for comparison" when `others` is empty.
bool go_eq(const Value& arg1, std::span<const Value* const> others);
bool go_ne(const Value& a, const Value& b);
bool go_lt(const Value& a, const Value& b);
bool go_le(const Value& a, const Value& b);
bool go_gt(const Value& a, const Value& b);
bool go_ge(const Value& a, const Value& b);

} // namespace pave::tmpl
