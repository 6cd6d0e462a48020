#pragma once
/// The YAML tokenizer of gopkg.in/yaml.v2 (a Go port of libyaml's scanner),
/// ported to C++ so that what Helm accepts, rejects and reports is identical:
/// same tokens, same simple-key rules, same error texts and marks.
///
/// It works on a padded copy of the input (YamlText) and hands out tokens
/// whose strings are views into that copy or into its arena.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pave::codec {

namespace yaml_tables {
/// Character classes for the scanner's fast paths over ASCII runs.
struct Tables
{
  bool plain_block[256]{}; ///< continues a plain scalar in block context without a lookahead
  bool plain_flow[256]{};  ///< same in flow context
  bool single_q[256]{};    ///< ordinary characters of a single-quoted scalar
  bool double_q[256]{};    ///< ordinary characters of a double-quoted scalar
  bool line[256]{};        ///< anything up to a line break (comments, block scalar lines)
  bool space[256]{};       ///< ' '
  constexpr Tables()
  {
    for (int c = 0x21; c < 0x7F; ++c) {
      plain_block[c] = c != ':';
      plain_flow[c] = c != ':' && c != ',' && c != '?' && c != '[' && c != ']' && c != '{' && c != '}';
      single_q[c] = c != '\'';
      double_q[c] = c != '"' && c != '\\';
    }
    for (int c = 0x20; c < 0x7F; ++c) {
      line[c] = true;
    }
    line['\t'] = true;
    space[' '] = true;
  }
};
inline constexpr Tables k_tables{};
} // namespace yaml_tables

/// A position: index in characters, zero-based line and column.
struct YamlMark
{
  std::size_t index = 0;
  int line = 0;
  int column = 0;
};

enum class YamlTokenType : std::uint8_t {
  none,
  stream_start,
  stream_end,
  version_directive,
  tag_directive,
  document_start,
  document_end,
  block_sequence_start,
  block_mapping_start,
  block_end,
  flow_sequence_start,
  flow_sequence_end,
  flow_mapping_start,
  flow_mapping_end,
  block_entry,
  flow_entry,
  key,
  value,
  alias,
  anchor,
  tag,
  scalar,
};

enum class YamlScalarStyle : std::uint8_t { any, plain, single_quoted, double_quoted, literal, folded };

struct YamlToken
{
  YamlTokenType type = YamlTokenType::none;
  YamlScalarStyle style = YamlScalarStyle::any;
  std::int8_t major = 0; ///< %YAML directive
  std::int8_t minor = 0;
  YamlMark start;
  YamlMark end;
  std::string_view value;  ///< scalar text, anchor/alias name, tag handle, %TAG handle
  std::string_view suffix; ///< tag suffix, %TAG prefix
};

/// A libyaml error: what yaml.v2's parser.fail() turns into "yaml: line N: problem".
struct YamlProblem
{
  enum class Kind : std::uint8_t { none, reader, scanner, parser };
  Kind kind = Kind::none;
  std::string problem;
  YamlMark problem_mark;
  std::string context;
  YamlMark context_mark;
};

/// yaml.v2's (*parser).fail() text: "yaml: line N: PROBLEM" (the line is
/// problem_mark.line, +1 for scanner errors, or context_mark.line; omitted when 0).
std::string yaml_problem_message(const YamlProblem& p);

/// The input of one parse: a NUL-padded copy of the text plus an arena for
/// scalar values that are not verbatim slices of it. Views into either stay
/// valid for the lifetime of the YamlText.
class YamlText
{
public:
  explicit YamlText(std::string_view input);
  const char* data() const noexcept { return m_buf.data(); }
  std::size_t size() const noexcept { return m_size; }
  /// Stores s and returns a stable view of it.
  std::string_view keep(std::string s);

private:
  std::string m_buf;
  std::size_t m_size = 0;
  std::deque<std::string> m_arena;
};

class YamlScanner
{
public:
  explicit YamlScanner(YamlText& text);

  /// peek_token: the next token, or nullptr after an error (see problem()).
  const YamlToken* peek();
  /// skip_token: consumes the token returned by peek().
  void skip();

  const YamlProblem& problem() const noexcept { return m_problem; }
  /// Sets a parser error (used by the event parser).
  void set_parser_error(std::string problem, YamlMark problem_mark);
  void set_parser_error(std::string context, YamlMark context_mark, std::string problem, YamlMark problem_mark);

private:
  struct SimpleKey
  {
    bool possible = false;
    bool required = false;
    std::size_t token_number = 0;
    YamlMark mark;
  };

