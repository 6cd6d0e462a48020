#pragma once
/// The two fmt verbs text/template's lexer and parser errors use, %.Nq and
/// %#U (the lexer's unicode.IsLetter/IsDigit are in unicode.hpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace pave::tmpl::lex {

/// fmt's %q of s (strconv.Quote), or %.Nq when max_runes is given: the string
/// is cut to that many runes before quoting.
std::string quote(std::string_view s, std::size_t max_runes = std::string_view::npos);
/// fmt's %#U of a rune: U+0023 '#' (the quoted character only when printable).
std::string unicode_rune(char32_t r);

} // namespace pave::tmpl::lex
