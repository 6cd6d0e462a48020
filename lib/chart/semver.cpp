#include <pave/chart/semver.hpp>

#include <charconv>

namespace pave::chart {

namespace {

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_ident_char(char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/// Dot-separated identifiers of [0-9A-Za-z-]+.
bool valid_idents(std::string_view s)
{
  if (s.empty()) {
    return false;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      if (i == start) {
        return false;
      }
      start = i + 1;
    } else if (!is_ident_char(s[i])) {
      return false;
    }
  }
  return true;
}

bool parse_u64(std::string_view s, std::uint64_t& out)
{
  if (s.empty()) {
    return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

bool all_digits(std::string_view s)
{
  for (char c : s) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return !s.empty();
}

int compare_pre_part(std::string_view s, std::string_view o)
{
  if (s == o) {
    return 0;
  }
  if (s.empty()) {
    return -1;
  }
  if (o.empty()) {
    return 1;
  }
  std::uint64_t si = 0, oi = 0;
  const bool sn = parse_u64(s, si);
  const bool on = parse_u64(o, oi);
  if (!sn && !on) {
    return s > o ? 1 : -1;
  }
  if (!on) {
    return -1;
  }
  if (!sn) {
    return 1;
  }
  return si > oi ? 1 : -1;
}

int compare_prerelease(std::string_view a, std::string_view b)
{
  std::vector<std::string_view> ap, bp;
  auto split = [](std::string_view s, std::vector<std::string_view>& out) {
    std::size_t start = 0;
    for (;;) {
      auto dot = s.find('.', start);
      out.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (dot == std::string_view::npos) {
        return;
      }
      start = dot + 1;
    }
  };
  split(a, ap);
  split(b, bp);
  const std::size_t n = std::max(ap.size(), bp.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int d = compare_pre_part(i < ap.size() ? ap[i] : std::string_view{}, i < bp.size() ? bp[i] : std::string_view{});
    if (d != 0) {
      return d;
    }
  }
  return 0;
}

bool is_x(std::string_view s)
{
  return s == "x" || s == "X" || s == "*";
}

} // namespace

util::Result<Version> Version::parse(std::string_view s)
{
  auto invalid = [] { return util::fail("Invalid Semantic Version"); };
  std::string_view rest = s;
  if (!rest.empty() && rest[0] == 'v') {
    rest.remove_prefix(1);
  }
  Version v;
  std::string_view core = rest;
  std::string_view pre, meta;
  bool has_pre = false, has_meta = false;
  if (auto plus = rest.find('+'); plus != std::string_view::npos) {
    meta = rest.substr(plus + 1);
    has_meta = true;
    core = rest.substr(0, plus);
  }
  if (auto dash = core.find('-'); dash != std::string_view::npos) {
    pre = core.substr(dash + 1);
    has_pre = true;
    core = core.substr(0, dash);
  }
  std::uint64_t* parts[] = {&v.major, &v.minor, &v.patch};
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    auto dot = core.find('.', start);
    std::string_view seg = core.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!all_digits(seg)) {
      return invalid();
    }
    if (!parse_u64(seg, *parts[i])) {
      return util::fail("Error parsing version segment");
    }
    if (dot == std::string_view::npos) {
      start = core.size() + 1;
      break;
    }
    start = dot + 1;
    if (i == 2) {
      return invalid();
    }
  }
  if (start <= core.size()) {
    return invalid();
  }
  if (has_pre) {
    if (!valid_idents(pre)) {
      return invalid();
    }
    std::size_t b = 0;
    for (std::size_t i = 0; i <= pre.size(); ++i) {
      if (i == pre.size() || pre[i] == '.') {
        auto part = pre.substr(b, i - b);
        if (all_digits(part) && part.size() > 1 && part[0] == '0') {
          return util::fail("Version segment starts with 0");
        }
        b = i + 1;
      }
    }
    v.prerelease = std::string(pre);
  }
  if (has_meta) {
    if (!valid_idents(meta)) {
      return invalid();
    }
    v.metadata = std::string(meta);
  }
  return v;
}

std::string Version::str() const
{
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) {
    s += "-" + prerelease;
  }
  if (!metadata.empty()) {
    s += "+" + metadata;
  }
  return s;
}

