#include <pave/template/lexer.hpp>

#include <algorithm>

#include <pave/template/lex_unicode.hpp>
#include <pave/template/unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

constexpr std::string_view k_left_delim = "{{";
constexpr std::string_view k_right_delim = "}}";
constexpr std::string_view k_left_comment = "/*";
constexpr std::string_view k_right_comment = "*/";
constexpr std::size_t k_trim_marker_len = 2; // marker plus space before or after
constexpr std::string_view k_space_chars = " \t\r\n";

bool is_space(char32_t r)
{
  return r == ' ' || r == '\t' || r == '\r' || r == '\n';
}

bool is_alpha_numeric(char32_t r)
{
  if (r < 0x80) {
    return r == '_' || ((r | 0x20) - 'a') < 26 || (r - '0') < 10;
  }
  return unicode::is_letter(r) || unicode::is_digit(r);
}

bool has_left_trim_marker(std::string_view s)
{
  return s.size() >= 2 && s[0] == '-' && is_space(static_cast<unsigned char>(s[1]));
}

bool has_right_trim_marker(std::string_view s)
{
  return s.size() >= 2 && is_space(static_cast<unsigned char>(s[0])) && s[1] == '-';
}

std::size_t right_trim_length(std::string_view s)
{
  const auto last = s.find_last_not_of(k_space_chars);
  return last == std::string_view::npos ? s.size() : s.size() - last - 1;
}

std::size_t left_trim_length(std::string_view s)
{
  const auto first = s.find_first_not_of(k_space_chars);
  return first == std::string_view::npos ? s.size() : first;
}

int count_newlines(std::string_view s)
{
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

ItemType keyword(std::string_view word)
{
  if (word == ".") return ItemType::dot;
  if (word == "block") return ItemType::block;
  if (word == "break") return ItemType::break_;
  if (word == "continue") return ItemType::continue_;
  if (word == "define") return ItemType::define;
  if (word == "else") return ItemType::else_;
  if (word == "end") return ItemType::end;
  if (word == "if") return ItemType::if_;
  if (word == "range") return ItemType::range;
  if (word == "nil") return ItemType::nil;
  if (word == "template") return ItemType::template_;
  if (word == "with") return ItemType::with;
  return ItemType::error;
}

bool contains_rune(std::string_view valid, char32_t r)
{
  return r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos;
}

} // namespace

std::string item_string(const Item& item)
{
  if (item.type == ItemType::eof) {
    return "EOF";
  }
  if (item.type == ItemType::error) {
    return std::string(item.val);
  }
  if (item.type > ItemType::keyword) {
    std::string s(1, '<'); // appended, not "<" + ... + ">" (GCC 12's false -Wrestrict)
    s.append(item.val);
    s += '>';
    return s;
  }
  if (item.val.size() > 10) {
    return lex::quote(item.val, 10) + "...";
  }
  return lex::quote(item.val);
}

Lexer::Lexer(std::string_view input, bool emit_comment, bool break_ok, bool continue_ok)
    : m_input(input), m_emit_comment(emit_comment), m_break_ok(break_ok), m_continue_ok(continue_ok)
{
}

Item Lexer::next_item()
{
  while (m_head == m_count) {
    m_count = 0;
    m_head = 0;
    if (m_state == State::done) {
      return Item{}; // a closed channel yields the zero item
    }
    m_state = step(m_state);
  }
  return m_items[m_head++];
}

Lexer::State Lexer::step(State s)
{
  switch (s) {
  case State::text: return lex_text();
  case State::left_delim: return lex_left_delim();
  case State::comment: return lex_comment();
  case State::right_delim: return lex_right_delim();
  case State::inside_action: return lex_inside_action();
  case State::space: return lex_space();
  case State::identifier: return lex_identifier();
  case State::field: return lex_field_or_variable(ItemType::field);
  case State::variable: return lex_variable();
  case State::char_: return lex_char();
  case State::number: return lex_number();
  case State::quote: return lex_quote();
  case State::raw_quote: return lex_raw_quote();
  case State::done: break;
  }
  return State::done;
}

char32_t Lexer::next()
{
  if (m_pos >= m_input.size()) {
    m_at_eof = true;
    return k_eof;
  }
  const auto c = static_cast<unsigned char>(m_input[m_pos]);
  if (c < 0x80) {
    ++m_pos;
    m_line += c == '\n';
    return c;
  }
  const auto d = go::decode_rune(m_input.substr(m_pos));
  m_pos += static_cast<std::size_t>(d.width);
  return d.rune;
}

