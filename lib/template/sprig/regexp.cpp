// Go's regexp matching: compiles the syntax tree to a Pike VM program and
// runs leftmost-first searches in linear time; Find/ReplaceAll/Split follow
// Go's empty-match rules.
#include <pave/template/sprig/regexp.hpp>
#include <pave/template/sprig/regexp_syntax.hpp>

#include <algorithm>

#include <pave/template/sprig/unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

using namespace re;

struct Regexp::Inst
{
  Op op = Op::match;
  char32_t rune = 0;
  bool fold = false;
  Assert assertion = Assert::begin_text;
  int x = 0;
  int y = 0;
};

// --- Compiler ------------------------------------------------------------------

class RegexpCompiler
{
public:
  explicit RegexpCompiler(std::vector<Regexp::Inst>& prog) : m_prog(prog) {}

  int emit(Regexp::Inst inst)
  {
    m_prog.push_back(inst);
    return static_cast<int>(m_prog.size() - 1);
  }

  void compile(const Node& n)
  {
    using I = Regexp::Inst;
    switch (n.type) {
    case NodeType::empty: return;
    case NodeType::literal: emit(I{Op::rune, n.rune, n.fold, Assert::begin_text, 0, 0}); return;
    case NodeType::cls: emit(I{Op::cls, 0, false, Assert::begin_text, n.cls, 0}); return;
    case NodeType::any: emit(I{Op::any, 0, false, Assert::begin_text, 0, 0}); return;
    case NodeType::any_not_nl: emit(I{Op::any_not_nl, 0, false, Assert::begin_text, 0, 0}); return;
    case NodeType::assert_: emit(I{Op::assert_, 0, false, n.assertion, 0, 0}); return;
    case NodeType::capture:
      emit(I{Op::save, 0, false, Assert::begin_text, 2 * n.cap, 0});
      compile(*n.subs[0]);
      emit(I{Op::save, 0, false, Assert::begin_text, 2 * n.cap + 1, 0});
      return;
    case NodeType::concat:
      for (const auto& s : n.subs) {
        compile(*s);
      }
      return;
    case NodeType::alternate: {
      std::vector<int> jumps;
      for (std::size_t i = 0; i + 1 < n.subs.size(); ++i) {
        int split = emit(I{Op::split, 0, false, Assert::begin_text, 0, 0});
        m_prog[static_cast<std::size_t>(split)].x = split + 1;
        compile(*n.subs[i]);
        jumps.push_back(emit(I{Op::jmp, 0, false, Assert::begin_text, 0, 0}));
        m_prog[static_cast<std::size_t>(split)].y = static_cast<int>(m_prog.size());
      }
      compile(*n.subs.back());
      for (int j : jumps) {
        m_prog[static_cast<std::size_t>(j)].x = static_cast<int>(m_prog.size());
      }
      return;
    }
    case NodeType::repeat: {
      const Node& sub = *n.subs[0];
      for (int i = 0; i < n.min; ++i) {
        compile(sub);
      }
      if (n.max < 0) {
        // star: L: split body, out; body; jmp L
        int split = emit(I{Op::split, 0, false, Assert::begin_text, 0, 0});
        compile(sub);
        emit(I{Op::jmp, 0, false, Assert::begin_text, split, 0});
        set_split(split, split + 1, static_cast<int>(m_prog.size()), n.greedy);
        return;
      }
      std::vector<int> splits;
      for (int i = n.min; i < n.max; ++i) {
        int split = emit(I{Op::split, 0, false, Assert::begin_text, 0, 0});
        splits.push_back(split);
        compile(sub);
      }
      int end = static_cast<int>(m_prog.size());
      for (int s : splits) {
        set_split(s, s + 1, end, n.greedy);
      }
      return;
    }
    }
  }

private:
  void set_split(int at, int body, int out, bool greedy)
  {
    auto& i = m_prog[static_cast<std::size_t>(at)];
    i.x = greedy ? body : out;
    i.y = greedy ? out : body;
  }

  std::vector<Regexp::Inst>& m_prog;
};

namespace {

bool is_word_byte(std::string_view s, std::ptrdiff_t i)
{
  if (i < 0 || static_cast<std::size_t>(i) >= s.size()) {
    return false;
  }
  char c = s[static_cast<std::size_t>(i)];
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

} // namespace

struct Regexp::ClassTable
{
  std::vector<CharClass> classes;
};

namespace {

class Vm
{
public:
  Vm(const std::vector<Regexp::Inst>& prog, const std::vector<CharClass>& classes, int ncap)
    : m_prog(prog), m_classes(classes), m_ncap(ncap)
  {
  }

