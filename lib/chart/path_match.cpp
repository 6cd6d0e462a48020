#include <pave/chart/path_match.hpp>

#include <string>
#include <vector>

#include <pave/template/strconv.hpp>

namespace pave::chart {

// ---------------------------------------------------------------- filepath.Match

namespace {

struct BadPattern
{
};

// scanChunk: leading stars, then the chunk up to the next unbracketed '*'.
void scan_chunk(std::string_view& pattern, bool& star, std::string_view& chunk)
{
  star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool inrange = false;
  std::size_t i = 0;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) {
        ++i;
      }
    } else if (c == '[') {
      inrange = true;
    } else if (c == ']') {
      inrange = false;
    } else if (c == '*' && !inrange) {
      break;
    }
  }
  chunk = pattern.substr(0, i);
  pattern.remove_prefix(i);
}

char32_t get_esc(std::string_view& chunk)
{
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') {
    throw BadPattern{};
  }
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) {
      throw BadPattern{};
    }
  }
  const auto d = tmpl::go::decode_rune(chunk);
  if (d.rune == tmpl::go::k_rune_error && d.width == 1) {
    throw BadPattern{};
  }
  chunk.remove_prefix(static_cast<std::size_t>(d.width));
  if (chunk.empty()) {
    throw BadPattern{};
  }
  return d.rune;
}

// matchChunk: returns true and the rest of s when chunk matches a prefix of s.
bool match_chunk(std::string_view chunk, std::string_view s, std::string_view& rest)
{
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty()) {
      failed = true;
    }
    switch (chunk[0]) {
    case '[': {
      char32_t r = 0;
      if (!failed) {
        const auto d = tmpl::go::decode_rune(s);
        r = d.rune;
        s.remove_prefix(static_cast<std::size_t>(d.width));
      }
      chunk.remove_prefix(1);
      bool negated = false;
      if (!chunk.empty() && chunk[0] == '^') {
        negated = true;
        chunk.remove_prefix(1);
      }
      bool match = false;
      int nrange = 0;
      for (;;) {
        if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
          chunk.remove_prefix(1);
          break;
        }
        const char32_t lo = get_esc(chunk);
        char32_t hi = lo;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          hi = get_esc(chunk);
        }
        if (lo <= r && r <= hi) {
          match = true;
        }
        ++nrange;
      }
      if (match == negated) {
        failed = true;
      }
      break;
    }
    case '?':
      if (!failed) {
        if (s[0] == '/') {
          failed = true;
        }
        const auto d = tmpl::go::decode_rune(s);
        s.remove_prefix(static_cast<std::size_t>(d.width));
      }
      chunk.remove_prefix(1);
      break;
    case '\\':
      chunk.remove_prefix(1);
      if (chunk.empty()) {
        throw BadPattern{};
      }
      [[fallthrough]];
    default:
      if (!failed) {
        if (chunk[0] != s[0]) {
          failed = true;
        }
        s.remove_prefix(1);
      }
      chunk.remove_prefix(1);
      break;
    }
  }
  if (failed) {
    return false;
  }
  rest = s;
  return true;
}

bool path_match(std::string_view pattern, std::string_view name)
{
  while (!pattern.empty()) {
    bool star = false;
    std::string_view chunk;
    scan_chunk(pattern, star, chunk);
    if (star && chunk.empty()) {
      return name.find('/') == std::string_view::npos;
    }
    std::string_view t;
    if (match_chunk(chunk, name, t) && (t.empty() || !pattern.empty())) {
      name = t;
      continue;
    }
    bool found = false;
    if (star) {
      for (std::size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        if (match_chunk(chunk, name.substr(i + 1), t)) {
          if (pattern.empty() && !t.empty()) {
            continue;
          }
          name = t;
          found = true;
          break;
        }
      }
    }
    if (found) {
      continue;
    }
    // Check that the rest of the pattern is well formed before failing.
    while (!pattern.empty()) {
      scan_chunk(pattern, star, chunk);
      std::string_view ignored;
      match_chunk(chunk, "", ignored);
    }
    return false;
  }
  return name.empty();
}

} // namespace

util::Result<bool> go_path_match(std::string_view pattern, std::string_view name)
{
  try {
    return path_match(pattern, name);
  } catch (const BadPattern&) {
    return util::fail("syntax error in pattern");
  }
}

// ---------------------------------------------------------------- gobwas/glob

namespace {

enum class NodeKind { literal, any, super, single, cls };

struct Node
{
  NodeKind kind;
  char32_t rune = 0;                                ///< literal
  std::vector<std::pair<char32_t, char32_t>> ranges; ///< cls
  bool negated = false;                             ///< cls
};

using Seq = std::vector<Node>;
constexpr std::size_t k_max_expansions = 4096;

struct GlobParser
{
  std::string_view p;
  std::size_t pos = 0;
  bool bad = false;

