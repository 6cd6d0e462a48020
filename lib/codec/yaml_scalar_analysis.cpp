// libyaml's scalar analysis and yaml's map key order ("natural" sort).
#include <pave/codec/yaml_scalar_analysis.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <pave/codec/utf8.hpp>
#include <pave/codec/yaml_emitter.hpp>

namespace pave::codec {

int yaml_utf8_width(unsigned char b)
{
  if ((b & 0x80) == 0x00) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 0;
}

namespace {

/// ASCII characters that never affect yaml_emitter_analyze_scalar's result.
constexpr auto k_ordinary = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
  for (char c : std::string_view("._/+=~^$();<-")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

} // namespace

YamlScalarData yaml_analyze_scalar(std::string_view text, bool v3)
{
  YamlScalarData d;
  const YamlBytes value{text};
  if (value.size() == 0) {
    d.block_plain_allowed = true;
    d.single_quoted_allowed = true;
    return d;
  }
  // ('-' is ordinary except as the whole string or at the start of "---" / "- ".)
  if (text[0] != '-' && !text.starts_with("...")) {
    bool ordinary = true;
    for (char c : text) {
      if (!k_ordinary[static_cast<unsigned char>(c)]) {
        ordinary = false;
        break;
      }
    }
    if (ordinary) {
      d.flow_plain_allowed = true;
      d.block_plain_allowed = true;
      d.single_quoted_allowed = true;
      d.block_allowed = true;
      return d;
    }
  }
  bool block_indicators = false;
  bool flow_indicators = false;
  bool line_breaks = false;
  bool special_characters = false;
  bool tab_characters = false;
  bool leading_space = false;
  bool leading_break = false;
  bool trailing_space = false;
  bool trailing_break = false;
  bool break_space = false;
  bool space_break = false;
  bool previous_space = false;
  bool previous_break = false;
  if (value.size() >= 3 && ((value[0] == '-' && value[1] == '-' && value[2] == '-') ||
                            (value[0] == '.' && value[1] == '.' && value[2] == '.'))) {
    block_indicators = true;
    flow_indicators = true;
  }
  bool preceded_by_whitespace = true;
  for (std::size_t i = 0, w = 0; i < value.size(); i += w) {
    w = static_cast<std::size_t>(std::max(1, yaml_utf8_width(value[i])));
    const bool followed_by_whitespace = i + w >= value.size() || value.is_blank(i + w);
    const unsigned char c = value[i];
    if (i == 0) {
      switch (c) {
      case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
      case '>': case '\'': case '"': case '%': case '@': case '`':
        flow_indicators = true;
        block_indicators = true;
        break;
      case '?':
      case ':':
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
        break;
      case '-':
        if (followed_by_whitespace) {
          flow_indicators = true;
          block_indicators = true;
        }
        break;
      default: break;
      }
    } else {
      switch (c) {
      case ',': case '?': case '[': case ']': case '{': case '}': flow_indicators = true; break;
      case ':':
        flow_indicators = true;
        if (followed_by_whitespace) block_indicators = true;
        break;
      case '#':
        if (preceded_by_whitespace) {
          flow_indicators = true;
          block_indicators = true;
        }
        break;
      default: break;
      }
    }
    if (v3 && c == '\t') {
      tab_characters = true;
    } else if (!value.is_printable(i)) {
      special_characters = true;
    }
    if (value.is_space(i)) {
      if (i == 0) leading_space = true;
      if (i + w == value.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (value.is_break(i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == value.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = value.is_blankz(i);
  }
  d.multiline = line_breaks;
  d.flow_plain_allowed = true;
  d.block_plain_allowed = true;
  d.single_quoted_allowed = true;
  d.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    d.flow_plain_allowed = false;
    d.block_plain_allowed = false;
  }
  if (trailing_space) {
    d.block_allowed = false;
  }
  if (break_space) {
    d.flow_plain_allowed = false;
    d.block_plain_allowed = false;
    d.single_quoted_allowed = false;
  }
  if (space_break || tab_characters || special_characters) {
    d.flow_plain_allowed = false;
    d.block_plain_allowed = false;
    d.single_quoted_allowed = false;
  }
  if (space_break || special_characters) {
    d.block_allowed = false;
  }
  if (line_breaks) {
    d.flow_plain_allowed = false;
    d.block_plain_allowed = false;
  }
  if (flow_indicators) {
    d.flow_plain_allowed = false;
  }
  if (block_indicators) {
    d.block_plain_allowed = false;
  }
  return d;
}

namespace {

/// Unicode letters and digits as Go's unicode.IsLetter/IsDigit see them
/// (exact for ASCII; non-ASCII runes count as letters unless they are
/// common punctuation, symbols or spaces).
bool rune_is_digit(char32_t r) { return r >= '0' && r <= '9'; }
bool rune_is_letter(char32_t r)
{
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r < 0xC0) return r == 0xAA || r == 0xB5 || r == 0xBA;
  if (r == 0xD7 || r == 0xF7) return false;
  if (r >= 0x2000 && r <= 0x2BFF) return false;
  if (r >= 0x3000 && r <= 0x303F) return false;
  if (r >= 0xFF00 && r <= 0xFF20) return false;
  return r != 0xFFFD;
}

std::vector<char32_t> runes(std::string_view s)
{
  std::vector<char32_t> out;
  out.reserve(s.size());
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) {
      out.push_back(c);
      s.remove_prefix(1);
      continue;
    }
    const auto r = utf8_decode(s);
    out.push_back(r.rune);
    s.remove_prefix(static_cast<std::size_t>(std::max(1, r.width)));
  }
  return out;
}

} // namespace

namespace {

/// keyList.Less over rune sequences (bytes for ASCII strings).
template <class C> bool key_less_runes(const C* ar, std::size_t an_, const C* br, std::size_t bn_, bool v3)
{
  bool digits = false;
  for (std::size_t i = 0; i < an_ && i < bn_; ++i) {
    if (ar[i] == br[i]) {
      digits = rune_is_digit(ar[i]);
      continue;
    }
    const bool al = rune_is_letter(ar[i]);
    const bool bl = rune_is_letter(br[i]);
    if (al && bl) {
      return ar[i] < br[i];
    }
    if (al || bl) {
      return (v3 && digits) ? al : bl;
    }
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (std::size_t j = i; j-- > 0 && rune_is_digit(ar[j]);) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i;
    std::size_t bi = i;
    for (; ai < an_ && rune_is_digit(ar[ai]); ++ai) an = an * 10 + static_cast<std::uint64_t>(ar[ai] - '0');
    for (; bi < bn_ && rune_is_digit(br[bi]); ++bi) bn = bn * 10 + static_cast<std::uint64_t>(br[bi] - '0');
    if (an != bn) {
      return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    }
    if (ai != bi) {
      return ai < bi;
    }
    return ar[i] < br[i];
  }
  return an_ < bn_;
}

bool is_ascii(std::string_view s)
{
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

} // namespace

bool yaml_key_less(std::string_view as, std::string_view bs, bool v3)
{
  if (is_ascii(as) && is_ascii(bs)) {
    return key_less_runes(reinterpret_cast<const unsigned char*>(as.data()), as.size(),
                          reinterpret_cast<const unsigned char*>(bs.data()), bs.size(), v3);
  }
  const std::vector<char32_t> ar = runes(as);
  const std::vector<char32_t> br = runes(bs);
  return key_less_runes(ar.data(), ar.size(), br.data(), br.size(), v3);
}

} // namespace pave::codec
