// Sprig's word-level text functions, ported from github.com/Masterminds/goutils
// (abbreviate, wrap, initials, swapcase) and github.com/huandu/xstrings
// (camelcase, snakecase, kebabcase). Byte-oriented where the originals are.
#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/strings_util.hpp>
#include <pave/template/unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

namespace {

/// goutils.AbbreviateFull; the error cases yield "" (Sprig ignores the error).
std::string abbreviate_full(std::string_view str, std::int64_t offset, std::int64_t max_width)
{
  if (str.empty()) {
    return "";
  }
  if (max_width < 4) {
    return "";
  }
  auto len = static_cast<std::int64_t>(str.size());
  if (len <= max_width) {
    return std::string(str);
  }
  if (offset > len) {
    offset = len;
  }
  if (len - offset < max_width - 3) {
    offset = len - (max_width - 3);
  }
  const std::string marker = "...";
  if (offset <= 4) {
    return std::string(str.substr(0, static_cast<std::size_t>(max_width - 3))) + marker;
  }
  if (max_width < 7) {
    return "";
  }
  if (offset + max_width - 3 < len) {
    return marker + abbreviate_full(str.substr(static_cast<std::size_t>(offset)), 0, max_width - 3);
  }
  return marker + std::string(str.substr(static_cast<std::size_t>(len - (max_width - 3))));
}

/// goutils.WrapCustom.
std::string wrap_custom(std::string_view str, std::int64_t wrap_length, std::string_view new_line, bool wrap_long_words)
{
  if (str.empty()) {
    return "";
  }
  if (new_line.empty()) {
    new_line = "\n";
  }
  if (wrap_length < 1) {
    wrap_length = 1;
  }
  auto input_len = static_cast<std::int64_t>(str.size());
  std::int64_t offset = 0;
  std::string out;
  auto sub = [&](std::int64_t from, std::int64_t to) {
    return str.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
  };
  while (input_len - offset > wrap_length) {
    if (str[static_cast<std::size_t>(offset)] == ' ') {
      ++offset;
      continue;
    }
    std::int64_t end = wrap_length + offset + 1;
    auto window = sub(offset, end);
    auto last_space = window.rfind(' ');
    std::int64_t space_at = (last_space == std::string_view::npos ? -1 : static_cast<std::int64_t>(last_space)) + offset;
    if (space_at >= offset) {
      out.append(sub(offset, space_at));
      out.append(new_line);
      offset = space_at + 1;
    } else if (wrap_long_words) {
      std::int64_t e = wrap_length + offset;
      out.append(sub(offset, e));
      out.append(new_line);
      offset += wrap_length;
    } else {
      std::int64_t e = wrap_length + offset;
      auto idx = sub(e, input_len).find(' ');
      if (idx == std::string_view::npos) {
        out.append(sub(offset, input_len));
        offset = input_len;
      } else {
        space_at = static_cast<std::int64_t>(idx) + e;
        out.append(sub(offset, space_at));
        out.append(new_line);
        offset = space_at + 1;
      }
    }
  }
  out.append(sub(offset, input_len));
  return out;
}

/// goutils.Initials with whitespace delimiters; byte-wise like the original.
std::string initials(std::string_view s)
{
  std::string out;
  bool last_was_gap = true;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (unicode::is_space(b)) {
      last_was_gap = true;
    } else if (last_was_gap) {
      go::append_rune(out, b);
      last_was_gap = false;
    }
  }
  return out;
}

/// goutils.SwapCase.
std::string swap_case(std::string_view s)
{
  bool whitespace = true;
  return map_runes(s, [&](char32_t ch) {
    if (unicode::is_upper(ch) || unicode::is_title(ch)) {
      whitespace = false;
      return unicode::to_lower(ch);
    }
    if (unicode::is_lower(ch)) {
      if (whitespace) {
        whitespace = false;
        return unicode::to_title(ch);
      }
      return unicode::to_upper(ch);
    }
    whitespace = unicode::is_space(ch);
    return ch;
  });
}

bool is_connector(char32_t r)
{
  return r == '-' || r == '_' || unicode::is_space(r);
}

/// xstrings' isAlphabet: a letter that is not a CJK ideograph.
bool is_alphabet(char32_t r)
{
  if (!unicode::is_letter(r)) {
    return false;
  }
  if (r < 0x3400) {
    return true;
  }
  if ((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) || (r >= 0x20000 && r <= 0x2B81D)) {
    return false;
  }
  return true;
}

