#pragma once
/// Go's unicode package predicates and simple case mappings (Go 1.19,
/// Unicode 13), which Sprig's string functions inherit: strings.ToUpper,
/// strings.Title, goutils.SwapCase, xstrings.ToSnakeCase ...
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pave::tmpl::unicode {

bool is_letter(char32_t r) noexcept; ///< unicode.IsLetter (L)
bool is_upper(char32_t r) noexcept;  ///< unicode.IsUpper (Lu)
bool is_lower(char32_t r) noexcept;  ///< unicode.IsLower (Ll)
bool is_title(char32_t r) noexcept;  ///< unicode.IsTitle (Lt)
bool is_number(char32_t r) noexcept; ///< unicode.IsNumber (N)
bool is_digit(char32_t r) noexcept;  ///< unicode.IsDigit (Nd)
bool is_punct(char32_t r) noexcept;  ///< unicode.IsPunct (P)
bool is_space(char32_t r) noexcept;  ///< unicode.IsSpace (White_Space)

char32_t to_upper(char32_t r) noexcept; ///< unicode.ToUpper
char32_t to_lower(char32_t r) noexcept; ///< unicode.ToLower
char32_t to_title(char32_t r) noexcept; ///< unicode.ToTitle

/// strings.ToUpper / strings.ToLower (invalid UTF-8 bytes become U+FFFD).
std::string upper(std::string_view s);
std::string lower(std::string_view s);
/// strings.TrimSpace.
std::string_view trim_space(std::string_view s) noexcept;

namespace detail {
struct RuneRange
{
  char32_t lo;
  char32_t hi;
};
struct CaseRange
{
  char32_t lo;
  char32_t hi;
  std::int32_t delta[3]; ///< upper, lower, title; k_upper_lower means alternating pairs
};
} // namespace detail

} // namespace pave::tmpl::unicode