  std::optional<Regexp::Match> run(std::string_view s, std::size_t pos)
  {
    const std::size_t n = m_prog.size();
    std::vector<Thread> clist;
    std::vector<Thread> nlist;
    std::vector<int> mark(n, -1);
    std::optional<Regexp::Match> matched;
    int gen = 0;
    std::size_t i = pos;
    auto add = [&](std::vector<Thread>& list, int pc0, std::vector<int> caps, std::size_t at) {
      // Iterative addthread with explicit stack, preserving priority order.
      struct Frame
      {
        int pc;
        std::vector<int> caps;
      };
      std::vector<Frame> stack;
      stack.push_back({pc0, std::move(caps)});
      while (!stack.empty()) {
        Frame f = std::move(stack.back());
        stack.pop_back();
        int pc = f.pc;
        if (mark[static_cast<std::size_t>(pc)] == gen) {
          continue;
        }
        mark[static_cast<std::size_t>(pc)] = gen;
        const auto& inst = m_prog[static_cast<std::size_t>(pc)];
        switch (inst.op) {
        case Op::jmp: stack.push_back({inst.x, std::move(f.caps)}); break;
        case Op::split:
          stack.push_back({inst.y, f.caps});
          stack.push_back({inst.x, std::move(f.caps)});
          break;
        case Op::save: {
          auto c = std::move(f.caps);
          if (static_cast<std::size_t>(inst.x) < c.size()) {
            c[static_cast<std::size_t>(inst.x)] = static_cast<int>(at);
          }
          stack.push_back({pc + 1, std::move(c)});
          break;
        }
        case Op::assert_:
          if (check(inst.assertion, s, at)) {
            stack.push_back({pc + 1, std::move(f.caps)});
          }
          break;
        default: list.push_back({pc, std::move(f.caps)}); break;
        }
      }
    };
    ++gen;
    while (true) {
      if (!matched) {
        // Unanchored search: a new, lowest-priority thread starts here.
        add(clist, 0, std::vector<int>(static_cast<std::size_t>(2 * (m_ncap + 1)), -1), i);
      }
      char32_t r = 0;
      int width = 0;
      if (i < s.size()) {
        auto d = go::decode_rune(s.substr(i));
        r = d.rune;
        width = d.width;
      }
      if (clist.empty()) {
        if (matched || i >= s.size()) {
          break;
        }
        i += static_cast<std::size_t>(width);
        ++gen;
        continue;
      }
      ++gen;
      nlist.clear();
      for (auto& t : clist) {
        const auto& inst = m_prog[static_cast<std::size_t>(t.pc)];
        bool ok = false;
        switch (inst.op) {
        case Op::match:
          matched = std::move(t.caps);
          goto cut; // lower-priority threads die
        case Op::rune: ok = width > 0 && (inst.fold ? fold_equal(r, inst.rune) : r == inst.rune); break;
        case Op::cls: ok = width > 0 && m_classes[static_cast<std::size_t>(inst.x)].matches(r); break;
        case Op::any: ok = width > 0; break;
        case Op::any_not_nl: ok = width > 0 && r != '\n'; break;
        default: break;
        }
        if (ok) {
          add(nlist, t.pc + 1, std::move(t.caps), i + static_cast<std::size_t>(width));
        }
      }
    cut:
      if (i >= s.size()) {
        break;
      }
      i += static_cast<std::size_t>(width);
      std::swap(clist, nlist);
    }
    return matched;
  }

private:
  struct Thread
  {
    int pc;
    std::vector<int> caps;
  };

  static bool check(Assert a, std::string_view s, std::size_t at)
  {
    switch (a) {
    case Assert::begin_text: return at == 0;
    case Assert::end_text: return at == s.size();
    case Assert::begin_line: return at == 0 || s[at - 1] == '\n';
    case Assert::end_line: return at == s.size() || s[at] == '\n';
    case Assert::word:
    case Assert::not_word: {
      bool b = is_word_byte(s, static_cast<std::ptrdiff_t>(at) - 1) != is_word_byte(s, static_cast<std::ptrdiff_t>(at));
      return a == Assert::word ? b : !b;
    }
    }
    return false;
  }

  const std::vector<Regexp::Inst>& m_prog;
  const std::vector<CharClass>& m_classes;
  int m_ncap;
};

} // namespace

} // namespace pave::tmpl::sprig

