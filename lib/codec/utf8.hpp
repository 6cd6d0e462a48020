#pragma once
/// The small part of Go's unicode/utf8 and strconv the codecs need.
#include <string>
#include <string_view>

namespace pave::codec {

struct Utf8Rune
{
  char32_t rune; ///< U+FFFD for an invalid or truncated sequence
  int width;     ///< bytes consumed: 1 for an invalid sequence, 0 for empty input
};

/// utf8.DecodeRuneInString.
Utf8Rune utf8_decode(std::string_view s) noexcept;
/// utf8.ValidString.
bool utf8_valid(std::string_view s) noexcept;
/// utf8.EncodeRune appended to out.
void utf8_append(std::string& out, char32_t r);

/// strconv.Quote for the texts that appear in error messages: ASCII control
/// characters, quotes, backslashes and invalid bytes escaped like Go; other
/// non-ASCII characters are kept as they are (Go escapes only the few that
/// unicode.IsPrint rejects).
std::string go_quote(std::string_view s);

} // namespace pave::codec
