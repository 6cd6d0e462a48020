#pragma once
/// Go's strconv parsing as text/template uses it for literals: integers with
/// base prefixes and underscores (ParseInt/ParseUint, base 0 for literals), floats
/// (ParseFloat, decimal and hexadecimal), and quoted strings/characters
/// (Unquote, UnquoteChar). Each returns nullopt where Go returns an error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pave::tmpl {

/// Outcome of strconv's integer parsers.
enum class ParseStatus { ok, syntax, range };

/// strconv.ParseUint(s, base, 64); base 0 infers 0b/0o/0x/0 prefixes and
/// allows '_' separators. On a range error `n` is the maximum, on a syntax error 0.
ParseStatus parse_go_uint(std::string_view s, int base, std::uint64_t& n);
/// strconv.ParseInt(s, base, 64). On a range error `n` is the clamped extreme
/// (±2^63), on a syntax error 0.
ParseStatus parse_go_int(std::string_view s, int base, std::int64_t& n);
/// strconv.ParseUint(s, base, 64); nullopt on a syntax or range error.
std::optional<std::uint64_t> parse_go_uint(std::string_view s, int base = 0);
/// strconv.ParseInt(s, base, 64); nullopt on a syntax or range error.
std::optional<std::int64_t> parse_go_int(std::string_view s, int base = 0);
/// strconv.ParseFloat(s, 64): Go float syntax (hex floats, '_', inf/nan).
/// nullopt on a syntax error or overflow (Go's ±Inf with a range error).
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
