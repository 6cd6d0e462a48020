// A line-based builder of YAML node trees for the plain block subset. It
// only accepts texts that yaml.v2 parses to the same tree, and gives up on
// anything else.
#include <pave/codec/yaml_fast.hpp>

#include <array>
#include <cstring>
#include <vector>

namespace pave::codec {

namespace {

bool is_flow_or_special(char c)
{
  return std::strchr(",[]{}#&*!|>'\"%@`", c) != nullptr;
}

class FastParser
{
public:
  FastParser(std::string_view text, YamlTree& tree) : m_t(text), m_tree(tree) {}

  bool run()
  {
    static constexpr auto bad = [] {
      std::array<unsigned char, 256> t{};
      for (int c = 0; c < 256; ++c) {
        t[static_cast<std::size_t>(c)] = ((c < 0x20 && c != '\n') || c >= 0x7F) ? 1 : 0;
      }
      return t;
    }();
    unsigned any_bad = 0;
    std::size_t lines = 1;
    for (char c : m_t) {
      any_bad |= bad[static_cast<unsigned char>(c)];
      lines += c == '\n' ? 1 : 0;
    }
    if (any_bad != 0) {
      return false;
    }
    // Block YAML makes about two nodes a line ("key: value"; "- key: value"
    // makes three): reserving that avoids growing a large tree by doubling,
    // which held the old and the new array at once (7.3 MB for fleet's
    // 520 KB of values, against 3.6 MB needed).
    const std::size_t expected = lines * 9 / 4 + 8;
    m_tree.nodes.reserve(expected);
    m_tree.children.reserve(expected);
    std::size_t pos = 0;
    while (pos < m_t.size()) {
      std::size_t end = m_t.find('\n', pos);
      if (end == std::string_view::npos) {
        end = m_t.size();
      }
      if (!line(m_t.substr(pos, end - pos))) {
        return false;
      }
      ++m_line;
      pos = end + 1;
    }
    if (!m_root_done) {
      return false; // empty documents and lone scalars: let the full parser decide
    }
    if (m_pending) {
      push_null();
      m_pending = false;
    }
    while (!m_levels.empty()) {
      close_level();
    }
    return true;
  }

private:
  struct Level
  {
    int indent;
    bool seq;
    bool indentless;
    std::uint32_t node;
    std::size_t mark;
  };

  std::uint32_t add_node(YamlNode::Kind kind, bool implicit, YamlScalarStyle style, std::string_view value, int col)
  {
    YamlNode n;
    n.kind = kind;
    n.implicit = implicit;
    n.style = style;
    n.value = value;
    n.line = m_line;
    n.column = col;
    m_tree.nodes.push_back(n);
    return static_cast<std::uint32_t>(m_tree.nodes.size() - 1);
  }

  void push_null() { m_stack.push_back(add_node(YamlNode::Kind::scalar, true, YamlScalarStyle::plain, {}, 0)); }

  void open_level(int indent, bool seq, bool indentless)
  {
    const std::uint32_t node = add_node(seq ? YamlNode::Kind::sequence : YamlNode::Kind::mapping, false,
                                        YamlScalarStyle::any, {}, indent);
    if (m_levels.empty()) {
      m_tree.root = node;
    } else {
      m_stack.push_back(node);
    }
    m_levels.push_back(Level{indent, seq, indentless, node, m_stack.size()});
  }

  void close_level()
  {
    const Level l = m_levels.back();
    m_levels.pop_back();
    YamlNode& n = m_tree.nodes[l.node];
    n.first = static_cast<std::uint32_t>(m_tree.children.size());
    n.count = static_cast<std::uint32_t>(m_stack.size() - l.mark);
    m_tree.children.insert(m_tree.children.end(), m_stack.begin() + static_cast<std::ptrdiff_t>(l.mark), m_stack.end());
    m_stack.resize(l.mark);
  }

  static bool is_dash(std::string_view s) { return s[0] == '-' && (s.size() == 1 || s[1] == ' '); }

  /// After a scalar or quoted key: only spaces, then the end or a comment.
  static bool rest_is_empty(std::string_view s)
  {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return i == s.size() || s[i] == '#';
  }

