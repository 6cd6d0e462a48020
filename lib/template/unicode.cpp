#include <pave/template/unicode.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::unicode {

namespace detail {
extern const RuneRange k_letter[], k_upper[], k_lower[], k_title[], k_number[], k_digit[], k_punct[], k_space[];
extern const std::size_t k_letter_size, k_upper_size, k_lower_size, k_title_size, k_number_size, k_digit_size,
  k_punct_size, k_space_size;
extern const CaseRange k_case_ranges[];
extern const std::size_t k_case_ranges_size;
} // namespace detail

namespace {

using detail::RuneRange;

bool in_table(const RuneRange* t, std::size_t n, char32_t r) noexcept
{
  const RuneRange* end = t + n;
  const RuneRange* it = std::upper_bound(t, end, r, [](char32_t x, const RuneRange& rr) { return x < rr.lo; });
  return it != t && r <= (it - 1)->hi;
}

constexpr std::int32_t k_upper_lower = 0x10FFFF + 1;

/// unicode.to(_case, r, CaseRanges); _case 0 = upper, 1 = lower, 2 = title.
char32_t to_case(int which, char32_t r) noexcept
{
  if (r > 0x10FFFF) {
    return r;
  }
  const auto* t = detail::k_case_ranges;
  const auto* end = t + detail::k_case_ranges_size;
  const auto* it = std::upper_bound(t, end, r, [](char32_t x, const detail::CaseRange& c) { return x < c.lo; });
  if (it == t || r > (it - 1)->hi) {
    return r;
  }
  const auto& cr = *(it - 1);
  std::int32_t delta = cr.delta[which];
  if (delta > 0x10FFFF) {
    // UpperLower: alternating upper/lower pairs starting at lo.
    return cr.lo + (((r - cr.lo) & ~char32_t{1}) | static_cast<char32_t>(which & 1));
  }
  (void)k_upper_lower;
  return static_cast<char32_t>(static_cast<std::int32_t>(r) + delta);
}

} // namespace

bool is_letter(char32_t r) noexcept
{
  if (r < 0x80) {
    return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  }
  return in_table(detail::k_letter, detail::k_letter_size, r);
}
bool is_upper(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= 'A' && r <= 'Z';
  }
  return in_table(detail::k_upper, detail::k_upper_size, r);
}
bool is_lower(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= 'a' && r <= 'z';
  }
  return in_table(detail::k_lower, detail::k_lower_size, r);
}
bool is_title(char32_t r) noexcept
{
  return in_table(detail::k_title, detail::k_title_size, r);
}
bool is_number(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= '0' && r <= '9';
  }
  return in_table(detail::k_number, detail::k_number_size, r);
}
bool is_digit(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= '0' && r <= '9';
  }
  return in_table(detail::k_digit, detail::k_digit_size, r);
}
bool is_punct(char32_t r) noexcept
{
  return in_table(detail::k_punct, detail::k_punct_size, r);
}
bool is_space(char32_t r) noexcept
{
  if (r < 0x100) {
    return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
  }
  return in_table(detail::k_space, detail::k_space_size, r);
}

char32_t to_upper(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= 'a' && r <= 'z' ? r - 32 : r;
  }
  return to_case(0, r);
}
char32_t to_lower(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= 'A' && r <= 'Z' ? r + 32 : r;
  }
  return to_case(1, r);
}
char32_t to_title(char32_t r) noexcept
{
  if (r < 0x80) {
    return r >= 'a' && r <= 'z' ? r - 32 : r;
  }
  return to_case(2, r);
}

namespace {

/// strings.Map(f, s): invalid bytes become U+FFFD.
std::string map_runes(std::string_view s, char32_t (*f)(char32_t) noexcept)
{
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    const auto d = go::decode_rune(s);
    go::append_rune(out, f(d.rune));
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
  return out;
}

} // namespace

std::string upper(std::string_view s)
{
  return map_runes(s, to_upper);
}

std::string lower(std::string_view s)
{
  return map_runes(s, to_lower);
}

std::string_view trim_space(std::string_view s) noexcept
{
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) {
      if (!is_space(c)) {
        break;
      }
      s.remove_prefix(1);
      continue;
    }
    auto d = go::decode_rune(s);
    if (!is_space(d.rune)) {
      break;
    }
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s.back());
    if (c < 0x80) {
      if (!is_space(c)) {
        break;
      }
      s.remove_suffix(1);
      continue;
    }
    auto d = go::decode_last_rune(s);
    if (!is_space(d.rune)) {
      break;
    }
    s.remove_suffix(static_cast<std::size_t>(d.width));
  }
  return s;
}

} // namespace pave::tmpl::unicode
