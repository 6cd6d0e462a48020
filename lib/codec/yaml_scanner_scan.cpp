// The scanners of yaml.v2's scannerc.go for directives, anchors and tags.
#include <pave/codec/yaml_scanner.hpp>

namespace pave::codec {

namespace {

bool is_uri_char(unsigned char c)
{
  switch (c) {
  case ';': case '/': case '?': case ':': case '@': case '&': case '=': case '+': case '$': case ',':
  case '.': case '!': case '~': case '*': case '\'': case '(': case ')': case '[': case ']': case '%':
    return true;
  default:
    return false;
  }
}

} // namespace

bool YamlScanner::set_tag_error(bool directive, YamlMark context_mark, const char* problem)
{
  return set_scanner_error(directive ? "while parsing a %TAG directive" : "while parsing a tag", context_mark, problem);
}

bool YamlScanner::scan_directive(YamlToken& token)
{
  const YamlMark start_mark = m_mark;
  skip_char();
  std::string name;
  if (!scan_directive_name(start_mark, name)) {
    return false;
  }
  if (name == "YAML") {
    std::int8_t major = 0;
    std::int8_t minor = 0;
    if (!scan_version_directive_value(start_mark, major, minor)) {
      return false;
    }
    token = YamlToken{};
    token.type = YamlTokenType::version_directive;
    token.start = start_mark;
    token.end = m_mark;
    token.major = major;
    token.minor = minor;
  } else if (name == "TAG") {
    std::string handle;
    std::string prefix;
    if (!scan_tag_directive_value(start_mark, handle, prefix)) {
      return false;
    }
    token = YamlToken{};
    token.type = YamlTokenType::tag_directive;
    token.start = start_mark;
    token.end = m_mark;
    token.value = m_text.keep(std::move(handle));
    token.suffix = m_text.keep(std::move(prefix));
  } else {
    return set_scanner_error("while scanning a directive", start_mark, "found unknown directive name");
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
    return set_scanner_error("while scanning a directive", start_mark, "did not find expected comment or line break");
  }
  if (is_break(m_pos)) {
    if (!cache(2)) {
      return false;
    }
    skip_line();
  }
  return true;
}

bool YamlScanner::scan_directive_name(YamlMark start_mark, std::string& name)
{
  if (!cache(1)) {
    return false;
  }
  while (is_alpha(m_pos)) {
    read_char(name);
    if (!cache(1)) {
      return false;
    }
  }
  if (name.empty()) {
    return set_scanner_error("while scanning a directive", start_mark, "could not find expected directive name");
  }
  if (!is_blankz(m_pos)) {
    return set_scanner_error("while scanning a directive", start_mark, "found unexpected non-alphabetical character");
  }
  return true;
}

bool YamlScanner::scan_version_directive_value(YamlMark start_mark, std::int8_t& major, std::int8_t& minor)
{
  if (!cache(1)) {
    return false;
  }
  while (is_blank(m_pos)) {
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  if (!scan_version_directive_number(start_mark, major)) {
    return false;
  }
  if (cur() != '.') {
    return set_scanner_error("while scanning a %YAML directive", start_mark,
                             "did not find expected digit or '.' character");
  }
  skip_char();
  return scan_version_directive_number(start_mark, minor);
}

bool YamlScanner::scan_version_directive_number(YamlMark start_mark, std::int8_t& number)
{
  if (!cache(1)) {
    return false;
  }
  int value = 0;
  int length = 0;
  while (is_digit(m_pos)) {
    if (++length > 2) {
      return set_scanner_error("while scanning a %YAML directive", start_mark, "found extremely long version number");
    }
    value = value * 10 + (cur() - '0');
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  if (length == 0) {
    return set_scanner_error("while scanning a %YAML directive", start_mark, "did not find expected version number");
  }
  number = static_cast<std::int8_t>(value);
  return true;
}

bool YamlScanner::scan_tag_directive_value(YamlMark start_mark, std::string& handle, std::string& prefix)
{
  if (!cache(1)) {
    return false;
  }
  while (is_blank(m_pos)) {
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  if (!scan_tag_handle(true, start_mark, handle)) {
    return false;
  }
  if (!cache(1)) {
    return false;
  }
  if (!is_blank(m_pos)) {
    return set_scanner_error("while scanning a %TAG directive", start_mark, "did not find expected whitespace");
  }
  while (is_blank(m_pos)) {
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  if (!scan_tag_uri(true, {}, start_mark, prefix)) {
    return false;
  }
  if (!cache(1)) {
    return false;
  }
  if (!is_blankz(m_pos)) {
    return set_scanner_error("while scanning a %TAG directive", start_mark,
                             "did not find expected whitespace or line break");
  }
  return true;
}

bool YamlScanner::scan_anchor(YamlToken& token, YamlTokenType type)
{
  const YamlMark start_mark = m_mark;
  skip_char();
  if (!cache(1)) {
    return false;
  }
  const std::size_t begin = m_pos;
  while (is_alpha(m_pos)) {
    skip_char();
    if (!cache(1)) {
      return false;
    }
  }
  const YamlMark end_mark = m_mark;
  const unsigned char c = cur();
  if (m_pos == begin || !(is_blankz(m_pos) || c == '?' || c == ':' || c == ',' || c == ']' || c == '}' ||
                          c == '%' || c == '@' || c == '`')) {
    return set_scanner_error(type == YamlTokenType::anchor ? "while scanning an anchor" : "while scanning an alias",
                             start_mark, "did not find expected alphabetic or numeric character");
  }
  token = YamlToken{};
  token.type = type;
  token.start = start_mark;
  token.end = end_mark;
  token.value = std::string_view(m_b + begin, m_pos - begin);
  return true;
}

bool YamlScanner::scan_tag(YamlToken& token)
{
  const YamlMark start_mark = m_mark;
  std::string handle;
  std::string suffix;
  if (!cache(2)) {
    return false;
  }
  if (at(m_pos + 1) == '<') {
    skip_char();
    skip_char();
    if (!scan_tag_uri(false, {}, start_mark, suffix)) {
      return false;
    }
    if (cur() != '>') {
      return set_scanner_error("while scanning a tag", start_mark, "did not find the expected '>'");
    }
    skip_char();
  } else {
    if (!scan_tag_handle(false, start_mark, handle)) {
      return false;
    }
    if (handle[0] == '!' && handle.size() > 1 && handle.back() == '!') {
      if (!scan_tag_uri(false, {}, start_mark, suffix)) {
        return false;
      }
    } else {
      if (!scan_tag_uri(false, handle, start_mark, suffix)) {
        return false;
      }
      handle = "!";
      if (suffix.empty()) {
        std::swap(handle, suffix);
      }
    }
  }
  if (!cache(1)) {
    return false;
  }
  if (!is_blankz(m_pos)) {
    return set_scanner_error("while scanning a tag", start_mark, "did not find expected whitespace or line break");
  }
  token = YamlToken{};
  token.type = YamlTokenType::tag;
  token.start = start_mark;
  token.end = m_mark;
  token.value = m_text.keep(std::move(handle));
  token.suffix = m_text.keep(std::move(suffix));
  return true;
}

bool YamlScanner::scan_tag_handle(bool directive, YamlMark start_mark, std::string& handle)
{
  if (!cache(1)) {
    return false;
  }
  if (cur() != '!') {
    return set_tag_error(directive, start_mark, "did not find expected '!'");
  }
  std::string s;
  read_char(s);
  if (!cache(1)) {
    return false;
  }
  while (is_alpha(m_pos)) {
    read_char(s);
    if (!cache(1)) {
      return false;
    }
  }
  if (cur() == '!') {
    read_char(s);
  } else if (directive && s != "!") {
    return set_tag_error(directive, start_mark, "did not find expected '!'");
  }
  handle = std::move(s);
  return true;
}

bool YamlScanner::scan_tag_uri(bool directive, std::string_view head, YamlMark start_mark, std::string& uri)
{
  std::string s;
  bool has_tag = !head.empty();
  if (head.size() > 1) {
    s.append(head.substr(1));
  }
  if (!cache(1)) {
    return false;
  }
  while (is_alpha(m_pos) || is_uri_char(cur())) {
    if (cur() == '%') {
      if (!scan_uri_escapes(directive, start_mark, s)) {
        return false;
      }
    } else {
      read_char(s);
    }
    if (!cache(1)) {
      return false;
    }
    has_tag = true;
  }
  if (!has_tag) {
    return set_tag_error(directive, start_mark, "did not find expected tag URI");
  }
  uri = std::move(s);
  return true;
}

bool YamlScanner::scan_uri_escapes(bool directive, YamlMark start_mark, std::string& s)
{
  int w = 1024;
  while (w > 0) {
    if (!cache(3)) {
      return false;
    }
    if (!(cur() == '%' && is_hex(m_pos + 1) && is_hex(m_pos + 2))) {
      return set_tag_error(directive, start_mark, "did not find URI escaped octet");
    }
    const auto octet = static_cast<unsigned char>((as_hex(m_pos + 1) << 4) + as_hex(m_pos + 2));
    if (w == 1024) {
      w = (octet & 0x80) == 0 ? 1 : (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3 : (octet & 0xF8) == 0xF0 ? 4 : 0;
      if (w == 0) {
        return set_tag_error(directive, start_mark, "found an incorrect leading UTF-8 octet");
      }
    } else if ((octet & 0xC0) != 0x80) {
      return set_tag_error(directive, start_mark, "found an incorrect trailing UTF-8 octet");
    }
    s += static_cast<char>(octet);
    skip_char();
    skip_char();
    skip_char();
    --w;
  }
  return true;
}

} // namespace pave::codec
