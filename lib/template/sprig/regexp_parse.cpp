// Go's regexp/syntax parser (Go 1.19): the syntax Sprig's regex functions
// accept and the error texts they report.
#include <pave/template/sprig/regexp_syntax.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig::re {

namespace {

class Parser
{
public:
  Parser(std::string_view expr, std::vector<CharClass>& classes, std::vector<std::string>& names)
    : m_whole(expr), m_s(expr), m_classes(classes), m_names(names)
  {
  }

  NodePtr parse()
  {
    int flags = k_one_line;
    NodePtr n = parse_alt(flags);
    if (!m_s.empty()) {
      // Only an unmatched ')' stops the top level.
      throw ParseError{"unexpected )", std::string(m_whole)};
    }
    return n;
  }

  int groups() const { return m_cap; }

private:
  NodePtr make(NodeType t)
  {
    auto n = std::make_unique<Node>();
    n->type = t;
    return n;
  }

  char32_t next_rune()
  {
    auto d = go::decode_rune(m_s);
    if (d.rune == go::k_rune_error && d.width == 1) {
      throw ParseError{"invalid UTF-8", std::string(m_s)};
    }
    m_s.remove_prefix(static_cast<std::size_t>(d.width));
    return d.rune;
  }

  NodePtr parse_alt(int& flags)
  {
    std::vector<NodePtr> alts;
    alts.push_back(parse_concat(flags));
    while (!m_s.empty() && m_s[0] == '|') {
      m_s.remove_prefix(1);
      alts.push_back(parse_concat(flags));
    }
    if (alts.size() == 1) {
      return std::move(alts[0]);
    }
    NodePtr n = make(NodeType::alternate);
    n->subs = std::move(alts);
    return n;
  }

  /// Parses {n}, {n,}, {n,m} at m_s; false (and nothing consumed) when not a repeat.
  bool parse_repeat(int& min, int& max, std::string_view& op_text)
  {
    std::string_view t = m_s;
    if (t.empty() || t[0] != '{') {
      return false;
    }
    std::size_t i = 1;
    auto num = [&](int& out) {
      std::size_t b = i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        ++i;
      }
      if (i == b) {
        return false;
      }
      if (i - b > 1 && t[b] == '0') {
        return false;
      }
      out = 0;
      for (std::size_t k = b; k < i; ++k) {
        out = std::min(out * 10 + (t[k] - '0'), 100000);
      }
      return true;
    };
    if (!num(min)) {
      return false;
    }
    if (i < t.size() && t[i] == ',') {
      ++i;
      if (i < t.size() && t[i] == '}') {
        max = -1;
      } else if (!num(max)) {
        return false;
      }
    } else {
      max = min;
    }
    if (i >= t.size() || t[i] != '}') {
      return false;
    }
    ++i;
    op_text = t.substr(0, i);
    m_s.remove_prefix(i);
    return true;
  }

  bool at_repeat_op() const
  {
    if (m_s.empty()) {
      return false;
    }
    if (m_s[0] == '*' || m_s[0] == '+' || m_s[0] == '?') {
      return true;
    }
    if (m_s[0] == '{') {
      Parser probe = *this;
      int a = 0;
      int b = 0;
      std::string_view t;
      return probe.parse_repeat(a, b, t);
    }
    return false;
  }