  // Reader emulation.
  void init_reader();
  bool cache(std::size_t n);
  bool reader_fails(std::size_t n);
  unsigned char at(std::size_t i) const noexcept { return static_cast<unsigned char>(m_b[i]); }
  unsigned char cur() const noexcept { return at(m_pos); }
  void skip_char()
  {
    ++m_mark.index;
    ++m_mark.column;
    const unsigned char c = cur();
    m_pos += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  /// Skips a run of ASCII characters for which `table` is true (no line
  /// breaks), staying clear of the reader's limit; returns how many.
  std::size_t skip_ascii_run(const bool* table)
  {
    const std::size_t limit = m_reader_limit > 8 ? m_reader_limit - 8 : 0;
    std::size_t p = m_pos;
    while (p < limit && table[static_cast<unsigned char>(m_b[p])]) {
      ++p;
    }
    const std::size_t n = p - m_pos;
    m_pos = p;
    m_mark.index += n;
    m_mark.column += static_cast<int>(n);
    return n;
  }
  void skip_line();
  void read_char(std::string& s);
  void read_line(std::string& s);

  // Character classes at byte offset i.
  bool is_alpha(std::size_t i) const noexcept;
  bool is_digit(std::size_t i) const noexcept { return at(i) >= '0' && at(i) <= '9'; }
  bool is_hex(std::size_t i) const noexcept;
  int as_hex(std::size_t i) const noexcept;
  bool is_blank(std::size_t i) const noexcept { return at(i) == ' ' || at(i) == '\t'; }
  bool is_break(std::size_t i) const noexcept
  {
    const unsigned char c = at(i);
    if (c < 0x80) {
      return c == '\r' || c == '\n';
    }
    return (c == 0xC2 && at(i + 1) == 0x85) || (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9));
  }
  bool is_breakz(std::size_t i) const noexcept { return is_break(i) || at(i) == 0; }
  bool is_blankz(std::size_t i) const noexcept { return is_blank(i) || is_breakz(i); }
  bool is_z(std::size_t i) const noexcept { return at(i) == 0; }

  bool set_scanner_error(const char* context, YamlMark context_mark, const char* problem);
  void insert_token(std::ptrdiff_t pos, const YamlToken& token);
  void append_token(const YamlToken& token) { insert_token(-1, token); }

  bool fetch_more_tokens();
  bool fetch_next_token();
  bool simple_key_is_valid(SimpleKey& key, bool& valid);
  bool save_simple_key();
  bool remove_simple_key();
  bool increase_flow_level();
  void decrease_flow_level();
  bool roll_indent(int column, std::ptrdiff_t number, YamlTokenType type, YamlMark mark);
  void unroll_indent(int column);
  void key_map_erase(std::size_t token_number);
  int key_map_find(std::size_t token_number);

  bool fetch_stream_start();
  bool fetch_stream_end();
  bool fetch_directive();
  bool fetch_document_indicator(YamlTokenType type);
  bool fetch_flow_collection_start(YamlTokenType type);
  bool fetch_flow_collection_end(YamlTokenType type);
  bool fetch_flow_entry();
  bool fetch_block_entry();
  bool fetch_key();
  bool fetch_value();
  bool fetch_anchor(YamlTokenType type);
  bool fetch_tag();
  bool fetch_block_scalar(bool literal);
  bool fetch_flow_scalar(bool single);
  bool fetch_plain_scalar();
  bool scan_to_next_token();

  // yaml_scanner_scan.cpp
  bool scan_directive(YamlToken& token);
  bool scan_directive_name(YamlMark start_mark, std::string& name);
  bool scan_version_directive_value(YamlMark start_mark, std::int8_t& major, std::int8_t& minor);
  bool scan_version_directive_number(YamlMark start_mark, std::int8_t& number);
  bool scan_tag_directive_value(YamlMark start_mark, std::string& handle, std::string& prefix);
  bool scan_anchor(YamlToken& token, YamlTokenType type);
  bool scan_tag(YamlToken& token);
  bool scan_tag_handle(bool directive, YamlMark start_mark, std::string& handle);
  bool scan_tag_uri(bool directive, std::string_view head, YamlMark start_mark, std::string& uri);
  bool scan_uri_escapes(bool directive, YamlMark start_mark, std::string& s);
  bool scan_block_scalar(YamlToken& token, bool literal);
  bool scan_block_scalar_breaks(int& indent, std::string& breaks, YamlMark start_mark, YamlMark& end_mark);
  bool scan_flow_scalar(YamlToken& token, bool single);
  bool scan_plain_scalar(YamlToken& token);
  bool set_tag_error(bool directive, YamlMark context_mark, const char* problem);

  YamlText& m_text;
  const char* m_b;          ///< padded input
  std::size_t m_pos = 0;    ///< byte offset of the current character
  YamlMark m_mark;
  std::size_t m_reader_limit; ///< reading at or past this offset raises m_reader_problem
  std::string m_reader_problem;
  YamlProblem m_problem;

  bool m_stream_start_produced = false;
  bool m_stream_end_produced = false;
  bool m_token_available = false;
  std::vector<YamlToken> m_tokens;
  std::size_t m_tokens_head = 0;
  std::size_t m_tokens_parsed = 0;

  int m_indent = -1;
  std::vector<int> m_indents;
  bool m_simple_key_allowed = false;
  std::vector<SimpleKey> m_simple_keys;
  std::vector<std::pair<std::size_t, int>> m_simple_keys_by_tok; ///< yaml.v2's map[int]int
  int m_flow_level = 0;

  // Scratch buffers reused across scalars.
  std::string m_s, m_leading_break, m_trailing_breaks, m_whitespaces;
};

} // namespace pave::codec