  bool line(std::string_view text)
  {
    int col = 0;
    while (static_cast<std::size_t>(col) < text.size() && text[static_cast<std::size_t>(col)] == ' ') {
      ++col;
    }
    std::string_view rest = text.substr(static_cast<std::size_t>(col));
    if (rest.empty() || rest[0] == '#') {
      return true;
    }
    if (col == 0 && (rest.starts_with("---") || rest.starts_with("...") || rest[0] == '%')) {
      return false;
    }
    const bool dash = is_dash(rest);
    bool nested = false;
    bool indentless = false;
    if (m_pending) {
      if (col > m_pending_owner) {
        nested = true;
      } else if (dash && col == m_pending_owner && m_pending_in_map) {
        nested = true;
        indentless = true;
      } else {
        push_null();
      }
      m_pending = false;
    }
    if (nested) {
      if (!dash && (rest[0] == '[' || rest[0] == '{')) {
        // "KEY:" with its value on the next line: only [] or {} are taken
        // (scalar() declines the rest), and a later line deeper than the
        // enclosing level is declined below, as the full parser rejects it.
        return scalar(rest, col);
      }
      open_level(col, dash, indentless);
    } else {
      while (!m_levels.empty() && m_levels.back().indent > col) {
        close_level();
      }
      if (m_levels.empty()) {
        if (m_root_done) {
          return false;
        }
        m_root_done = true;
        open_level(col, dash, false);
      } else {
        if (m_levels.back().indent < col) {
          return false;
        }
        if (m_levels.back().seq && !dash) {
          if (!m_levels.back().indentless) {
            return false;
          }
          close_level();
          if (m_levels.empty() || m_levels.back().seq || m_levels.back().indent != col) {
            return false;
          }
        } else if (!m_levels.back().seq && dash) {
          return false;
        }
      }
    }
    return m_levels.back().seq ? dash_entry(col, rest) : key_entry(col, rest);
  }

  /// "- ..." in a sequence level at `col`.
  bool dash_entry(int col, std::string_view rest)
  {
    std::size_t k = 1;
    while (k < rest.size() && rest[k] == ' ') ++k;
    if (k == rest.size() || rest[k] == '#') {
      m_pending = true;
      m_pending_owner = col;
      m_pending_in_map = false;
      return true;
    }
    const std::string_view item = rest.substr(k);
    if (is_dash(item)) {
      return false;
    }
    if (looks_like_key(item)) {
      const int item_col = col + static_cast<int>(k);
      open_level(item_col, false, false);
      return key_entry(item_col, item);
    }
    return scalar(item, col + static_cast<int>(k));
  }

  /// True when a line's content is "KEY: ..." (a plain value with ": " is an
  /// error anyway, so treating it as a key is fine).
  static bool looks_like_key(std::string_view s)
  {
    if (s[0] == '"' || s[0] == '\'') {
      const std::size_t q = s.find(s[0], 1);
      if (q == std::string_view::npos) return false;
      std::size_t j = q + 1;
      while (j < s.size() && s[j] == ' ') ++j;
      return j < s.size() && s[j] == ':' && (j + 1 == s.size() || s[j + 1] == ' ');
    }
    const std::size_t colon = find_value_indicator(s);
    return colon != std::string_view::npos && !has_comment(s.substr(0, colon));
  }

  /// "KEY: VALUE" in a mapping level at `col`.
  bool key_entry(int col, std::string_view rest)
  {
    std::size_t colon = 0;
    if (rest[0] == '"' || rest[0] == '\'') {
      const char q = rest[0];
      const std::size_t close = rest.find(q, 1);
      if (close == std::string_view::npos) return false;
      const std::string_view key = rest.substr(1, close - 1);
      if (q == '"' && key.find('\\') != std::string_view::npos) return false;
      if (q == '\'' && close + 1 < rest.size() && rest[close + 1] == '\'') return false;
      std::size_t j = close + 1;
      while (j < rest.size() && rest[j] == ' ') ++j;
      if (j >= rest.size() || rest[j] != ':' || (j + 1 < rest.size() && rest[j + 1] != ' ')) return false;
      colon = j;
      m_stack.push_back(add_node(YamlNode::Kind::scalar, false,
                                 q == '"' ? YamlScalarStyle::double_quoted : YamlScalarStyle::single_quoted, key, col));
    } else {
      if (!plain_start(rest)) return false;
      const std::size_t j = find_value_indicator(rest);
      if (j == std::string_view::npos || j > 1000) return false;
      if (has_comment(rest.substr(0, j))) return false;
      std::size_t e = j;
      while (e > 0 && rest[e - 1] == ' ') --e;
      colon = j;
      m_stack.push_back(add_node(YamlNode::Kind::scalar, true, YamlScalarStyle::plain, rest.substr(0, e), col));
    }
    std::size_t v = colon + 1;
    while (v < rest.size() && rest[v] == ' ') ++v;
    if (v == rest.size() || rest[v] == '#') {
      m_pending = true;
      m_pending_owner = col;
      m_pending_in_map = true;
      return true;
    }
    return scalar(rest.substr(v), col + static_cast<int>(v));
  }