char32_t Lexer::peek()
{
  if (m_pos < m_input.size() && static_cast<unsigned char>(m_input[m_pos]) < 0x80) {
    return static_cast<unsigned char>(m_input[m_pos]);
  }
  const char32_t r = next();
  backup();
  return r;
}

void Lexer::backup()
{
  if (!m_at_eof && m_pos > 0) {
    if (const auto c = static_cast<unsigned char>(m_input[m_pos - 1]); c < 0x80) {
      --m_pos;
      m_line -= c == '\n';
      return;
    }
    const auto d = go::decode_last_rune(m_input.substr(0, m_pos));
    m_pos -= static_cast<std::size_t>(d.width);
    if (d.rune == '\n') {
      --m_line;
    }
  }
}

void Lexer::emit(ItemType t)
{
  m_items[m_count++] = Item{t, m_start, m_input.substr(m_start, m_pos - m_start), m_start_line};
  m_start = m_pos;
  m_start_line = m_line;
}

void Lexer::ignore()
{
  m_line += count_newlines(m_input.substr(m_start, m_pos - m_start));
  m_start = m_pos;
  m_start_line = m_line;
}

bool Lexer::accept(std::string_view valid)
{
  if (contains_rune(valid, next())) {
    return true;
  }
  backup();
  return false;
}

void Lexer::accept_run(std::string_view valid)
{
  while (contains_rune(valid, next())) {
  }
  backup();
}

void Lexer::skip_ascii_alpha_numeric()
{
  while (m_pos < m_input.size()) {
    const auto c = static_cast<unsigned char>(m_input[m_pos]);
    if (c >= 0x80 || !is_alpha_numeric(c)) {
      return;
    }
    ++m_pos;
  }
}

Lexer::State Lexer::errorf(std::string message)
{
  m_error = std::move(message);
  m_items[m_count++] = Item{ItemType::error, m_start, m_error, m_start_line};
  return State::done;
}

Lexer::State Lexer::lex_text()
{
  const auto x = m_input.find(k_left_delim, m_pos);
  if (x != std::string_view::npos) {
    const std::size_t ldn = k_left_delim.size();
    m_pos = x;
    std::size_t trim_length = 0;
    if (has_left_trim_marker(m_input.substr(m_pos + ldn))) {
      trim_length = right_trim_length(m_input.substr(m_start, m_pos - m_start));
    }
    m_pos -= trim_length;
    if (m_pos > m_start) {
      m_line += count_newlines(m_input.substr(m_start, m_pos - m_start));
      emit(ItemType::text);
    }
    m_pos += trim_length;
    ignore();
    return State::left_delim;
  }
  m_pos = m_input.size();
  if (m_pos > m_start) {
    m_line += count_newlines(m_input.substr(m_start, m_pos - m_start));
    emit(ItemType::text);
  }
  emit(ItemType::eof);
  return State::done;
}

std::pair<bool, bool> Lexer::at_right_delim() const
{
  const std::string_view rest = m_input.substr(m_pos);
  if (has_right_trim_marker(rest) && rest.substr(k_trim_marker_len).starts_with(k_right_delim)) {
    return {true, true};
  }
  if (rest.starts_with(k_right_delim)) {
    return {true, false};
  }
  return {false, false};
}

Lexer::State Lexer::lex_left_delim()
{
  m_pos += k_left_delim.size();
  const bool trim_space = has_left_trim_marker(m_input.substr(m_pos));
  const std::size_t after_marker = trim_space ? k_trim_marker_len : 0;
  if (m_input.substr(m_pos + after_marker).starts_with(k_left_comment)) {
    m_pos += after_marker;
    ignore();
    return State::comment;
  }
  emit(ItemType::left_delim);
  m_pos += after_marker;
  ignore();
  m_paren_depth = 0;
  return State::inside_action;
}