/// xstrings.ToCamelCase.
std::string to_camel_case(std::string_view str)
{
  if (str.empty()) {
    return "";
  }
  std::string buf;
  char32_t r0 = 0;
  char32_t r1 = 0;
  int size = 0;
  while (!str.empty()) {
    auto d = go::decode_rune(str);
    r0 = d.rune;
    size = d.width;
    str.remove_prefix(static_cast<std::size_t>(size));
    if (!is_connector(r0)) {
      r0 = unicode::to_upper(r0);
      break;
    }
    go::append_rune(buf, r0);
  }
  if (str.empty()) {
    if (size != 0) {
      go::append_rune(buf, r0);
    }
    return buf;
  }
  while (!str.empty()) {
    r1 = r0;
    auto d = go::decode_rune(str);
    r0 = d.rune;
    str.remove_prefix(static_cast<std::size_t>(d.width));
    if (is_connector(r0) && is_connector(r1)) {
      go::append_rune(buf, r1);
      continue;
    }
    if (is_connector(r1)) {
      r0 = unicode::to_upper(r0);
    } else {
      r0 = unicode::to_lower(r0);
      go::append_rune(buf, r1);
    }
  }
  go::append_rune(buf, r0);
  return buf;
}

enum class WordType { invalid, number, upper_case, alphabet, connector, punct, other };

/// xstrings' nextValidRune: the next decodable rune (skipping invalid bytes), or prev.
std::pair<char32_t, std::size_t> next_valid_rune(std::string_view str, char32_t prev)
{
  std::size_t size = 0;
  while (!str.empty()) {
    auto d = go::decode_rune(str);
    size += static_cast<std::size_t>(d.width);
    if (d.rune != go::k_rune_error) {
      return {d.rune, size};
    }
    str.remove_prefix(static_cast<std::size_t>(d.width));
  }
  return {prev, size};
}

struct Word
{
  WordType type = WordType::invalid;
  std::string_view word;
  std::string_view remaining;
};

/// xstrings' nextWord.
Word next_word(std::string_view str)
{
  Word w;
  if (str.empty()) {
    return w;
  }
  std::size_t offset = 0;
  std::string_view remaining = str;
  auto [r, size] = next_valid_rune(remaining, go::k_rune_error);
  offset += size;
  if (r == go::k_rune_error) {
    w.type = WordType::invalid;
    w.word = str.substr(0, offset);
    w.remaining = str.substr(offset);
    return w;
  }
  auto advance_while = [&](auto pred) {
    while (!remaining.empty()) {
      auto [r2, size2] = next_valid_rune(remaining, r);
      r = r2;
      size = size2;
      if (!pred(r)) {
        break;
      }
      offset += size;
      remaining.remove_prefix(size);
    }
  };
  if (is_connector(r)) {
    w.type = WordType::connector;
    remaining.remove_prefix(size);
    advance_while([](char32_t c) { return is_connector(c); });
  } else if (unicode::is_punct(r)) {
    w.type = WordType::punct;
    remaining.remove_prefix(size);
    advance_while([](char32_t c) { return unicode::is_punct(c); });
  } else if (unicode::is_upper(r)) {
    w.type = WordType::upper_case;
    remaining.remove_prefix(size);
    if (!remaining.empty()) {
      auto [r2, size2] = next_valid_rune(remaining, r);
      r = r2;
      size = size2;
      if (unicode::is_upper(r)) {
        std::size_t prev_size = size;
        offset += size;
        remaining.remove_prefix(size);
        while (!remaining.empty()) {
          auto [r3, size3] = next_valid_rune(remaining, r);
          r = r3;
          size = size3;
          if (!unicode::is_upper(r)) {
            break;
          }
          prev_size = size;
          offset += size;
          remaining.remove_prefix(size);
        }
        // The last upper case letter starts the next word ("HTTPServer").
        if (!remaining.empty() && is_alphabet(r)) {
          offset -= prev_size;
          remaining = str.substr(offset);
        }
      } else if (is_alphabet(r)) {
        offset += size;
        remaining.remove_prefix(size);
        advance_while([](char32_t c) { return is_alphabet(c) && !unicode::is_upper(c); });
      }
    }
  } else if (is_alphabet(r)) {
    w.type = WordType::alphabet;
    remaining.remove_prefix(size);
    advance_while([](char32_t c) { return is_alphabet(c) && !unicode::is_upper(c); });
  } else if (unicode::is_number(r)) {
    w.type = WordType::number;
    remaining.remove_prefix(size);
    advance_while([](char32_t c) { return unicode::is_number(c); });
  } else {
    w.type = WordType::other;
    remaining.remove_prefix(size);
    while (!remaining.empty()) {
      auto [r2, size2] = next_valid_rune(remaining, r);
      r = r2;
      size = size2;
      if (size == 0 || is_connector(r) || is_alphabet(r) || unicode::is_number(r) || unicode::is_punct(r)) {
        break;
      }
      offset += size;
      remaining.remove_prefix(size);
    }
  }
  w.word = str.substr(0, offset);
  w.remaining = remaining;
  return w;
}

