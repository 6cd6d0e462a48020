// The token fetchers of yaml.v2's scannerc.go (libyaml), ported line by line.
// The reader is in yaml_reader.cpp; the scalar scanners in
// yaml_scanner_scalars.cpp; tags, anchors and directives in yaml_scanner_scan.cpp.
#include <pave/codec/yaml_scanner.hpp>

#include <cstring>

#include <fmt/format.h>

namespace pave::codec {

namespace {

constexpr int k_max_flow_level = 10000;
constexpr std::size_t k_max_indents = 10000;

} // namespace

bool YamlScanner::set_scanner_error(const char* context, YamlMark context_mark, const char* problem)
{
  m_problem.kind = YamlProblem::Kind::scanner;
  m_problem.context = context;
  m_problem.context_mark = context_mark;
  m_problem.problem = problem;
  m_problem.problem_mark = m_mark;
  return false;
}

void YamlScanner::set_parser_error(std::string problem, YamlMark problem_mark)
{
  m_problem.kind = YamlProblem::Kind::parser;
  m_problem.problem = std::move(problem);
  m_problem.problem_mark = problem_mark;
}

void YamlScanner::set_parser_error(std::string context, YamlMark context_mark, std::string problem,
                                   YamlMark problem_mark)
{
  m_problem.kind = YamlProblem::Kind::parser;
  m_problem.context = std::move(context);
  m_problem.context_mark = context_mark;
  m_problem.problem = std::move(problem);
  m_problem.problem_mark = problem_mark;
}

void YamlScanner::insert_token(std::ptrdiff_t pos, const YamlToken& token)
{
  if (m_tokens_head > 0 && (m_tokens_head == m_tokens.size() || m_tokens_head >= 256)) {
    m_tokens.erase(m_tokens.begin(), m_tokens.begin() + static_cast<std::ptrdiff_t>(m_tokens_head));
    m_tokens_head = 0;
  }
  if (pos < 0) {
    m_tokens.push_back(token);
  } else {
    m_tokens.insert(m_tokens.begin() + static_cast<std::ptrdiff_t>(m_tokens_head) + pos, token);
  }
}

const YamlToken* YamlScanner::peek()
{
  if (m_problem.kind != YamlProblem::Kind::none) {
    return nullptr;
  }
  if (m_token_available || fetch_more_tokens()) {
    return &m_tokens[m_tokens_head];
  }
  return nullptr;
}

void YamlScanner::skip()
{
  m_token_available = false;
  ++m_tokens_parsed;
  m_stream_end_produced = m_tokens[m_tokens_head].type == YamlTokenType::stream_end;
  ++m_tokens_head;
}

int YamlScanner::key_map_find(std::size_t token_number)
{
  // Entries are added in increasing token order. Those for tokens the parser
  // already consumed can never be looked up again (tokens_parsed only grows).
  std::size_t drop = 0;
  while (drop < m_simple_keys_by_tok.size() && m_simple_keys_by_tok[drop].first < m_tokens_parsed) {
    ++drop;
  }
  if (drop > 0) {
    m_simple_keys_by_tok.erase(m_simple_keys_by_tok.begin(), m_simple_keys_by_tok.begin() + static_cast<std::ptrdiff_t>(drop));
  }
  for (const auto& [tok, idx] : m_simple_keys_by_tok) {
    if (tok == token_number) {
      return idx;
    }
  }
  return -1;
}

void YamlScanner::key_map_erase(std::size_t token_number)
{
  for (auto it = m_simple_keys_by_tok.begin(); it != m_simple_keys_by_tok.end(); ++it) {
    if (it->first == token_number) {
      m_simple_keys_by_tok.erase(it);
      return;
    }
  }
}

bool YamlScanner::fetch_more_tokens()
{
  while (true) {
    if (m_tokens_head != m_tokens.size()) {
      const int idx = key_map_find(m_tokens_parsed);
      if (idx < 0) {
        break;
      }
      bool valid = false;
      if (!simple_key_is_valid(m_simple_keys[static_cast<std::size_t>(idx)], valid)) {
        return false;
      }
      if (!valid) {
        break;
      }
    }
    if (!fetch_next_token()) {
      return false;
    }
  }
  m_token_available = true;
  return true;
}

bool YamlScanner::fetch_next_token()
{
  if (!cache(1)) {
    return false;
  }
  if (!m_stream_start_produced) {
    return fetch_stream_start();
  }
  if (!scan_to_next_token()) {
    return false;
  }
  unroll_indent(m_mark.column);
  if (!cache(4)) {
    return false;
  }
  const std::size_t p = m_pos;
  const unsigned char c = at(p);
  if (c == 0) {
    return fetch_stream_end();
  }
  if (m_mark.column == 0 && c == '%') {
    return fetch_directive();
  }
  if (m_mark.column == 0 && c == '-' && at(p + 1) == '-' && at(p + 2) == '-' && is_blankz(p + 3)) {
    return fetch_document_indicator(YamlTokenType::document_start);
  }
  if (m_mark.column == 0 && c == '.' && at(p + 1) == '.' && at(p + 2) == '.' && is_blankz(p + 3)) {
    return fetch_document_indicator(YamlTokenType::document_end);
  }
  switch (c) {
  case '[': return fetch_flow_collection_start(YamlTokenType::flow_sequence_start);
  case '{': return fetch_flow_collection_start(YamlTokenType::flow_mapping_start);
  case ']': return fetch_flow_collection_end(YamlTokenType::flow_sequence_end);
  case '}': return fetch_flow_collection_end(YamlTokenType::flow_mapping_end);
  case ',': return fetch_flow_entry();
  default: break;
  }
  if (c == '-' && is_blankz(p + 1)) {
    return fetch_block_entry();
  }
  if (c == '?' && (m_flow_level > 0 || is_blankz(p + 1))) {
    return fetch_key();
  }
  if (c == ':' && (m_flow_level > 0 || is_blankz(p + 1))) {
    return fetch_value();
  }
  if (c == '*') {
    return fetch_anchor(YamlTokenType::alias);
  }
  if (c == '&') {
    return fetch_anchor(YamlTokenType::anchor);
  }
  if (c == '!') {
    return fetch_tag();
  }
  if (c == '|' && m_flow_level == 0) {
    return fetch_block_scalar(true);
  }
  if (c == '>' && m_flow_level == 0) {
    return fetch_block_scalar(false);
  }
  if (c == '\'') {
    return fetch_flow_scalar(true);
  }
  if (c == '"') {
    return fetch_flow_scalar(false);
  }
  const bool indicator = is_blankz(p) || std::strchr("-?:,[]{}#&*!|>'\"%@`", c) != nullptr;
  if (!indicator || (c == '-' && !is_blank(p + 1)) ||
      (m_flow_level == 0 && (c == '?' || c == ':') && !is_blankz(p + 1))) {
    return fetch_plain_scalar();
  }
  return set_scanner_error("while scanning for the next token", m_mark, "found character that cannot start any token");
}

bool YamlScanner::simple_key_is_valid(SimpleKey& key, bool& valid)
{
  valid = false;
  if (!key.possible) {
    return true;
  }
  if (key.mark.line < m_mark.line || key.mark.index + 1024 < m_mark.index) {
    if (key.required) {
      return set_scanner_error("while scanning a simple key", key.mark, "could not find expected ':'");
    }
    key.possible = false;
    return true;
  }
  valid = true;
  return true;
}

bool YamlScanner::save_simple_key()
{
  const bool required = m_flow_level == 0 && m_indent == m_mark.column;
  if (m_simple_key_allowed) {
    SimpleKey key;
    key.possible = true;
    key.required = required;
    key.token_number = m_tokens_parsed + (m_tokens.size() - m_tokens_head);
    key.mark = m_mark;
    if (!remove_simple_key()) {
      return false;
    }
    m_simple_keys.back() = key;
    m_simple_keys_by_tok.emplace_back(key.token_number, static_cast<int>(m_simple_keys.size() - 1));
  }
  return true;
}

bool YamlScanner::remove_simple_key()
{
  SimpleKey& key = m_simple_keys.back();
  if (key.possible) {
    if (key.required) {
      return set_scanner_error("while scanning a simple key", key.mark, "could not find expected ':'");
    }
    key.possible = false;
    key_map_erase(key.token_number);
  }
  return true;
}

bool YamlScanner::increase_flow_level()
{
  SimpleKey key;
  key.token_number = m_tokens_parsed + (m_tokens.size() - m_tokens_head);
  key.mark = m_mark;
  m_simple_keys.push_back(key);
  ++m_flow_level;
  if (m_flow_level > k_max_flow_level) {
    const std::string problem = fmt::format("exceeded max depth of {}", k_max_flow_level);
    return set_scanner_error("while increasing flow level", m_simple_keys.back().mark, problem.c_str());
  }
  return true;
}

void YamlScanner::decrease_flow_level()
{
  if (m_flow_level > 0) {
    --m_flow_level;
    key_map_erase(m_simple_keys.back().token_number);
    m_simple_keys.pop_back();
  }
}

bool YamlScanner::roll_indent(int column, std::ptrdiff_t number, YamlTokenType type, YamlMark mark)
{
  if (m_flow_level > 0) {
    return true;
  }
  if (m_indent < column) {
    m_indents.push_back(m_indent);
    m_indent = column;
    if (m_indents.size() > k_max_indents) {
      const std::string problem = fmt::format("exceeded max depth of {}", k_max_indents);
      return set_scanner_error("while increasing indent level", m_simple_keys.back().mark, problem.c_str());
    }
    YamlToken token;
    token.type = type;
    token.start = mark;
    token.end = mark;
    if (number > -1) {
      number -= static_cast<std::ptrdiff_t>(m_tokens_parsed);
    }
    insert_token(number, token);
  }
  return true;
}

void YamlScanner::unroll_indent(int column)
{
  if (m_flow_level > 0) {
    return;
  }
  while (m_indent > column) {
    YamlToken token;
    token.type = YamlTokenType::block_end;
    token.start = m_mark;
    token.end = m_mark;
    append_token(token);
    m_indent = m_indents.back();
    m_indents.pop_back();
  }
}

bool YamlScanner::fetch_stream_start()
{
  m_indent = -1;
  m_simple_keys.emplace_back();
  m_simple_key_allowed = true;
  m_stream_start_produced = true;
  YamlToken token;
  token.type = YamlTokenType::stream_start;
  token.start = m_mark;
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_stream_end()
{
  if (m_mark.column != 0) {
    m_mark.column = 0;
    ++m_mark.line;
  }
  unroll_indent(-1);
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  token.type = YamlTokenType::stream_end;
  token.start = m_mark;
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_directive()
{
  unroll_indent(-1);
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  if (!scan_directive(token)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::fetch_document_indicator(YamlTokenType type)
{
  unroll_indent(-1);
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  token.type = type;
  token.start = m_mark;
  skip_char();
  skip_char();
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_flow_collection_start(YamlTokenType type)
{
  if (!save_simple_key()) {
    return false;
  }
  if (!increase_flow_level()) {
    return false;
  }
  m_simple_key_allowed = true;
  YamlToken token;
  token.type = type;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_flow_collection_end(YamlTokenType type)
{
  if (!remove_simple_key()) {
    return false;
  }
  decrease_flow_level();
  m_simple_key_allowed = false;
  YamlToken token;
  token.type = type;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_flow_entry()
{
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = true;
  YamlToken token;
  token.type = YamlTokenType::flow_entry;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_block_entry()
{
  if (m_flow_level == 0) {
    if (!m_simple_key_allowed) {
      return set_scanner_error("", m_mark, "block sequence entries are not allowed in this context");
    }
    if (!roll_indent(m_mark.column, -1, YamlTokenType::block_sequence_start, m_mark)) {
      return false;
    }
  }
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = true;
  YamlToken token;
  token.type = YamlTokenType::block_entry;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_key()
{
  if (m_flow_level == 0) {
    if (!m_simple_key_allowed) {
      return set_scanner_error("", m_mark, "mapping keys are not allowed in this context");
    }
    if (!roll_indent(m_mark.column, -1, YamlTokenType::block_mapping_start, m_mark)) {
      return false;
    }
  }
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = m_flow_level == 0;
  YamlToken token;
  token.type = YamlTokenType::key;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_value()
{
  SimpleKey& key = m_simple_keys.back();
  bool valid = false;
  if (!simple_key_is_valid(key, valid)) {
    return false;
  }
  if (valid) {
    YamlToken token;
    token.type = YamlTokenType::key;
    token.start = key.mark;
    token.end = key.mark;
    insert_token(static_cast<std::ptrdiff_t>(key.token_number - m_tokens_parsed), token);
    if (!roll_indent(key.mark.column, static_cast<std::ptrdiff_t>(key.token_number), YamlTokenType::block_mapping_start,
                     key.mark)) {
      return false;
    }
    SimpleKey& k = m_simple_keys.back(); // roll_indent does not touch simple keys, but be safe
    k.possible = false;
    key_map_erase(k.token_number);
    m_simple_key_allowed = false;
  } else {
    if (m_flow_level == 0) {
      if (!m_simple_key_allowed) {
        return set_scanner_error("", m_mark, "mapping values are not allowed in this context");
      }
      if (!roll_indent(m_mark.column, -1, YamlTokenType::block_mapping_start, m_mark)) {
        return false;
      }
    }
    m_simple_key_allowed = m_flow_level == 0;
  }
  YamlToken token;
  token.type = YamlTokenType::value;
  token.start = m_mark;
  skip_char();
  token.end = m_mark;
  append_token(token);
  return true;
}

bool YamlScanner::fetch_anchor(YamlTokenType type)
{
  if (!save_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  if (!scan_anchor(token, type)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::fetch_tag()
{
  if (!save_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  if (!scan_tag(token)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::fetch_block_scalar(bool literal)
{
  if (!remove_simple_key()) {
    return false;
  }
  m_simple_key_allowed = true;
  YamlToken token;
  if (!scan_block_scalar(token, literal)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::fetch_flow_scalar(bool single)
{
  if (!save_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  if (!scan_flow_scalar(token, single)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::fetch_plain_scalar()
{
  if (!save_simple_key()) {
    return false;
  }
  m_simple_key_allowed = false;
  YamlToken token;
  if (!scan_plain_scalar(token)) {
    return false;
  }
  append_token(token);
  return true;
}

bool YamlScanner::scan_to_next_token()
{
  while (true) {
    if (!cache(1)) {
      return false;
    }
    // yaml.v2 allows a BOM to start a line.
    if (m_mark.column == 0 && at(m_pos) == 0xEF && at(m_pos + 1) == 0xBB && at(m_pos + 2) == 0xBF) {
      skip_char();
    }
    if (!cache(1)) {
      return false;
    }
    skip_ascii_run(yaml_tables::k_tables.space);
    while (cur() == ' ' || ((m_flow_level > 0 || !m_simple_key_allowed) && cur() == '\t')) {
      skip_char();
      if (!cache(1)) {
        return false;
      }
    }
    if (cur() == '#') {
      skip_ascii_run(yaml_tables::k_tables.line);
      while (!is_breakz(m_pos)) {
        skip_char();
        if (!cache(1)) {
          return false;
        }
      }
    }
    if (is_break(m_pos)) {
      if (!cache(2)) {
        return false;
      }
      skip_line();
      if (m_flow_level == 0) {
        m_simple_key_allowed = true;
      }
    } else {
      break;
    }
  }
  return true;
}

} // namespace pave::codec