Lexer::State Lexer::lex_comment()
{
  m_pos += k_left_comment.size();
  const auto i = m_input.find(k_right_comment, m_pos);
  if (i == std::string_view::npos) {
    return errorf("unclosed comment");
  }
  m_pos = i + k_right_comment.size();
  const auto [delim, trim_space] = at_right_delim();
  if (!delim) {
    return errorf("comment ends before closing delimiter");
  }
  if (m_emit_comment) {
    emit(ItemType::comment);
  }
  if (trim_space) {
    m_pos += k_trim_marker_len;
  }
  m_pos += k_right_delim.size();
  if (trim_space) {
    m_pos += left_trim_length(m_input.substr(m_pos));
  }
  ignore();
  return State::text;
}

Lexer::State Lexer::lex_right_delim()
{
  const bool trim_space = has_right_trim_marker(m_input.substr(m_pos));
  if (trim_space) {
    m_pos += k_trim_marker_len;
    ignore();
  }
  m_pos += k_right_delim.size();
  emit(ItemType::right_delim);
  if (trim_space) {
    m_pos += left_trim_length(m_input.substr(m_pos));
    ignore();
  }
  return State::text;
}

Lexer::State Lexer::lex_inside_action()
{
  const auto [delim, trim] = at_right_delim();
  (void)trim;
  if (delim) {
    if (m_paren_depth == 0) {
      return State::right_delim;
    }
    return errorf("unclosed left paren");
  }
  const char32_t r = next();
  if (r == k_eof) {
    return errorf("unclosed action");
  }
  if (is_space(r)) {
    backup(); // Put space back in case we have " -}}".
    return State::space;
  }
  switch (r) {
  case '=': emit(ItemType::assign); return State::inside_action;
  case ':':
    if (next() != '=') {
      return errorf("expected :=");
    }
    emit(ItemType::declare);
    return State::inside_action;
  case '|': emit(ItemType::pipe); return State::inside_action;
  case '"': return State::quote;
  case '`': return State::raw_quote;
  case '$': return State::variable;
  case '\'': return State::char_;
  case '.':
    // Special look-ahead for ".field" so we don't break backup().
    if (m_pos < m_input.size()) {
      const char c = m_input[m_pos];
      if (c < '0' || '9' < c) {
        return State::field;
      }
    }
    backup(); // '.' can start a number.
    return State::number;
  case '(':
    emit(ItemType::left_paren);
    ++m_paren_depth;
    return State::inside_action;
  case ')':
    emit(ItemType::right_paren);
    --m_paren_depth;
    if (m_paren_depth < 0) {
      return errorf("unexpected right paren " + lex::unicode_rune(r));
    }
    return State::inside_action;
  default: break;
  }
  if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
    backup();
    return State::number;
  }
  if (is_alpha_numeric(r)) {
    backup();
    return State::identifier;
  }
  if (r < 0x80 && go::is_print(r)) {
    emit(ItemType::char_);
    return State::inside_action;
  }
  return errorf("unrecognized character in action: " + lex::unicode_rune(r));
}

Lexer::State Lexer::lex_space()
{
  int num_spaces = 0;
  while (m_pos < m_input.size() && is_space(static_cast<unsigned char>(m_input[m_pos]))) {
    m_line += m_input[m_pos] == '\n';
    ++m_pos;
    ++num_spaces;
  }
  // Be careful about a trim-marked closing delimiter, which has a minus
  // after a space. We know there is a space, so check for the '-' that might follow.
  const std::string_view rest = m_input.substr(m_pos - 1);
  if (has_right_trim_marker(rest) && rest.substr(k_trim_marker_len).starts_with(k_right_delim)) {
    backup(); // Before the space.
    if (num_spaces == 1) {
      return State::right_delim; // On the delim, so go right to that.
    }
  }
  emit(ItemType::space);
  return State::inside_action;
}

Lexer::State Lexer::lex_identifier()
{
  skip_ascii_alpha_numeric();
  for (;;) {
    const char32_t r = next();
    if (is_alpha_numeric(r)) {
      continue;
    }
    backup();
    const std::string_view word = m_input.substr(m_start, m_pos - m_start);
    if (!at_terminator()) {
      return errorf("bad character " + lex::unicode_rune(r));
    }
    const ItemType key = keyword(word);
    if (key > ItemType::keyword) {
      if ((key == ItemType::break_ && !m_break_ok) || (key == ItemType::continue_ && !m_continue_ok)) {
        emit(ItemType::identifier);
      } else {
        emit(key);
      }
    } else if (word[0] == '.') {
      emit(ItemType::field);
    } else if (word == "true" || word == "false") {
      emit(ItemType::boolean);
    } else {
      emit(ItemType::identifier);
    }
    return State::inside_action;
  }
}