namespace pave::tmpl::sprig {

std::shared_ptr<const Regexp> Regexp::compile(std::string_view expr, std::string& error)
{
  auto re = std::make_shared<Regexp>();
  re->m_expr = std::string(expr);
  re->m_classes = std::make_shared<ClassTable>();
  re->m_names.push_back("");
  NodePtr root;
  try {
    root = re::parse(expr, re->m_classes->classes, re->m_names, re->m_groups);
  } catch (const ParseError& e) {
    error = "error parsing regexp: " + e.code + ": `" + e.text + "`";
    return nullptr;
  }
  RegexpCompiler c(re->m_prog);
  c.emit(Inst{Op::save, 0, false, Assert::begin_text, 0, 0});
  c.compile(*root);
  c.emit(Inst{Op::save, 0, false, Assert::begin_text, 1, 0});
  c.emit(Inst{Op::match, 0, false, Assert::begin_text, 0, 0});
  return re;
}

std::optional<Regexp::Match> Regexp::find_at(std::string_view s, std::size_t pos) const
{
  if (pos > s.size()) {
    return std::nullopt;
  }
  Vm vm(m_prog, m_classes->classes, m_groups);
  return vm.run(s, pos);
}

std::vector<Regexp::Match> Regexp::find_all(std::string_view s, int n) const
{
  std::vector<Match> out;
  if (n < 0) {
    n = static_cast<int>(std::min<std::size_t>(s.size() + 1, INT32_MAX));
  }
  std::size_t pos = 0;
  int prev_end = -1;
  while (static_cast<int>(out.size()) < n && pos <= s.size()) {
    auto m = find_at(s, pos);
    if (!m) {
      break;
    }
    bool accept = true;
    if ((*m)[1] == static_cast<int>(pos)) {
      if ((*m)[0] == prev_end) {
        accept = false;
      }
      if (pos < s.size()) {
        pos += static_cast<std::size_t>(go::decode_rune(s.substr(pos)).width);
      } else {
        pos = s.size() + 1;
      }
    } else {
      pos = static_cast<std::size_t>((*m)[1]);
    }
    prev_end = (*m)[1];
    if (accept) {
      out.push_back(std::move(*m));
    }
  }
  return out;
}

void Regexp::expand(std::string& dst, std::string_view tmpl, std::string_view src, const Match& m) const
{
  while (!tmpl.empty()) {
    auto dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) {
      break;
    }
    dst.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      dst.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    // extract(): name or number, optionally in braces.
    std::string_view str = tmpl;
    bool brace = false;
    if (!str.empty() && str[0] == '{') {
      brace = true;
      str.remove_prefix(1);
    }
    std::size_t i = 0;
    while (i < str.size()) {
      auto d = go::decode_rune(str.substr(i));
      if (!unicode::is_letter(d.rune) && !unicode::is_digit(d.rune) && d.rune != '_') {
        break;
      }
      i += static_cast<std::size_t>(d.width);
    }
    if (i == 0 || (brace && (i >= str.size() || str[i] != '}'))) {
      dst.push_back('$');
      continue;
    }
    std::string_view name = str.substr(0, i);
    if (brace) {
      ++i;
    }
    long num = 0;
    for (char c : name) {
      if (c < '0' || c > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (c - '0');
    }
    if (name[0] == '0' && name.size() > 1) {
      num = -1;
    }
    tmpl = str.substr(i);
    auto group = [&](std::size_t g) {
      if (2 * g + 1 < m.size() && m[2 * g] >= 0) {
        dst.append(src.substr(static_cast<std::size_t>(m[2 * g]), static_cast<std::size_t>(m[2 * g + 1] - m[2 * g])));
      }
    };
    if (num >= 0) {
      group(static_cast<std::size_t>(num));
    } else {
      for (std::size_t g = 0; g < m_names.size(); ++g) {
        if (m_names[g] == name) {
          group(g);
          break;
        }
      }
    }
  }
  dst.append(tmpl);
}

std::string Regexp::replace_all(std::string_view src, std::string_view repl, bool literal) const
{
  std::string buf;
  std::size_t last_end = 0;
  std::size_t search = 0;
  while (search <= src.size()) {
    auto a = find_at(src, search);
    if (!a) {
      break;
    }
    auto a0 = static_cast<std::size_t>((*a)[0]);
    auto a1 = static_cast<std::size_t>((*a)[1]);
    buf.append(src.substr(last_end, a0 - last_end));
    if (a1 > last_end || a0 == 0) {
      if (literal) {
        buf.append(repl);
      } else {
        expand(buf, repl, src, *a);
      }
    }
    last_end = a1;
    std::size_t width = search < src.size() ? static_cast<std::size_t>(go::decode_rune(src.substr(search)).width) : 0;
    if (search + width > a1) {
      search += width;
    } else if (search + 1 > a1) {
      ++search;
    } else {
      search = a1;
    }
  }
  buf.append(src.substr(last_end));
  return buf;
}

std::vector<std::string> Regexp::split(std::string_view s, int n) const
{
  std::vector<std::string> out;
  if (n == 0) {
    return out;
  }
  if (!m_expr.empty() && s.empty()) {
    out.emplace_back();
    return out;
  }
  auto matches = find_all(s, n);
  std::size_t beg = 0;
  std::size_t end = 0;
  for (const auto& m : matches) {
    if (n > 0 && static_cast<int>(out.size()) == n - 1) {
      break;
    }
    end = static_cast<std::size_t>(m[0]);
    if (m[1] != 0) {
      out.emplace_back(s.substr(beg, end - beg));
    }
    beg = static_cast<std::size_t>(m[1]);
  }
  if (end != s.size()) {
    out.emplace_back(s.substr(beg));
  }
  return out;
}

std::string regexp_quote_meta(std::string_view s)
{
  std::string out;
  out.reserve(s.size() * 2);
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out;
}

} // namespace pave::tmpl::sprig