int compare(const Version& a, const Version& b)
{
  auto seg = [](std::uint64_t x, std::uint64_t y) { return x < y ? -1 : (x > y ? 1 : 0); };
  if (int d = seg(a.major, b.major)) {
    return d;
  }
  if (int d = seg(a.minor, b.minor)) {
    return d;
  }
  if (int d = seg(a.patch, b.patch)) {
    return d;
  }
  if (a.prerelease.empty() && b.prerelease.empty()) {
    return 0;
  }
  if (a.prerelease.empty()) {
    return 1;
  }
  if (b.prerelease.empty()) {
    return -1;
  }
  return compare_prerelease(a.prerelease, b.prerelease);
}

// ---------------------------------------------------------------- constraints

namespace {

using Item = Constraints::Item;

bool is_op_char(char c)
{
  return c == '=' || c == '<' || c == '>' || c == '!' || c == '~' || c == '^';
}

bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

util::Result<Item> parse_item(std::string_view op, std::string_view ver, std::string_view orig)
{
  static constexpr std::string_view k_ops[] = {"", "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^"};
  bool known = false;
  for (auto o : k_ops) {
    known = known || o == op;
  }
  if (!known || ver.empty()) {
    return util::fail("improper constraint: {}", orig);
  }
  Item it;
  it.op = std::string(op);
  std::string_view v = ver;
  if (v[0] == 'v') {
    v.remove_prefix(1);
  }
  // Split off prerelease/metadata; the core may contain wildcards.
  std::string_view core = v, tail;
  if (auto p = v.find_first_of("-+"); p != std::string_view::npos) {
    core = v.substr(0, p);
    tail = v.substr(p);
  }
  std::vector<std::string_view> segs;
  std::size_t start = 0;
  for (;;) {
    auto dot = core.find('.', start);
    segs.push_back(core.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  if (segs.size() > 3) {
    return util::fail("improper constraint: {}", orig);
  }
  for (auto s : segs) {
    if (!is_x(s) && !all_digits(s)) {
      return util::fail("improper constraint: {}", orig);
    }
  }
  std::string pre(tail.empty() || tail[0] != '-' ? std::string_view{} : tail);
  if (auto plus = pre.find('+'); plus != std::string::npos) {
    pre.resize(plus);
  }
  std::string norm;
  if (is_x(segs[0])) {
    norm = "0.0.0" + pre;
    it.dirty = true;
  } else if (segs.size() < 2 || is_x(segs[1])) {
    it.minor_dirty = it.dirty = true;
    norm = std::string(segs[0]) + ".0.0" + pre;
  } else if (segs.size() < 3 || is_x(segs[2])) {
    it.patch_dirty = it.dirty = true;
    norm = std::string(segs[0]) + "." + std::string(segs[1]) + ".0" + pre;
  } else {
    norm = std::string(v);
  }
  auto parsed = Version::parse(norm);
  if (!parsed) {
    return util::fail("improper constraint: {}", orig);
  }
  it.con = std::move(*parsed);
  return it;
}

bool check_tilde(const Version& v, const Item& c)
{
  if (compare(v, c.con) < 0) {
    return false;
  }
  if (c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minor_dirty && !c.patch_dirty) {
    return true;
  }
  if (v.major != c.con.major) {
    return false;
  }
  if (v.minor != c.con.minor && !c.minor_dirty) {
    return false;
  }
  return true;
}

bool check_item(const Version& v, const Item& c)
{
  const bool pre_mismatch = !v.prerelease.empty() && c.con.prerelease.empty();
  const std::string& op = c.op;
  if (op.empty() || op == "=") {
    if (pre_mismatch) {
      return false;
    }
    return c.dirty ? check_tilde(v, c) : compare(v, c.con) == 0;
  }
  if (op == "!=") {
    if (c.dirty) {
      if (pre_mismatch) {
        return false;
      }
      if (c.con.major != v.major) {
        return true;
      }
      if (c.con.minor != v.minor && !c.minor_dirty) {
        return true;
      }
      if (c.minor_dirty) {
        return false;
      }
      if (c.con.patch != v.patch && !c.patch_dirty) {
        return true;
      }
      if (c.patch_dirty) {
        if (!v.prerelease.empty() || !c.con.prerelease.empty()) {
          return compare_prerelease(v.prerelease, c.con.prerelease) != 0;
        }
        return false;
      }
    }
    return compare(v, c.con) != 0;
  }
  if (pre_mismatch) {
    return false;
  }
  if (op == ">") {
    if (!c.dirty) {
      return compare(v, c.con) == 1;
    }
    if (v.major > c.con.major) {
      return true;
    }
    if (v.major < c.con.major || c.minor_dirty) {
      return false;
    }
    if (c.patch_dirty) {
      return v.minor > c.con.minor;
    }
    return compare(v, c.con) == 1;
  }
  if (op == "<") {
    return compare(v, c.con) < 0;
  }
  if (op == ">=" || op == "=>") {
    return compare(v, c.con) >= 0;
  }
  if (op == "<=" || op == "=<") {
    if (!c.dirty) {
      return compare(v, c.con) <= 0;
    }
    if (v.major > c.con.major) {
      return false;
    }
    if (v.major == c.con.major && v.minor > c.con.minor && !c.minor_dirty) {
      return false;
    }
    return true;
  }
  if (op == "~" || op == "~>") {
    return check_tilde(v, c);
  }
  // "^"
  if (compare(v, c.con) < 0) {
    return false;
  }
  if (c.con.major > 0 || c.minor_dirty) {
    return v.major == c.con.major;
  }
  if (v.major > 0) {
    return false;
  }
  if (c.con.minor > 0 || c.patch_dirty) {
    return v.minor == c.con.minor;
  }
  if (v.minor > 0) {
    return false;
  }
  return c.con.patch == v.patch;
}

std::string_view trim(std::string_view s)
{
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

/// Parses one || group: comma- or space-separated "op version" items, with
/// hyphen ranges "A - B" rewritten to ">= A, <= B".
util::Result<std::vector<Item>> parse_group(std::string_view group)
{
  std::vector<Item> items;
  std::string_view s = trim(group);
  if (s.empty()) {
    Item any;
    any.op = "";
    any.con = Version{};
    any.dirty = true;
    items.push_back(any);
    return items;
  }
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (is_space(s[i]) || s[i] == ',')) {
      ++i;
    }
    if (i >= s.size()) {
      break;
    }
    const std::size_t op_start = i;
    while (i < s.size() && is_op_char(s[i])) {
      ++i;
    }
    std::string_view op = s.substr(op_start, i - op_start);
    while (i < s.size() && is_space(s[i])) {
      ++i;
    }
    const std::size_t v_start = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != ',' && !is_op_char(s[i])) {
      // '-' and '+' belong to the version (prerelease/metadata) and are not op chars.
      ++i;
    }
    std::string_view ver = s.substr(v_start, i - v_start);
    // Hyphen range: "A - B".
    std::size_t j = i;
    while (j < s.size() && is_space(s[j])) {
      ++j;
    }
    if (op.empty() && j + 1 < s.size() && s[j] == '-' && is_space(s[j + 1]) && j > i) {
      std::size_t k = j + 1;
      while (k < s.size() && is_space(s[k])) {
        ++k;
      }
      std::size_t e = k;
      while (e < s.size() && !is_space(s[e]) && s[e] != ',') {
        ++e;
      }
      PAVE_TRY_ASSIGN(auto lo, parse_item(">=", ver, group));
      PAVE_TRY_ASSIGN(auto hi, parse_item("<=", s.substr(k, e - k), group));
      items.push_back(std::move(lo));
      items.push_back(std::move(hi));
      i = e;
      continue;
    }
    PAVE_TRY_ASSIGN(auto item, parse_item(op, ver, trim(group)));
    items.push_back(std::move(item));
  }
  if (items.empty()) {
    return util::fail("improper constraint: {}", group);
  }
  return items;
}

} // namespace

util::Result<Constraints> Constraints::parse(std::string_view s)
{
  Constraints c;
  std::size_t start = 0;
  for (;;) {
    auto bar = s.find("||", start);
    auto group = s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    PAVE_TRY_ASSIGN(auto items, parse_group(group));
    c.m_groups.push_back(std::move(items));
    if (bar == std::string_view::npos) {
      break;
    }
    start = bar + 2;
  }
  return c;
}

bool Constraints::check(const Version& v) const
{
  for (const auto& group : m_groups) {
    bool ok = true;
    for (const auto& item : group) {
      if (!check_item(v, item)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      return true;
    }
  }
  return false;
}

bool is_compatible_range(std::string_view constraint, std::string_view version)
{
  if (constraint.empty()) {
    return true;
  }
  auto v = Version::parse(version);
  if (!v) {
    return false;
  }
  auto c = Constraints::parse(constraint);
  if (!c) {
    return false;
  }
  return c->check(*v);
}

} // namespace pave::chart
