#pragma once
/// The conversions Sprig relies on: github.com/spf13/cast (ToInt, ToInt64,
/// ToFloat64, ToString, ToBool; errors read as the zero value, as Sprig
/// ignores them) over the strconv parsers of parse_literal.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pave/template/parse_literal.hpp>
#include <pave/template/value.hpp>

namespace pave::tmpl::sprig {

/// strconv.Atoi with its error ignored: 0 for bad syntax, the clamped
/// extreme (±2^63) when out of range.
std::int64_t go_atoi(std::string_view s);
/// strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> parse_go_bool(std::string_view s);

/// cast.ToInt64 (and cast.ToInt, identical on 64-bit): ints, floats (truncated),
/// bools, numeric strings ("0x1F", "010" octal, "12.0"); anything else is 0.
std::int64_t cast_to_int64(const Value& v);
/// cast.ToFloat64: numbers, bools, strconv.ParseFloat strings; anything else is 0.
double cast_to_float64(const Value& v);
/// cast.ToString: numbers via strconv ('f' format for floats), Stringers, []byte; else "".
std::string cast_to_string(const Value& v);
/// cast.ToBool: bools, int != 0, strconv.ParseBool strings; else false.
bool cast_to_bool(const Value& v);

} // namespace pave::tmpl::sprig
