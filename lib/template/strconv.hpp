#pragma once
/// Go's strconv quoting and unicode/utf8 decoding, as fmt's %q and Sprig's
/// quote use them. Tables come from Go 1.19 (strconv_tables.cpp).
#include <cstdint>
#include <string>
#include <string_view>

/// Namespace `go`: ports of Go standard library behaviour (kept apart from
/// other template helpers so names like decode_rune never collide).
namespace pave::tmpl::go {

constexpr char32_t k_rune_error = 0xFFFD;
constexpr char32_t k_max_rune = 0x10FFFF;

/// utf8.DecodeRuneInString: the first rune of `s` and its width in bytes.
/// Invalid or truncated encodings yield {k_rune_error, 1}; an empty string {k_rune_error, 0}.
struct DecodedRune
{
  char32_t rune;
  int width;
};
DecodedRune decode_rune(std::string_view s) noexcept;
/// utf8.DecodeLastRuneInString: the last rune of `s` and its width.
DecodedRune decode_last_rune(std::string_view s) noexcept;
/// utf8.EncodeRune appended to out; invalid runes (surrogates, > k_max_rune) become U+FFFD.
void append_rune(std::string& out, char32_t r);
/// utf8.RuneCountInString: invalid bytes count as one rune each.
std::size_t rune_count(std::string_view s) noexcept;
/// utf8.ValidString.
bool valid_utf8(std::string_view s) noexcept;

/// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space.
bool is_print(char32_t r) noexcept;
/// strconv.IsGraphic: IsPrint plus the other Unicode spaces (Zs).
bool is_graphic(char32_t r) noexcept;

/// strconv.Quote (ascii_only = QuoteToASCII): a double-quoted Go string literal.
std::string quote(std::string_view s, bool ascii_only = false);
/// strconv.AppendQuote / AppendQuoteToASCII.
void append_quote(std::string& out, std::string_view s, bool ascii_only = false);
/// strconv.QuoteRune (ascii_only = QuoteRuneToASCII): a single-quoted Go rune literal.
std::string quote_rune(char32_t r, bool ascii_only = false);
/// strconv.CanBackquote: true when s can be written as a raw `...` literal.
bool can_backquote(std::string_view s) noexcept;

} // namespace pave::tmpl::go

// Compatibility: the first version of this header declared these directly in
// pave::tmpl; existing callers keep working. They are templates so they never
// collide with lex_unicode.hpp's functions of the same names (a non-template
// wins overload resolution where both headers are included).
namespace pave::tmpl {
template <typename = void> go::DecodedRune decode_rune(std::string_view s) noexcept
{
  return go::decode_rune(s);
}
template <typename = void> void append_rune(std::string& out, char32_t r)
{
  go::append_rune(out, r);
}
template <typename = void> std::string go_quote(std::string_view s, bool ascii_only = false)
{
  return go::quote(s, ascii_only);
}
inline bool go_is_print(char32_t r) noexcept
{
  return go::is_print(r);
}
} // namespace pave::tmpl