  NodePtr parse_concat(int& flags)
  {
    std::vector<NodePtr> items;
    while (!m_s.empty() && m_s[0] != '|' && m_s[0] != ')') {
      std::string_view op_start = m_s;
      if (at_repeat_op()) {
        // A repetition operator with nothing before it.
        std::string_view text;
        int a = 0;
        int b = 0;
        if (m_s[0] == '{') {
          parse_repeat(a, b, text);
        } else {
          text = m_s.substr(0, 1);
          m_s.remove_prefix(1);
        }
        (void)op_start;
        throw ParseError{"missing argument to repetition operator", std::string(text)};
      }
      NodePtr atom = parse_atom(flags);
      if (!atom) {
        continue; // a flag group like (?i) or an empty \Q\E
      }
      if (atom->type == NodeType::concat && atom->quoted) {
        for (std::size_t k = 0; k + 1 < atom->subs.size(); ++k) {
          items.push_back(std::move(atom->subs[k]));
        }
        atom = std::move(atom->subs.back());
      }
      // Quantifiers.
      if (at_repeat_op()) {
        std::string_view before = m_s;
        int min = 0;
        int max = 0;
        std::string_view text;
        char c = m_s[0];
        if (c == '*') {
          min = 0;
          max = -1;
          m_s.remove_prefix(1);
        } else if (c == '+') {
          min = 1;
          max = -1;
          m_s.remove_prefix(1);
        } else if (c == '?') {
          min = 0;
          max = 1;
          m_s.remove_prefix(1);
        } else {
          parse_repeat(min, max, text);
          if (min > 1000 || max > 1000 || (max >= 0 && max < min)) {
            throw ParseError{"invalid repeat count", std::string(text)};
          }
        }
        bool greedy = true;
        if (!m_s.empty() && m_s[0] == '?') {
          greedy = false;
          m_s.remove_prefix(1);
        }
        if ((flags & k_non_greedy) != 0) {
          greedy = !greedy;
        }
        if (at_repeat_op()) {
          std::string_view after = m_s;
          Parser probe = *this;
          if (m_s[0] == '{') {
            int a = 0;
            int b = 0;
            std::string_view t;
            probe.parse_repeat(a, b, t);
          } else {
            probe.m_s.remove_prefix(1);
          }
          std::size_t len = static_cast<std::size_t>(after.data() - before.data()) + (after.size() - probe.m_s.size());
          throw ParseError{"invalid nested repetition operator", std::string(before.substr(0, len))};
        }
        NodePtr rep = make(NodeType::repeat);
        rep->min = min;
        rep->max = max;
        rep->greedy = greedy;
        rep->subs.push_back(std::move(atom));
        atom = std::move(rep);
      }
      items.push_back(std::move(atom));
    }
    if (items.size() == 1) {
      return std::move(items[0]);
    }
    NodePtr n = make(items.empty() ? NodeType::empty : NodeType::concat);
    n->subs = std::move(items);
    return n;
  }

  NodePtr literal(char32_t r, int flags)
  {
    NodePtr n = make(NodeType::literal);
    n->rune = r;
    n->fold = (flags & k_fold) != 0;
    return n;
  }

  NodePtr class_node(CharClass c, int flags)
  {
    c.fold = c.fold || (flags & k_fold) != 0;
    m_classes.push_back(std::move(c));
    NodePtr n = make(NodeType::cls);
    n->cls = static_cast<int>(m_classes.size() - 1);
    return n;
  }

  NodePtr assertion(Assert a)
  {
    NodePtr n = make(NodeType::assert_);
    n->assertion = a;
    return n;
  }

  /// Group starting at "(": capture, named capture, flags or non-capturing.
  NodePtr parse_group(int& flags)
  {
    std::string_view s = m_s; // at '('
    if (m_s.size() >= 2 && m_s[1] == '?') {
      if (m_s.size() > 4 && m_s[2] == 'P' && m_s[3] == '<') {
        auto end = m_s.find('>');
        if (end == std::string_view::npos) {
          throw ParseError{"invalid named capture", std::string(s)};
        }
        std::string_view capture = m_s.substr(0, end + 1);
        std::string_view name = m_s.substr(4, end - 4);
        bool valid = !name.empty();
        for (char c : name) {
          valid = valid && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
        }
        if (!valid) {
          throw ParseError{"invalid named capture", std::string(capture)};
        }
        for (const auto& n : m_names) {
          if (n == name) {
            throw ParseError{"duplicate capture group name", std::string(name)};
          }
        }
        m_s.remove_prefix(end + 1);
        return capture_group(flags, std::string(name));
      }
      m_s.remove_prefix(2);
      int nflags = flags;
      int sign = 1;
      bool saw_flag = false;
      while (!m_s.empty()) {
        char32_t c = next_rune();
        switch (c) {
        case 'i': nflags |= k_fold; saw_flag = true; continue;
        case 'm': nflags &= ~k_one_line; saw_flag = true; continue;
        case 's': nflags |= k_dot_nl; saw_flag = true; continue;
        case 'U': nflags |= k_non_greedy; saw_flag = true; continue;
        case '-':
          if (sign < 0) {
            break;
          }
          sign = -1;
          nflags = ~nflags;
          saw_flag = false;
          continue;
        case ':':
        case ')': {
          if (sign < 0) {
            if (!saw_flag) {
              break;
            }
            nflags = ~nflags;
          }
          if (c == ')') {
            flags = nflags;
            return nullptr;
          }
          NodePtr inner = parse_alt(nflags);
          expect_close();
          return inner;
        }
        default: break;
        }
        break;
      }
      throw ParseError{"invalid or unsupported Perl syntax",
                       std::string(s.substr(0, static_cast<std::size_t>(m_s.data() - s.data())))};
    }
    m_s.remove_prefix(1);
    return capture_group(flags, "");
  }

