#pragma once
/// Go's strconv parsing as text/template uses it for literals: integers with
/// base prefixes and underscores (ParseInt/ParseUint with base 0), floats
/// (ParseFloat, decimal and hexadecimal), and quoted strings/characters
/// (Unquote, UnquoteChar). Each returns nullopt where Go returns an error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pave::tmpl {

/// strconv.ParseUint(s, 0, 64).
std::optional<std::uint64_t> parse_go_uint(std::string_view s);
/// strconv.ParseInt(s, 0, 64).
std::optional<std::int64_t> parse_go_int(std::string_view s);
/// strconv.ParseFloat(s, 64); out of range (overflow to infinity) is an error.
std::optional<double> parse_go_float(std::string_view s);

/// Result of strconv.UnquoteChar.
struct UnquotedChar
{
  char32_t value;
  bool multibyte;
  std::string_view tail;
};
/// strconv.UnquoteChar(s, quote).
std::optional<UnquotedChar> unquote_go_char(std::string_view s, char quote);
/// strconv.Unquote(s) for "...", `...` and '...' literals.
std::optional<std::string> unquote_go(std::string_view s);

} // namespace pave::tmpl
