// The scalar scanners of yaml.v2's scannerc.go: block, quoted and plain.
// Scalars that are verbatim slices of the input are returned as views
// without copying; only folded or escaped ones are built in a buffer.
#include <pave/codec/yaml_scanner.hpp>

namespace pave::codec {

namespace {

void append_code_point(std::string& s, int value)
{
  if (value <= 0x7F) {
    s += static_cast<char>(value);
  } else if (value <= 0x7FF) {
    s += static_cast<char>(0xC0 + (value >> 6));
    s += static_cast<char>(0x80 + (value & 0x3F));
  } else if (value <= 0xFFFF) {
    s += static_cast<char>(0xE0 + (value >> 12));
    s += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
    s += static_cast<char>(0x80 + (value & 0x3F));
  } else {
    s += static_cast<char>(0xF0 + (value >> 18));
    s += static_cast<char>(0x80 + ((value >> 12) & 0x3F));
    s += static_cast<char>(0x80 + ((value >> 6) & 0x3F));
    s += static_cast<char>(0x80 + (value & 0x3F));
  }
}

} // namespace

bool YamlScanner::scan_block_scalar(YamlToken& token, bool literal)
{
  const YamlMark start_mark = m_mark;
  skip_char();
  if (!cache(1)) {
    return false;
  }
  int chomping = 0;
  int increment = 0;
  if (cur() == '+' || cur() == '-') {
    chomping = cur() == '+' ? 1 : -1;
    skip_char();
    if (!cache(1)) {
      return false;
    }
    if (is_digit(m_pos)) {
      if (cur() == '0') {
        return set_scanner_error("while scanning a block scalar", start_mark, "found an indentation indicator equal to 0");
      }
      increment = cur() - '0';
      skip_char();
    }
  } else if (is_digit(m_pos)) {
    if (cur() == '0') {
      return set_scanner_error("while scanning a block scalar", start_mark, "found an indentation indicator equal to 0");
    }
    increment = cur() - '0';
    skip_char();
    if (!cache(1)) {
      return false;
    }
    if (cur() == '+' || cur() == '-') {
      chomping = cur() == '+' ? 1 : -1;
      skip_char();
    }
  }
  if (!cache(1)) {
    return false;
  }
  while (is_blank(m_pos)) {
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  if (cur() == '#') {
    while (!is_breakz(m_pos)) {
      skip_char();
      if (!cache(1)) {
        return false;
      }
    }
  }
  if (!is_breakz(m_pos)) {
    return set_scanner_error("while scanning a block scalar", start_mark, "did not find expected comment or line break");
  }
  if (is_break(m_pos)) {
    if (!cache(2)) {
      return false;
    }
    skip_line();
  }
  YamlMark end_mark = m_mark;
  int indent = 0;
  if (increment > 0) {
    indent = m_indent >= 0 ? m_indent + increment : increment;
  }
  std::string& s = m_s;
  std::string& leading_break = m_leading_break;
  std::string& trailing_breaks = m_trailing_breaks;
  s.clear();
  leading_break.clear();
  trailing_breaks.clear();
  if (!scan_block_scalar_breaks(indent, trailing_breaks, start_mark, end_mark)) {
    return false;
  }
  if (!cache(1)) {
    return false;
  }
  bool leading_blank = false;
  bool trailing_blank = false;
  while (m_mark.column == indent && !is_z(m_pos)) {
    trailing_blank = is_blank(m_pos);
    if (!literal && !leading_blank && !trailing_blank && !leading_break.empty() && leading_break[0] == '\n') {
      if (trailing_breaks.empty()) {
        s += ' ';
      }
    } else {
      s += leading_break;
    }
    leading_break.clear();
    s += trailing_breaks;
    trailing_breaks.clear();
    leading_blank = is_blank(m_pos);
    const std::size_t line_start = m_pos;
    skip_ascii_run(yaml_tables::k_tables.line);
    while (!is_breakz(m_pos)) {
      skip_char();
      if (!cache(1)) {
        return false;
      }
    }
    s.append(m_b + line_start, m_pos - line_start);
    if (!cache(2)) {
      return false;
    }
    read_line(leading_break);
    if (!scan_block_scalar_breaks(indent, trailing_breaks, start_mark, end_mark)) {
      return false;
    }
  }
  if (chomping != -1) {
    s += leading_break;
  }
  if (chomping == 1) {
    s += trailing_breaks;
  }
  token = YamlToken{};
  token.type = YamlTokenType::scalar;
  token.start = start_mark;
  token.end = end_mark;
  token.value = m_text.keep(s);
  token.style = literal ? YamlScalarStyle::literal : YamlScalarStyle::folded;
  return true;
}

bool YamlScanner::scan_block_scalar_breaks(int& indent, std::string& breaks, YamlMark start_mark, YamlMark& end_mark)
{
  end_mark = m_mark;
  int max_indent = 0;
  while (true) {
    if (!cache(1)) {
      return false;
    }
    while ((indent == 0 || m_mark.column < indent) && cur() == ' ') {
      skip_char();
      if (!cache(1)) {
        return false;
      }
    }
    if (m_mark.column > max_indent) {
      max_indent = m_mark.column;
    }
    if ((indent == 0 || m_mark.column < indent) && cur() == '\t') {
      return set_scanner_error("while scanning a block scalar", start_mark,
                               "found a tab character where an indentation space is expected");
    }
    if (!is_break(m_pos)) {
      break;
    }
    if (!cache(2)) {
      return false;
    }
    read_line(breaks);
    end_mark = m_mark;
  }
  if (indent == 0) {
    indent = max_indent;
    if (indent < m_indent + 1) {
      indent = m_indent + 1;
    }
    if (indent < 1) {
      indent = 1;
    }
  }
  return true;
}

bool YamlScanner::scan_flow_scalar(YamlToken& token, bool single)
{
  const YamlMark start_mark = m_mark;
  skip_char();
  std::string& s = m_s;
  std::string& leading_break = m_leading_break;
  std::string& trailing_breaks = m_trailing_breaks;
  std::string& whitespaces = m_whitespaces;
  s.clear();
  leading_break.clear();
  trailing_breaks.clear();
  whitespaces.clear();
  // While `verbatim`, the value is the input from `vstart` up to where the
  // content ends, and nothing is copied.
  bool verbatim = true;
  const std::size_t vstart = m_pos;
  auto materialize = [&](std::size_t end) {
    if (verbatim) {
      s.assign(m_b + vstart, end - vstart);
      verbatim = false;
    }
  };
  while (true) {
    if (!cache(4)) {
      return false;
    }
    if (m_mark.column == 0 &&
        ((cur() == '-' && at(m_pos + 1) == '-' && at(m_pos + 2) == '-') ||
         (cur() == '.' && at(m_pos + 1) == '.' && at(m_pos + 2) == '.')) &&
        is_blankz(m_pos + 3)) {
      return set_scanner_error("while scanning a quoted scalar", start_mark, "found unexpected document indicator");
    }
    if (is_z(m_pos)) {
      return set_scanner_error("while scanning a quoted scalar", start_mark, "found unexpected end of stream");
    }
    bool leading_blanks = false;
    while (!is_blankz(m_pos)) {
      const unsigned char c = cur();
      if (single && c == '\'' && at(m_pos + 1) == '\'') {
        materialize(m_pos);
        s += '\'';
        skip_char();
        skip_char();
      } else if (single && c == '\'') {
        break;
      } else if (!single && c == '"') {
        break;
      } else if (!single && c == '\\' && is_break(m_pos + 1)) {
        materialize(m_pos);
        if (!cache(3)) {
          return false;
        }
        skip_char();
        skip_line();
        leading_blanks = true;
        break;
      } else if (!single && c == '\\') {
        materialize(m_pos);
        int code_length = 0;
        switch (at(m_pos + 1)) {
        case '0': s += '\0'; break;
        case 'a': s += '\x07'; break;
        case 'b': s += '\x08'; break;
        case 't':
        case '\t': s += '\x09'; break;
        case 'n': s += '\x0A'; break;
        case 'v': s += '\x0B'; break;
        case 'f': s += '\x0C'; break;
        case 'r': s += '\x0D'; break;
        case 'e': s += '\x1B'; break;
        case ' ': s += ' '; break;
        case '"': s += '"'; break;
        case '\'': s += '\''; break;
        case '\\': s += '\\'; break;
        case 'N': s += "\xC2\x85"; break;
        case '_': s += "\xC2\xA0"; break;
        case 'L': s += "\xE2\x80\xA8"; break;
        case 'P': s += "\xE2\x80\xA9"; break;
        case 'x': code_length = 2; break;
        case 'u': code_length = 4; break;
        case 'U': code_length = 8; break;
        default:
          return set_scanner_error("while parsing a quoted scalar", start_mark, "found unknown escape character");
        }
        skip_char();
        skip_char();
        if (code_length > 0) {
          if (!cache(static_cast<std::size_t>(code_length))) {
            return false;
          }
          int value = 0;
          for (int k = 0; k < code_length; ++k) {
            if (!is_hex(m_pos + static_cast<std::size_t>(k))) {
              return set_scanner_error("while parsing a quoted scalar", start_mark,
                                       "did not find expected hexdecimal number");
            }
            value = (value << 4) + as_hex(m_pos + static_cast<std::size_t>(k));
          }
          if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
            return set_scanner_error("while parsing a quoted scalar", start_mark,
                                     "found invalid Unicode character escape code");
          }
          append_code_point(s, value);
          for (int k = 0; k < code_length; ++k) {
            skip_char();
          }
        }
      } else {
        const std::size_t from = m_pos;
        skip_char();
        skip_ascii_run(single ? yaml_tables::k_tables.single_q : yaml_tables::k_tables.double_q);
        if (!verbatim) {
          s.append(m_b + from, m_pos - from);
        }
      }
      if (!cache(2)) {
        return false;
      }
    }
    const std::size_t content_end = m_pos;
    if (!cache(1)) {
      return false;
    }
    if (cur() == (single ? '\'' : '"')) {
      break;
    }
    while (is_blank(m_pos) || is_break(m_pos)) {
      if (is_blank(m_pos)) {
        if (!leading_blanks) {
          if (verbatim) {
            skip_char();
          } else {
            read_char(whitespaces);
          }
        } else {
          skip_char();
        }
      } else {
        if (!cache(2)) {
          return false;
        }
        if (!leading_blanks) {
          materialize(content_end);
          whitespaces.clear();
          read_line(leading_break);
          leading_blanks = true;
        } else {
          read_line(trailing_breaks);
        }
      }
      if (!cache(1)) {
        return false;
      }
    }
    if (leading_blanks) {
      materialize(content_end);
      if (!leading_break.empty() && leading_break[0] == '\n') {
        if (trailing_breaks.empty()) {
          s += ' ';
        } else {
          s += trailing_breaks;
        }
      } else {
        s += leading_break;
        s += trailing_breaks;
      }
      trailing_breaks.clear();
      leading_break.clear();
    } else if (!verbatim) {
      s += whitespaces;
      whitespaces.clear();
    }
  }
  const std::size_t vend = m_pos;
  skip_char();
  token = YamlToken{};
  token.type = YamlTokenType::scalar;
  token.start = start_mark;
  token.end = m_mark;
  token.value = verbatim ? std::string_view(m_b + vstart, vend - vstart) : m_text.keep(s);
  token.style = single ? YamlScalarStyle::single_quoted : YamlScalarStyle::double_quoted;
  return true;
}

bool YamlScanner::scan_plain_scalar(YamlToken& token)
{
  std::string& s = m_s;
  std::string& leading_break = m_leading_break;
  std::string& trailing_breaks = m_trailing_breaks;
  std::string& whitespaces = m_whitespaces;
  s.clear();
  leading_break.clear();
  trailing_breaks.clear();
  whitespaces.clear();
  bool leading_blanks = false;
  const int indent = m_indent + 1;
  const YamlMark start_mark = m_mark;
  YamlMark end_mark = m_mark;
  // Until a line break is folded, the value is the input slice
  // [start, end_pos) and nothing is copied.
  bool verbatim = true;
  const std::size_t start = m_pos;
  std::size_t end_pos = m_pos;
  while (true) {
    if (!cache(4)) {
      return false;
    }
    if (m_mark.column == 0 &&
        ((cur() == '-' && at(m_pos + 1) == '-' && at(m_pos + 2) == '-') ||
         (cur() == '.' && at(m_pos + 1) == '.' && at(m_pos + 2) == '.')) &&
        is_blankz(m_pos + 3)) {
      break;
    }
    if (cur() == '#') {
      break;
    }
    while (!is_blankz(m_pos)) {
      const unsigned char c = cur();
      if ((c == ':' && is_blankz(m_pos + 1)) ||
          (m_flow_level > 0 && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}'))) {
        break;
      }
      if (leading_blanks || !whitespaces.empty()) {
        if (leading_blanks) {
          if (verbatim) {
            s.assign(m_b + start, end_pos - start);
            verbatim = false;
          }
          if (leading_break[0] == '\n') {
            if (trailing_breaks.empty()) {
              s += ' ';
            } else {
              s += trailing_breaks;
            }
          } else {
            s += leading_break;
            s += trailing_breaks;
          }
          trailing_breaks.clear();
          leading_break.clear();
          leading_blanks = false;
        } else {
          if (!verbatim) {
            s += whitespaces;
          }
          whitespaces.clear();
        }
      }
      const std::size_t from = m_pos;
      skip_char();
      skip_ascii_run(m_flow_level > 0 ? yaml_tables::k_tables.plain_flow : yaml_tables::k_tables.plain_block);
      if (!verbatim) {
        s.append(m_b + from, m_pos - from);
      }
      end_mark = m_mark;
      end_pos = m_pos;
      if (!cache(2)) {
        return false;
      }
    }
    if (!(is_blank(m_pos) || is_break(m_pos))) {
      break;
    }
    if (!cache(1)) {
      return false;
    }
    while (is_blank(m_pos) || is_break(m_pos)) {
      if (is_blank(m_pos)) {
        if (leading_blanks && m_mark.column < indent && cur() == '\t') {
          return set_scanner_error("while scanning a plain scalar", start_mark,
                                   "found a tab character that violates indentation");
        }
        if (!leading_blanks) {
          read_char(whitespaces);
        } else {
          skip_char();
        }
      } else {
        if (!cache(2)) {
          return false;
        }
        if (!leading_blanks) {
          whitespaces.clear();
          read_line(leading_break);
          leading_blanks = true;
        } else {
          read_line(trailing_breaks);
        }
      }
      if (!cache(1)) {
        return false;
      }
    }
    if (m_flow_level == 0 && m_mark.column < indent) {
      break;
    }
  }
  token = YamlToken{};
  token.type = YamlTokenType::scalar;
  token.start = start_mark;
  token.end = end_mark;
  token.value = verbatim ? std::string_view(m_b + start, end_pos - start) : m_text.keep(s);
  token.style = YamlScalarStyle::plain;
  if (leading_blanks) {
    m_simple_key_allowed = true;
  }
  return true;
}

} // namespace pave::codec
