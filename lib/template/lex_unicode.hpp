#pragma once
/// The Unicode facts Go's text/template lexer relies on beyond strconv
/// (strconv.hpp): unicode.IsLetter and unicode.IsDigit (tables generated from
/// Go 1.19's unicode package), plus the two fmt verbs lexer and parser errors
/// use, %.Nq and %#U.
#include <cstddef>
#include <string>
#include <string_view>

namespace pave::tmpl::lex {

/// unicode.IsLetter.
bool is_letter(char32_t r);
/// unicode.IsDigit (category Nd).
bool is_digit(char32_t r);

/// fmt's %q of s (strconv.Quote), or %.Nq when max_runes is given: the string
/// is cut to that many runes before quoting.
std::string quote(std::string_view s, std::size_t max_runes = std::string_view::npos);
/// fmt's %#U of a rune: U+0023 '#' (the quoted character only when printable).
std::string unicode_rune(char32_t r);

} // namespace pave::tmpl::lex
