#include <pave/chart/ignore.hpp>

#include <pave/chart/path_match.hpp>

namespace pave::chart {

namespace {

std::string_view trim_space(std::string_view s)
{
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && sp(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && sp(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

} // namespace

util::Result<IgnoreRules> IgnoreRules::parse(std::string_view text)
{
  IgnoreRules r;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    auto line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    PAVE_TRY(r.parse_rule(line));
    if (nl == std::string_view::npos) {
      break;
    }
    start = nl + 1;
  }
  return r;
}

void IgnoreRules::add_defaults()
{
  (void)parse_rule("templates/.?*");
}

util::Result<void> IgnoreRules::parse_rule(std::string_view rule)
{
  rule = trim_space(rule);
  if (rule.empty() || rule.starts_with("#")) {
    return {};
  }
  if (rule.find("**") != std::string_view::npos) {
    return util::fail("double-star (**) syntax is not supported");
  }
  PAVE_TRY(go_path_match(rule, "abc"));
  Pattern p;
  if (rule.starts_with("!")) {
    p.negate = true;
    rule.remove_prefix(1);
  }
  if (rule.ends_with("/")) {
    p.must_dir = true;
    rule.remove_suffix(1);
  }
  if (rule.starts_with("/")) {
    p.anchor = Anchor::root;
    rule.remove_prefix(1);
  } else if (rule.find('/') != std::string_view::npos) {
    p.anchor = Anchor::structural;
  } else {
    p.anchor = Anchor::basename;
  }
  p.rule = std::string(rule);
  auto plain = [](std::string_view s) { return s.find_first_of("*?[\\") == std::string_view::npos; };
  if (plain(rule)) {
    p.form = Form::literal;
  } else if (rule.size() > 1 && rule[0] == '*' && plain(rule.substr(1))) {
    p.form = Form::star_suffix;
  }
  m_patterns.push_back(std::move(p));
  return {};
}

bool IgnoreRules::match(const Pattern& p, std::string_view path)
{
  std::string_view n = path;
  if (p.anchor == Anchor::basename) {
    // filepath.Base
    while (n.size() > 1 && n.back() == '/') {
      n.remove_suffix(1);
    }
    if (auto slash = n.rfind('/'); slash != std::string_view::npos && n.size() > 1) {
      n = n.substr(slash + 1);
    }
  }
  switch (p.form) {
  case Form::literal: // no meta characters: filepath.Match is equality
    return n == p.rule;
  case Form::star_suffix: { // '*' matches any run of non-separators, then the literal rest
    const std::string_view suffix = std::string_view(p.rule).substr(1);
    return n.ends_with(suffix) && n.substr(0, n.size() - suffix.size()).find('/') == std::string_view::npos;
  }
  case Form::glob:
    break;
  }
  auto r = go_path_match(p.rule, n);
  return r && *r;
}

bool IgnoreRules::ignore(std::string_view path, bool is_dir) const
{
  if (path.empty() || path == "." || path == "./") {
    return false;
  }
  bool positive = false, negative = false;
  for (const auto& p : m_patterns) {
    if (p.negate) {
      if (p.must_dir && !is_dir) {
        continue;
      }
      if (!match(p, path)) {
        continue;
      }
      negative = true;
    }
    if (p.must_dir && !is_dir) {
      continue;
    }
    if (match(p, path)) {
      positive = true;
    }
  }
  return positive && !negative;
}

} // namespace pave::chart