/// xstrings' toLower for one word.
void word_to_lower(std::string& buf, WordType wt, std::string_view str, char32_t connector)
{
  if (wt != WordType::upper_case && wt != WordType::connector) {
    buf.append(str);
    return;
  }
  for_each_rune(str, [&](char32_t r) {
    if (is_connector(r)) {
      go::append_rune(buf, connector);
    } else if (unicode::is_upper(r)) {
      go::append_rune(buf, unicode::to_lower(r));
    } else {
      go::append_rune(buf, r);
    }
  });
}

/// xstrings' camelCaseToLowerCase (ToSnakeCase, ToKebabCase).
std::string camel_case_to_lower_case(std::string_view str, char32_t connector)
{
  if (str.empty()) {
    return "";
  }
  std::string buf;
  Word w = next_word(str);
  while (!w.remaining.empty()) {
    if (w.type != WordType::connector) {
      word_to_lower(buf, w.type, w.word, connector);
    }
    WordType prev = w.type;
    std::string_view last = w.word;
    w = next_word(w.remaining);
    switch (prev) {
    case WordType::number:
      while (w.type == WordType::alphabet || w.type == WordType::number) {
        word_to_lower(buf, w.type, w.word, connector);
        w = next_word(w.remaining);
      }
      if (w.type != WordType::invalid && w.type != WordType::punct && w.type != WordType::connector) {
        go::append_rune(buf, connector);
      }
      break;
    case WordType::connector: word_to_lower(buf, prev, last, connector); break;
    case WordType::punct: break;
    default: {
      if (w.type != WordType::number) {
        if (w.type != WordType::connector && w.type != WordType::punct) {
          go::append_rune(buf, connector);
        }
        break;
      }
      if (w.remaining.empty()) {
        break;
      }
      std::string_view last_num = w.word;
      w = next_word(w.remaining);
      if (w.type != WordType::alphabet) {
        word_to_lower(buf, WordType::number, last_num, connector);
        if (w.type != WordType::connector && w.type != WordType::punct) {
          go::append_rune(buf, connector);
        }
        break;
      }
      go::append_rune(buf, connector);
      word_to_lower(buf, WordType::number, last_num, connector);
      while (w.type == WordType::alphabet || w.type == WordType::number) {
        word_to_lower(buf, w.type, w.word, connector);
        w = next_word(w.remaining);
      }
      if (w.type != WordType::invalid && w.type != WordType::connector && w.type != WordType::punct) {
        go::append_rune(buf, connector);
      }
      break;
    }
    }
  }
  word_to_lower(buf, w.type, w.word, connector);
  return buf;
}

} // namespace

void add_text_functions(FunctionTable& t)
{
  def(t, "abbrev", {{P::int_, P::string}}, [](CallContext&, Args a) {
    std::int64_t width = arg_int(a[0]);
    if (width < 4) {
      return a[1];
    }
    return Value(abbreviate_full(arg_string(a[1]), 0, width));
  });
  def(t, "abbrevboth", {{P::int_, P::int_, P::string}}, [](CallContext&, Args a) {
    std::int64_t left = arg_int(a[0]);
    std::int64_t right = arg_int(a[1]);
    if (right < 4 || (left > 0 && right < 7)) {
      return a[2];
    }
    return Value(abbreviate_full(arg_string(a[2]), left, right));
  });
  def(t, "initials", {{P::string}}, [](CallContext&, Args a) { return Value(initials(arg_string(a[0]))); });
  def(t, "swapcase", {{P::string}}, [](CallContext&, Args a) { return Value(swap_case(arg_string(a[0]))); });
  def(t, "snakecase", {{P::string}},
      [](CallContext&, Args a) { return Value(camel_case_to_lower_case(arg_string(a[0]), '_')); });
  def(t, "kebabcase", {{P::string}},
      [](CallContext&, Args a) { return Value(camel_case_to_lower_case(arg_string(a[0]), '-')); });
  def(t, "camelcase", {{P::string}}, [](CallContext&, Args a) { return Value(to_camel_case(arg_string(a[0]))); });
  def(t, "wrap", {{P::int_, P::string}},
      [](CallContext&, Args a) { return Value(wrap_custom(arg_string(a[1]), arg_int(a[0]), "", false)); });
  def(t, "wrapWith", {{P::int_, P::string, P::string}}, [](CallContext&, Args a) {
    return Value(wrap_custom(arg_string(a[2]), arg_int(a[0]), arg_string(a[1]), true));
  });
}

} // namespace pave::tmpl::sprig
