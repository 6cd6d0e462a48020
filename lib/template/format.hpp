#pragma once
/// Go's fmt and strconv formatting of template values: what `{{ . }}`,
/// print/printf/println, and Sprig's toString produce.
#include <span>
#include <string>
#include <string_view>

#include <pave/template/value.hpp>

namespace pave::tmpl {

/// What text/template prints for a missing (nil) value; Helm removes it from
/// rendered templates.
inline constexpr std::string_view k_no_value = "<no value>";

/// fmt.Sprint(v) of one value, i.e. %v: maps as map[k:v ...] (sorted keys),
/// lists as [a b], floats with strconv 'g' shortest form (1.234567e+06), nil as <nil>.
std::string sprint_value(const Value& v);
/// Appends sprint_value(v) to out.
void append_value(std::string& out, const Value& v);
/// fmt.Sprint(args...): adds a space between operands when neither is a string.
std::string sprint(std::span<const Value> args);
/// fmt.Sprintln(args...): spaces between all operands, newline at the end.
std::string sprintln(std::span<const Value> args);
/// fmt.Sprintf(format, args...), with Go's verbs, flags, width, precision,
/// argument indexes and its %!verb(type=value) error notation.
std::string sprintf(std::string_view format, std::span<const Value> args);
/// strconv.FormatFloat(f, fmt, prec, 64) for fmt in 'e','E','f','g','G'; prec -1 = shortest.
std::string format_float(double f, char fmt = 'g', int prec = -1);

} // namespace pave::tmpl
