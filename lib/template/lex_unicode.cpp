#include <pave/template/lex_unicode.hpp>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::lex {

std::string quote(std::string_view s, std::size_t max_runes)
{
  if (max_runes != std::string_view::npos) {
    std::size_t pos = 0;
    for (std::size_t n = 0; n < max_runes && pos < s.size(); ++n) {
      pos += static_cast<std::size_t>(go::decode_rune(s.substr(pos)).width);
    }
    s = s.substr(0, pos);
  }
  return go::quote(s);
}

std::string unicode_rune(char32_t r)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string digits;
  for (char32_t v = r; v != 0; v >>= 4) {
    digits.insert(digits.begin(), k_hex[v & 0xF]);
  }
  while (digits.size() < 4) {
    digits.insert(digits.begin(), '0');
  }
  std::string out = "U+" + digits;
  if (r <= go::k_max_rune && go::is_print(r)) {
    out += " '";
    go::append_rune(out, r);
    out += "'";
  }
  return out;
}

} // namespace pave::tmpl::lex
