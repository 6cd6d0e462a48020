#include <pave/template/sprig/strings_util.hpp>

#include <algorithm>
#include <limits>

#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

bool in_cutset(char32_t r, std::string_view cutset)
{
  bool found = false;
  for_each_rune(cutset, [&](char32_t c) { found = found || c == r; });
  return found;
}

} // namespace

std::string_view trim_cutset(std::string_view s, std::string_view cutset)
{
  if (s.empty() || cutset.empty()) {
    return s;
  }
  while (!s.empty()) {
    auto d = go::decode_rune(s);
    if (!in_cutset(d.rune, cutset)) {
      break;
    }
    s.remove_prefix(static_cast<std::size_t>(d.width));
  }
  while (!s.empty()) {
    auto d = go::decode_last_rune(s);
    if (!in_cutset(d.rune, cutset)) {
      break;
    }
    s.remove_suffix(static_cast<std::size_t>(d.width));
  }
  return s;
}

std::string replace_all(std::string_view s, std::string_view old, std::string_view repl)
{
  std::string out;
  if (old.empty()) {
    // Matches at the start and after each UTF-8 sequence.
    out.reserve(s.size() + (s.size() + 1) * repl.size());
    out.append(repl);
    while (!s.empty()) {
      auto w = static_cast<std::size_t>(go::decode_rune(s).width);
      out.append(s.substr(0, w));
      out.append(repl);
      s.remove_prefix(w);
    }
    return out;
  }
  out.reserve(s.size());
  std::size_t pos = 0;
  while (true) {
    std::size_t m = s.find(old, pos);
    if (m == std::string_view::npos) {
      break;
    }
    out.append(s.substr(pos, m - pos));
    out.append(repl);
    pos = m + old.size();
  }
  out.append(s.substr(pos));
  return out;
}

std::vector<std::string_view> split_go(std::string_view s, std::string_view sep, std::int64_t n)
{
  std::vector<std::string_view> out;
  if (n == 0) {
    return out;
  }
  if (sep.empty()) {
    auto l = static_cast<std::int64_t>(go::rune_count(s));
    if (n < 0 || n > l) {
      n = l;
    }
    for (std::int64_t i = 0; i < n - 1; ++i) {
      auto w = static_cast<std::size_t>(go::decode_rune(s).width);
      out.push_back(s.substr(0, w));
      s.remove_prefix(w);
    }
    if (n > 0) {
      out.push_back(s);
    }
    return out;
  }
  if (n < 0) {
    n = std::numeric_limits<std::int64_t>::max();
  }
  while (static_cast<std::int64_t>(out.size()) < n - 1) {
    std::size_t m = s.find(sep);
    if (m == std::string_view::npos) {
      break;
    }
    out.push_back(s.substr(0, m));
    s.remove_prefix(m + sep.size());
  }
  out.push_back(s);
  return out;
}

std::string indent(std::int64_t spaces, std::string_view s, bool leading_newline)
{
  if (spaces < 0) {
    fail("strings: negative Repeat count");
  }
  std::string pad(static_cast<std::size_t>(spaces), ' ');
  std::string out;
  auto lines = static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
  out.reserve(s.size() + (lines + 1) * pad.size() + 1);
  if (leading_newline) {
    out.push_back('\n');
  }
  out.append(pad);
  // Line by line: a copy per line, not per character.
  for (std::size_t start = 0; start < s.size();) {
    const std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.append(s.substr(start));
      break;
    }
    out.append(s.substr(start, nl + 1 - start));
    out.append(pad);
    start = nl + 1;
  }
  return out;
}

} // namespace pave::tmpl::sprig
