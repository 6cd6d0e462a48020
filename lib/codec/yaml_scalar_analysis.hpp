#pragma once
/// The parts of libyaml's emitter that look at a scalar's text: the
/// analysis behind the choice of plain, quoted or literal style
/// (yaml_emitter_analyze_scalar) and byte access with libyaml's NUL padding.
#include <cstddef>
#include <string_view>

namespace pave::codec {

/// yaml_emitter_analyze_scalar's result.
struct YamlScalarData
{
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = false;
  bool single_quoted_allowed = false;
  bool block_allowed = false;
};

/// yaml.v2's (v3 = false) or yaml.v3's analysis of a scalar's text.
YamlScalarData yaml_analyze_scalar(std::string_view text, bool v3);

/// The width in bytes of the UTF-8 sequence led by b (0 when b cannot lead one).
int yaml_utf8_width(unsigned char b);

/// Byte access past the end reads NUL, like libyaml's padded buffers, with
/// libyaml's character classes.
struct YamlBytes
{
  std::string_view s;
  unsigned char operator[](std::size_t i) const { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }
  std::size_t size() const { return s.size(); }
  bool is_space(std::size_t i) const { return (*this)[i] == ' '; }
  bool is_blank(std::size_t i) const { return (*this)[i] == ' ' || (*this)[i] == '\t'; }
  bool is_break(std::size_t i) const
  {
    const unsigned char c = (*this)[i];
    return c == '\r' || c == '\n' || (c == 0xC2 && (*this)[i + 1] == 0x85) ||
           (c == 0xE2 && (*this)[i + 1] == 0x80 && ((*this)[i + 2] == 0xA8 || (*this)[i + 2] == 0xA9));
  }
  bool is_blankz(std::size_t i) const { return is_blank(i) || is_break(i) || (*this)[i] == 0; }
  /// libyaml's is_bom ignores the position: it tests the start of the text.
  bool is_bom() const { return (*this)[0] == 0xEF && (*this)[1] == 0xBB && (*this)[2] == 0xBF; }
  bool is_printable(std::size_t i) const
  {
    const unsigned char b = (*this)[i];
    const unsigned char b1 = (*this)[i + 1];
    const unsigned char b2 = (*this)[i + 2];
    return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
           (b == 0xED && b1 < 0xA0) || b == 0xEE ||
           (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
  }
};

} // namespace pave::codec