  NodePtr capture_group(int flags, std::string name)
  {
    int index = ++m_cap;
    m_names.push_back(std::move(name));
    int inner_flags = flags;
    NodePtr inner = parse_alt(inner_flags);
    expect_close();
    NodePtr n = make(NodeType::capture);
    n->cap = index;
    n->subs.push_back(std::move(inner));
    return n;
  }

  void expect_close()
  {
    if (m_s.empty() || m_s[0] != ')') {
      throw ParseError{"missing closing )", std::string(m_whole)};
    }
    m_s.remove_prefix(1);
  }

  /// Perl classes \d \s \w and their negations into c.
  static bool perl_class(char c, CharClass& cls, bool& negated)
  {
    negated = c == 'D' || c == 'S' || c == 'W';
    switch (c) {
    case 'd':
    case 'D': cls.ranges.push_back({'0', '9'}); return true;
    case 's':
    case 'S':
      cls.ranges.push_back({'\t', '\n'});
      cls.ranges.push_back({'\f', '\r'});
      cls.ranges.push_back({' ', ' '});
      return true;
    case 'w':
    case 'W':
      cls.ranges.push_back({'0', '9'});
      cls.ranges.push_back({'A', 'Z'});
      cls.ranges.push_back({'a', 'z'});
      cls.ranges.push_back({'_', '_'});
      return true;
    default: return false;
    }
  }

  /// \pX / \p{Name} / \PX after the backslash: adds to `c` (already past "\\p").
  void unicode_class(std::string_view start, bool negate_outer, CharClass& c)
  {
    std::string name;
    bool neg = negate_outer;
    if (m_s.empty()) {
      throw ParseError{"invalid character class range", std::string(start)};
    }
    if (m_s[0] == '{') {
      auto end = m_s.find('}');
      if (end == std::string_view::npos) {
        throw ParseError{"invalid character class range", std::string(start)};
      }
      name = std::string(m_s.substr(1, end - 1));
      m_s.remove_prefix(end + 1);
    } else {
      name = std::string(1, static_cast<char>(next_rune()));
    }
    std::string_view text = start.substr(0, static_cast<std::size_t>(m_s.data() - start.data()));
    if (!name.empty() && name[0] == '^') {
      neg = !neg;
      name.erase(0, 1);
    }
    Pred p;
    if (name == "L") {
      p = Pred::letter;
    } else if (name == "Lu") {
      p = Pred::upper;
    } else if (name == "Ll") {
      p = Pred::lower;
    } else if (name == "Lt") {
      p = Pred::title;
    } else if (name == "N") {
      p = Pred::number;
    } else if (name == "Nd") {
      p = Pred::digit;
    } else if (name == "P") {
      p = Pred::punct;
    } else if (name == "Any") {
      c.ranges.push_back({0, 0x10FFFF});
      return;
    } else {
      throw ParseError{"invalid character class range", std::string(text)};
    }
    c.preds.push_back({p, neg});
  }

