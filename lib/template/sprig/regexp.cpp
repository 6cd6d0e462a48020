// Go's regexp over RE2: syntax differences and error texts at compile time,
// Go's empty-match rules for FindAll, ReplaceAll and Split at match time.
#include <pave/template/sprig/regexp.hpp>

#include <algorithm>

#include <re2/re2.h>

#include <pave/template/unicode.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

namespace {

/// Go's regexp/syntax ErrorCode texts for RE2's error codes.
std::string_view go_error_text(RE2::ErrorCode code)
{
  switch (code) {
  case RE2::ErrorBadEscape: return "invalid escape sequence";
  case RE2::ErrorBadCharClass: return "invalid character class";
  case RE2::ErrorBadCharRange: return "invalid character class range";
  case RE2::ErrorMissingBracket: return "missing closing ]";
  case RE2::ErrorMissingParen: return "missing closing )";
  case RE2::ErrorUnexpectedParen: return "unexpected )";
  case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
  case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
  case RE2::ErrorRepeatSize: return "invalid repeat count";
  case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
  case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
  case RE2::ErrorBadUTF8: return "invalid UTF-8";
  case RE2::ErrorBadNamedCapture: return "invalid named capture";
  case RE2::ErrorPatternTooLarge: return "expression too large";
  default: return "regexp/syntax: internal error";
  }
}

/// Go's syntax as RE2 syntax: the same but for `\C` (any byte in RE2, an
/// invalid escape in Go), which becomes the likewise invalid `\Z` so that RE2
/// reports the first error where Go does. Same length as `expr`.
std::string to_re2_syntax(std::string_view expr)
{
  std::string out(expr);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] != '\\') {
      continue;
    }
    if (out[i + 1] == 'Q') {
      // \Q...\E is literal text.
      const auto end = out.find("\\E", i + 2);
      if (end == std::string::npos) {
        break;
      }
      i = end + 1;
      continue;
    }
    if (out[i + 1] == 'C') {
      out[i + 1] = 'Z';
    }
    ++i;
  }
  return out;
}

/// The text of `expr` that RE2's error argument `arg` (a part of the
/// rewritten `re2_expr`, which has the same length) stands for.
std::string original_arg(std::string_view expr, std::string_view re2_expr, std::string_view arg)
{
  const auto at = re2_expr.find(arg);
  return std::string(at == std::string_view::npos ? arg : expr.substr(at, arg.size()));
}

re2::StringPiece piece(std::string_view s)
{
  return re2::StringPiece(s.data(), s.size());
}

} // namespace

Regexp::~Regexp() = default;

std::shared_ptr<const Regexp> Regexp::compile(std::string_view expr, std::string& error)
{
  const std::string re2_expr = to_re2_syntax(expr);
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(piece(re2_expr), options);
  if (!re->ok()) {
    error = "error parsing regexp: " + std::string(go_error_text(re->error_code())) + ": `" +
            original_arg(expr, re2_expr, re->error_arg()) + "`";
    return nullptr;
  }
  std::shared_ptr<Regexp> out(new Regexp());
  out->m_expr = std::string(expr);
  out->m_groups = re->NumberOfCapturingGroups();
  out->m_names.resize(static_cast<std::size_t>(out->m_groups) + 1);
  for (const auto& [index, name] : re->CapturingGroupNames()) {
    out->m_names[static_cast<std::size_t>(index)] = name;
  }
  out->m_re = std::move(re);
  return out;
}

bool Regexp::matches(std::string_view s) const
{
  return m_re->Match(piece(s), 0, s.size(), RE2::UNANCHORED, nullptr, 0);
}

std::optional<Regexp::Match> Regexp::find_at(std::string_view s, std::size_t pos) const
{
  if (pos > s.size()) {
    return std::nullopt;
  }
  const auto n = static_cast<std::size_t>(m_groups) + 1;
  std::vector<re2::StringPiece> sub(n);
  if (!m_re->Match(piece(s), pos, s.size(), RE2::UNANCHORED, sub.data(), static_cast<int>(n))) {
    return std::nullopt;
  }
  Match m(2 * n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (sub[i].data() != nullptr) {
      m[2 * i] = static_cast<int>(sub[i].data() - s.data());
      m[2 * i + 1] = m[2 * i] + static_cast<int>(sub[i].size());
    }
  }
  return m;
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