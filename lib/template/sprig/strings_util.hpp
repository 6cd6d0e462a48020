#pragma once
/// Go strings-package helpers shared by the Sprig string functions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

/// Calls f(rune) for each rune of s (invalid bytes as U+FFFD, like Go's range loop).
template <typename F> void for_each_rune(std::string_view s, F&& f)
{
  while (!s.empty()) {
    auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) {
      f(static_cast<char32_t>(c));
      s.remove_prefix(1);
      continue;
    }
    auto d = go::decode_rune(s);
    f(d.rune);
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
}

/// strings.Map(f, s) (invalid bytes become U+FFFD).
template <typename F> std::string map_runes(std::string_view s, F&& f)
{
  std::string out;
  out.reserve(s.size());
  for_each_rune(s, [&](char32_t r) { go::append_rune(out, f(r)); });
  return out;
}

/// strings.Trim(s, cutset).
std::string_view trim_cutset(std::string_view s, std::string_view cutset);
/// strings.Replace(s, old, repl, -1), including the empty-`old` case.
std::string replace_all(std::string_view s, std::string_view old, std::string_view repl);
/// strings.SplitN(s, sep, n); n < 0 means all parts, n == 0 none.
std::vector<std::string_view> split_go(std::string_view s, std::string_view sep, std::int64_t n);
/// Sprig's indent/nindent: pads the first line and every line after a "\n".
/// Negative `spaces` fails like strings.Repeat.
std::string indent(std::int64_t spaces, std::string_view s, bool leading_newline);

} // namespace pave::tmpl::sprig