  /// An escape after '\\' (m_s is past the backslash); returns the rune.
  char32_t escape(std::string_view start)
  {
    if (m_s.empty()) {
      throw ParseError{"trailing backslash at end of expression", ""};
    }
    char32_t c = next_rune();
    switch (c) {
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
      if (m_s.empty() || m_s[0] < '0' || m_s[0] > '7') {
        break;
      }
      [[fallthrough]];
    case '0': {
      char32_t r = c - '0';
      for (int i = 1; i < 3 && !m_s.empty() && m_s[0] >= '0' && m_s[0] <= '7'; ++i) {
        r = r * 8 + static_cast<char32_t>(m_s[0] - '0');
        m_s.remove_prefix(1);
      }
      return r;
    }
    case 'x': {
      auto hexval = [](char ch) -> int {
        if (ch >= '0' && ch <= '9') {
          return ch - '0';
        }
        if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f') {
          return (ch | 0x20) - 'a' + 10;
        }
        return -1;
      };
      if (m_s.empty()) {
        break;
      }
      if (m_s[0] == '{') {
        m_s.remove_prefix(1);
        char32_t r = 0;
        int nhex = 0;
        while (!m_s.empty() && m_s[0] != '}') {
          int v = hexval(m_s[0]);
          if (v < 0) {
            break;
          }
          r = r * 16 + static_cast<char32_t>(v);
          if (r > 0x10FFFF) {
            break;
          }
          ++nhex;
          m_s.remove_prefix(1);
        }
        if (m_s.empty() || m_s[0] != '}' || nhex == 0) {
          if (!m_s.empty()) {
            m_s.remove_prefix(1);
          }
          break;
        }
        m_s.remove_prefix(1);
        return r;
      }
      if (m_s.size() < 2 || hexval(m_s[0]) < 0 || hexval(m_s[1]) < 0) {
        if (!m_s.empty()) {
          m_s.remove_prefix(std::min<std::size_t>(m_s.size(), hexval(m_s[0]) < 0 ? 1 : 2));
        }
        break;
      }
      char32_t r = static_cast<char32_t>(hexval(m_s[0]) * 16 + hexval(m_s[1]));
      m_s.remove_prefix(2);
      return r;
    }
    case 'a': return '\a';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default:
      if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return c;
      }
      break;
    }
    throw ParseError{"invalid escape sequence",
                     std::string(start.substr(0, static_cast<std::size_t>(m_s.data() - start.data())))};
  }

  NodePtr parse_class(int flags)
  {
    std::string_view start = m_s; // at '['
    m_s.remove_prefix(1);
    CharClass c;
    if (!m_s.empty() && m_s[0] == '^') {
      c.negated = true;
      m_s.remove_prefix(1);
      // Perl flags include ClassNL: [^a] matches \n too.
    }
    bool first = true;
    while (m_s.empty() || m_s[0] != ']' || first) {
      if (m_s.empty()) {
        throw ParseError{"missing closing ]", std::string(start)};
      }
      // POSIX class [:alpha:]
      if (m_s.size() > 2 && m_s[0] == '[' && m_s[1] == ':') {
        auto end = m_s.find(":]", 2);
        if (end != std::string_view::npos) {
          std::string_view name = m_s.substr(2, end - 2);
          std::string_view text = m_s.substr(0, end + 2);
          bool neg = !name.empty() && name[0] == '^';
          if (neg) {
            name.remove_prefix(1);
          }
          CharClass p;
          if (!posix_class(name, p)) {
            throw ParseError{"invalid character class range", std::string(text)};
          }
          add_class(c, p, neg);
          m_s.remove_prefix(end + 2);
          first = false;
          continue;
        }
      }
      std::string_view item_start = m_s;
      char32_t lo = 0;
      if (m_s[0] == '\\') {
        m_s.remove_prefix(1);
        if (!m_s.empty()) {
          char e = m_s[0];
          CharClass p;
          bool neg = false;
          if (perl_class(e, p, neg)) {
            m_s.remove_prefix(1);
            add_class(c, p, neg);
            first = false;
            continue;
          }
          if (e == 'p' || e == 'P') {
            m_s.remove_prefix(1);
            unicode_class(item_start, e == 'P', c);
            first = false;
            continue;
          }
        }
        lo = escape(item_start);
      } else {
        lo = next_rune();
      }
      char32_t hi = lo;
      if (m_s.size() >= 2 && m_s[0] == '-' && m_s[1] != ']') {
        m_s.remove_prefix(1);
        if (m_s[0] == '\\') {
          std::string_view esc_start = m_s;
          m_s.remove_prefix(1);
          hi = escape(esc_start);
        } else {
          hi = next_rune();
        }
        if (hi < lo) {
          throw ParseError{"invalid character class range",
                           std::string(item_start.substr(0, static_cast<std::size_t>(m_s.data() - item_start.data())))};
        }
      }
      c.ranges.push_back({lo, hi});
      first = false;
    }
    m_s.remove_prefix(1); // ']'
    return class_node(std::move(c), flags);
  }

  static void add_class(CharClass& into, const CharClass& p, bool negated)
  {
    if (!negated) {
      into.ranges.insert(into.ranges.end(), p.ranges.begin(), p.ranges.end());
      into.preds.insert(into.preds.end(), p.preds.begin(), p.preds.end());
      return;
    }
    // Complement of sorted, non-overlapping ASCII-ish ranges.
    auto ranges = p.ranges;
    std::sort(ranges.begin(), ranges.end());
    char32_t next = 0;
    for (const auto& [lo, hi] : ranges) {
      if (lo > next) {
        into.ranges.push_back({next, lo - 1});
      }
      next = std::max<char32_t>(next, hi + 1);
    }
    if (next <= 0x10FFFF) {
      into.ranges.push_back({next, 0x10FFFF});
    }
  }

  static bool posix_class(std::string_view name, CharClass& c)
  {
    auto r = [&](char32_t lo, char32_t hi) { c.ranges.push_back({lo, hi}); };
    if (name == "alnum") {
      r('0', '9'), r('A', 'Z'), r('a', 'z');
    } else if (name == "alpha") {
      r('A', 'Z'), r('a', 'z');
    } else if (name == "ascii") {
      r(0, 0x7F);
    } else if (name == "blank") {
      r('\t', '\t'), r(' ', ' ');
    } else if (name == "cntrl") {
      r(0, 0x1F), r(0x7F, 0x7F);
    } else if (name == "digit") {
      r('0', '9');
    } else if (name == "graph") {
      r('!', '~');
    } else if (name == "lower") {
      r('a', 'z');
    } else if (name == "print") {
      r(' ', '~');
    } else if (name == "punct") {
      r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~');
    } else if (name == "space") {
      r('\t', '\r'), r(' ', ' ');
    } else if (name == "upper") {
      r('A', 'Z');
    } else if (name == "word") {
      r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_', '_');
    } else if (name == "xdigit") {
      r('0', '9'), r('A', 'F'), r('a', 'f');
    } else {
      return false;
    }
    return true;
  }

  NodePtr parse_atom(int& flags)
  {
    char c = m_s[0];
    switch (c) {
    case '(': return parse_group(flags);
    case '[': return parse_class(flags);
    case '.':
      m_s.remove_prefix(1);
      return make((flags & k_dot_nl) != 0 ? NodeType::any : NodeType::any_not_nl);
    case '^':
      m_s.remove_prefix(1);
      return assertion((flags & k_one_line) != 0 ? Assert::begin_text : Assert::begin_line);
    case '$':
      m_s.remove_prefix(1);
      return assertion((flags & k_one_line) != 0 ? Assert::end_text : Assert::end_line);
    case '\\': {
      std::string_view start = m_s;
      m_s.remove_prefix(1);
      if (m_s.empty()) {
        throw ParseError{"trailing backslash at end of expression", ""};
      }
      char e = m_s[0];
      switch (e) {
      case 'A': m_s.remove_prefix(1); return assertion(Assert::begin_text);
      case 'z': m_s.remove_prefix(1); return assertion(Assert::end_text);
      case 'b': m_s.remove_prefix(1); return assertion(Assert::word);
      case 'B': m_s.remove_prefix(1); return assertion(Assert::not_word);
      case 'Q': {
        m_s.remove_prefix(1);
        std::string_view lit = m_s;
        auto end = m_s.find("\\E");
        if (end != std::string_view::npos) {
          lit = m_s.substr(0, end);
          m_s.remove_prefix(end + 2);
        } else {
          m_s = {};
        }
        NodePtr n = make(NodeType::concat);
        n->quoted = true;
        while (!lit.empty()) {
          auto d = go::decode_rune(lit);
          n->subs.push_back(literal(d.rune, flags));
          lit.remove_prefix(static_cast<std::size_t>(d.width));
        }
        if (n->subs.size() == 1) {
          return std::move(n->subs[0]);
        }
        if (n->subs.empty()) {
          return nullptr;
        }
        return n;
      }
      case 'p':
      case 'P': {
        m_s.remove_prefix(1);
        CharClass cls;
        unicode_class(start, e == 'P', cls);
        return class_node(std::move(cls), flags);
      }
      default: {
        CharClass cls;
        bool neg = false;
        if (perl_class(e, cls, neg)) {
          m_s.remove_prefix(1);
          cls.negated = neg;
          return class_node(std::move(cls), flags);
        }
        return literal(escape(start), flags);
      }
      }
    }
    default: return literal(next_rune(), flags);
    }
  }

  std::string_view m_whole;
  std::string_view m_s;
  std::vector<CharClass>& m_classes;
  std::vector<std::string>& m_names;
  int m_cap = 0;
};


} // namespace

NodePtr parse(std::string_view expr, std::vector<CharClass>& classes, std::vector<std::string>& names, int& groups)
{
  Parser p(expr, classes, names);
  NodePtr root = p.parse();
  groups = p.groups();
  return root;
}

} // namespace pave::tmpl::sprig::re