  /// Position of the first ':' followed by a space or the end, or npos.
  static std::size_t find_value_indicator(std::string_view s)
  {
    std::size_t j = 0;
    while ((j = s.find(':', j)) != std::string_view::npos) {
      if (j + 1 == s.size() || s[j + 1] == ' ') return j;
      ++j;
    }
    return std::string_view::npos;
  }

  /// Position of the first " #" (a comment after a plain scalar), or npos.
  static std::size_t comment_start(std::string_view s)
  {
    std::size_t j = 1;
    while ((j = s.find('#', j)) != std::string_view::npos) {
      if (s[j - 1] == ' ') return j - 1;
      ++j;
    }
    return std::string_view::npos;
  }

  static bool has_comment(std::string_view s) { return comment_start(s) != std::string_view::npos; }

  /// A plain scalar may start here (scan_plain_scalar's rule, minus flow context).
  static bool plain_start(std::string_view s)
  {
    const char c = s[0];
    if (c == '-' || c == '?' || c == ':') {
      return s.size() > 1 && s[1] != ' ';
    }
    return !is_flow_or_special(c);
  }

  /// A one-line scalar value (or [] / {}) starting at s[0].
  bool scalar(std::string_view s, int col)
  {
    const char c = s[0];
    if (c == '"' || c == '\'') {
      const std::size_t close = s.find(c, 1);
      if (close == std::string_view::npos) return false;
      const std::string_view value = s.substr(1, close - 1);
      if (c == '"' && value.find('\\') != std::string_view::npos) return false;
      if (c == '\'' && close + 1 < s.size() && s[close + 1] == '\'') return false;
      if (!rest_is_empty(s.substr(close + 1))) return false;
      m_stack.push_back(add_node(YamlNode::Kind::scalar, false,
                                 c == '"' ? YamlScalarStyle::double_quoted : YamlScalarStyle::single_quoted, value, col));
      return true;
    }
    if (c == '[' || c == '{') {
      if (s.size() < 2 || s[1] != (c == '[' ? ']' : '}') || !rest_is_empty(s.substr(2))) return false;
      const std::uint32_t n =
          add_node(c == '[' ? YamlNode::Kind::sequence : YamlNode::Kind::mapping, false, YamlScalarStyle::any, {}, col);
      m_tree.nodes[n].first = static_cast<std::uint32_t>(m_tree.children.size());
      m_stack.push_back(n);
      return true;
    }
    if (!plain_start(s)) return false;
    std::size_t end = s.size();
    if (const std::size_t hash = comment_start(s); hash != std::string_view::npos) {
      end = hash;
    }
    if (find_value_indicator(s.substr(0, end)) != std::string_view::npos) return false;
    while (end > 0 && s[end - 1] == ' ') --end;
    m_stack.push_back(add_node(YamlNode::Kind::scalar, true, YamlScalarStyle::plain, s.substr(0, end), col));
    return true;
  }

  std::string_view m_t;
  YamlTree& m_tree;
  std::vector<Level> m_levels;
  std::vector<std::uint32_t> m_stack;
  bool m_pending = false;
  int m_pending_owner = -1;
  bool m_pending_in_map = false;
  bool m_root_done = false;
  int m_line = 0;
};

} // namespace

bool parse_simple_yaml_tree(std::string_view text, YamlTree& tree)
{
  FastParser p(text, tree);
  return p.run();
}

} // namespace pave::codec
