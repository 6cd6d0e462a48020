#pragma once
/// Go text/template's lexer (text/template/parse/lex.go), pull-driven: the
/// parser asks for one item at a time. Positions are byte offsets into the
/// input, lines are 1-based, and error items carry Go's exact messages.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pave::tmpl {

enum class ItemType : std::uint8_t {
  error,         ///< error occurred; val is the text of the error
  boolean,       ///< boolean constant
  char_,         ///< printable ASCII character; grab bag for comma etc.
  char_constant, ///< character constant
  comment,       ///< comment text
  complex,       ///< complex constant (1+2i)
  assign,        ///< '='
  declare,       ///< ':='
  eof,
  field,         ///< alphanumeric identifier starting with '.'
  identifier,    ///< alphanumeric identifier not starting with '.'
  left_delim,
  left_paren,
  number,
  pipe,
  raw_string,    ///< raw quoted string (includes quotes)
  right_delim,
  right_paren,
  space,         ///< run of spaces separating arguments
  string,        ///< quoted string (includes quotes)
  text,          ///< plain text
  variable,      ///< '$', '$x'
  // Keywords appear after all the rest.
  keyword,
  block,
  break_,
  continue_,
  dot,
  define,
  else_,
  end,
  if_,
  nil,
  range,
  template_,
  with,
};

/// A token: its type, byte position in the input, text and starting line.
struct Item
{
  ItemType type = ItemType::error;
  std::size_t pos = 0;
  std::string_view val;
  int line = 0;
};

/// Go's item.String(): EOF, the error text, <keyword>, or the quoted value
/// (values longer than 10 bytes are cut to 10 runes and followed by "...").
std::string item_string(const Item& item);

class Lexer
{
public:
  /// `input` must outlive the lexer. break_ok/continue_ok are false when a
  /// function of that name exists (then the word lexes as an identifier).
  Lexer(std::string_view input, bool emit_comment, bool break_ok, bool continue_ok);

  /// The next item; after EOF or an error, Go's zero item (an empty error).
  Item next_item();

private:
  enum class State : std::uint8_t {
    text, left_delim, comment, right_delim, inside_action, space, identifier,
    field, variable, char_, number, quote, raw_quote, done,
  };

  static constexpr char32_t k_eof = 0xFFFFFFFF;

  char32_t next();
  char32_t peek();
  void backup();
  void emit(ItemType t);
  void ignore();
  bool accept(std::string_view valid);
  void accept_run(std::string_view valid);
  /// Moves past ASCII letters, digits and '_' (never a newline).
  void skip_ascii_alpha_numeric();
  State errorf(std::string message);
  bool at_terminator();
  std::pair<bool, bool> at_right_delim() const;
  bool scan_number();

  State lex_text();
  State lex_left_delim();
  State lex_comment();
  State lex_right_delim();
  State lex_inside_action();
  State lex_space();
  State lex_identifier();
  State lex_field_or_variable(ItemType typ);
  State lex_variable();
  State lex_char();
  State lex_number();
  State lex_quote();
  State lex_raw_quote();
  State step(State s);

  std::string_view m_input;
  bool m_emit_comment;
  bool m_break_ok;
  bool m_continue_ok;
  std::size_t m_pos = 0;
  std::size_t m_start = 0;
  bool m_at_eof = false;
  int m_paren_depth = 0;
  int m_line = 1;
  int m_start_line = 1;
  State m_state = State::text;
  /// Emitted, not yet returned: a step emits at most two items (text then
  /// EOF), so a fixed buffer serves instead of a vector.
  std::array<Item, 4> m_items{};
  std::uint8_t m_count = 0;
  std::uint8_t m_head = 0;
  std::string m_error; ///< text of the error item
};

} // namespace pave::tmpl