Lexer::State Lexer::lex_variable()
{
  if (at_terminator()) { // Nothing interesting follows -> "$".
    emit(ItemType::variable);
    return State::inside_action;
  }
  return lex_field_or_variable(ItemType::variable);
}

Lexer::State Lexer::lex_field_or_variable(ItemType typ)
{
  if (at_terminator()) { // Nothing interesting follows -> "." or "$".
    emit(typ == ItemType::variable ? ItemType::variable : ItemType::dot);
    return State::inside_action;
  }
  char32_t r = 0;
  skip_ascii_alpha_numeric();
  for (;;) {
    r = next();
    if (!is_alpha_numeric(r)) {
      backup();
      break;
    }
  }
  if (!at_terminator()) {
    return errorf("bad character " + lex::unicode_rune(r));
  }
  emit(typ);
  return State::inside_action;
}

bool Lexer::at_terminator()
{
  const char32_t r = peek();
  if (is_space(r)) {
    return true;
  }
  switch (r) {
  case k_eof:
  case '.':
  case ',':
  case '|':
  case ':':
  case ')':
  case '(': return true;
  default: break;
  }
  return m_input.substr(m_pos).starts_with(k_right_delim);
}

Lexer::State Lexer::lex_char()
{
  for (;;) {
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != k_eof && r != '\n') {
        continue;
      }
      return errorf("unterminated character constant");
    }
    if (r == k_eof || r == '\n') {
      return errorf("unterminated character constant");
    }
    if (r == '\'') {
      break;
    }
  }
  emit(ItemType::char_constant);
  return State::inside_action;
}

Lexer::State Lexer::lex_number()
{
  if (!scan_number()) {
    return errorf("bad number syntax: " + lex::quote(m_input.substr(m_start, m_pos - m_start)));
  }
  const char32_t sign = peek();
  if (sign == '+' || sign == '-') {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!scan_number() || m_input[m_pos - 1] != 'i') {
      return errorf("bad number syntax: " + lex::quote(m_input.substr(m_start, m_pos - m_start)));
    }
    emit(ItemType::complex);
  } else {
    emit(ItemType::number);
  }
  return State::inside_action;
}

bool Lexer::scan_number()
{
  accept("+-");
  std::string_view digits = "0123456789_";
  if (accept("0")) {
    // Note: Leading 0 does not mean octal in floats.
    if (accept("xX")) {
      digits = "0123456789abcdefABCDEF_";
    } else if (accept("oO")) {
      digits = "01234567_";
    } else if (accept("bB")) {
      digits = "01_";
    }
  }
  accept_run(digits);
  if (accept(".")) {
    accept_run(digits);
  }
  if (digits.size() == 10 + 1 && accept("eE")) {
    accept("+-");
    accept_run("0123456789_");
  }
  if (digits.size() == 16 + 6 + 1 && accept("pP")) {
    accept("+-");
    accept_run("0123456789_");
  }
  // Is it imaginary?
  accept("i");
  // Next thing mustn't be alphanumeric.
  if (is_alpha_numeric(peek())) {
    next();
    return false;
  }
  return true;
}

Lexer::State Lexer::lex_quote()
{
  for (;;) {
    // Bytes other than these three (UTF-8 continuation bytes included) only
    // move the position: the rune-by-rune loop below sees the same runes.
    while (m_pos < m_input.size()) {
      const char c = m_input[m_pos];
      if (c == '\\' || c == '"' || c == '\n') {
        break;
      }
      ++m_pos;
    }
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != k_eof && r != '\n') {
        continue;
      }
      return errorf("unterminated quoted string");
    }
    if (r == k_eof || r == '\n') {
      return errorf("unterminated quoted string");
    }
    if (r == '"') {
      break;
    }
  }
  emit(ItemType::string);
  return State::inside_action;
}

Lexer::State Lexer::lex_raw_quote()
{
  for (;;) {
    const char32_t r = next();
    if (r == k_eof) {
      return errorf("unterminated raw quoted string");
    }
    if (r == '`') {
      break;
    }
  }
  emit(ItemType::raw_string);
  return State::inside_action;
}

} // namespace pave::tmpl