  char32_t next_rune()
  {
    const auto d = tmpl::go::decode_rune(p.substr(pos));
    pos += static_cast<std::size_t>(d.width);
    return d.rune;
  }

  // Parses until end (depth 0) or an unnested ',' / '}' (depth > 0); returns
  // every expansion of the alternatives.
  std::vector<Seq> parse(int depth)
  {
    std::vector<Seq> out{Seq{}};
    auto append = [&](const Node& n) {
      for (auto& s : out) {
        s.push_back(n);
      }
    };
    while (pos < p.size() && !bad) {
      const char c = p[pos];
      if (depth > 0 && (c == ',' || c == '}')) {
        return out;
      }
      if (c == '\\') {
        ++pos;
        if (pos >= p.size()) {
          bad = true;
          break;
        }
        append(Node{NodeKind::literal, next_rune()});
      } else if (c == '*') {
        ++pos;
        if (pos < p.size() && p[pos] == '*') {
          ++pos;
          append(Node{NodeKind::super});
        } else {
          append(Node{NodeKind::any});
        }
      } else if (c == '?') {
        ++pos;
        append(Node{NodeKind::single});
      } else if (c == '[') {
        ++pos;
        Node n{NodeKind::cls};
        if (pos < p.size() && p[pos] == '!') {
          n.negated = true;
          ++pos;
        }
        bool closed = false;
        while (pos < p.size()) {
          if (p[pos] == ']') {
            ++pos;
            closed = true;
            break;
          }
          const char32_t lo = next_rune();
          char32_t hi = lo;
          if (pos + 1 < p.size() && p[pos] == '-' && p[pos + 1] != ']') {
            ++pos;
            hi = next_rune();
          }
          n.ranges.emplace_back(lo, hi);
        }
        if (!closed || n.ranges.empty()) {
          bad = true;
          break;
        }
        append(n);
      } else if (c == '{') {
        ++pos;
        std::vector<Seq> alts;
        for (;;) {
          auto part = parse(depth + 1);
          alts.insert(alts.end(), part.begin(), part.end());
          if (bad || pos >= p.size()) {
            bad = true;
            break;
          }
          if (p[pos++] == '}') {
            break;
          }
        }
        if (bad) {
          break;
        }
        std::vector<Seq> combined;
        for (const auto& s : out) {
          for (const auto& a : alts) {
            Seq x = s;
            x.insert(x.end(), a.begin(), a.end());
            combined.push_back(std::move(x));
            if (combined.size() > k_max_expansions) {
              bad = true;
              return out;
            }
          }
        }
        out = std::move(combined);
      } else {
        append(Node{NodeKind::literal, next_rune()});
      }
    }
    if (depth > 0 && pos >= p.size()) {
      bad = true;
    }
    return out;
  }
};

bool match_seq(const Seq& seq, std::size_t i, std::string_view name)
{
  while (i < seq.size()) {
    const Node& n = seq[i];
    switch (n.kind) {
    case NodeKind::literal: {
      if (name.empty()) {
        return false;
      }
      const auto d = tmpl::go::decode_rune(name);
      if (d.rune != n.rune) {
        return false;
      }
      name.remove_prefix(static_cast<std::size_t>(d.width));
      ++i;
      break;
    }
    case NodeKind::single: {
      if (name.empty() || name[0] == '/') {
        return false;
      }
      name.remove_prefix(static_cast<std::size_t>(tmpl::go::decode_rune(name).width));
      ++i;
      break;
    }
    case NodeKind::cls: {
      if (name.empty()) {
        return false;
      }
      const auto d = tmpl::go::decode_rune(name);
      bool in = false;
      for (const auto& [lo, hi] : n.ranges) {
        if (lo <= d.rune && d.rune <= hi) {
          in = true;
        }
      }
      if (in == n.negated) {
        return false;
      }
      name.remove_prefix(static_cast<std::size_t>(d.width));
      ++i;
      break;
    }
    case NodeKind::any:
    case NodeKind::super: {
      if (i + 1 == seq.size()) {
        return n.kind == NodeKind::super || name.find('/') == std::string_view::npos;
      }
      for (std::size_t k = 0;; ++k) {
        if (match_seq(seq, i + 1, name.substr(k))) {
          return true;
        }
        if (k >= name.size() || (n.kind == NodeKind::any && name[k] == '/')) {
          return false;
        }
      }
    }
    }
  }
  return name.empty();
}

} // namespace

GlobResult glob_match(std::string_view pattern, std::string_view name)
{
  GlobParser parser{pattern};
  auto seqs = parser.parse(0);
  if (parser.bad) {
    return {false, false};
  }
  for (const auto& s : seqs) {
    if (match_seq(s, 0, name)) {
      return {true, true};
    }
  }
  return {true, false};
}

} // namespace pave::chart
