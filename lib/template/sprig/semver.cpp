// Sprig's semver and semverCompare over Masterminds/semver v3 (parsing and
// constraint checks are chart/semver's port). `semver` returns a
// *semver.Version object with the library's methods.
#include <pave/chart/semver.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

/// *semver.Version (pointer = true) or semver.Version (a value, from IncMajor ...).
class SemverObject : public Object
{
public:
  SemverObject(chart::Version v, std::string original, bool pointer)
    : m_v(std::move(v)), m_original(std::move(original)), m_pointer(pointer)
  {
  }
  std::string type_name() const override { return m_pointer ? "*semver.Version" : "semver.Version"; }
  std::string kind_name() const override { return m_pointer ? "ptr" : "struct"; }
  std::string format() const override { return m_v.str(); }
  Value to_data() const override { return Value(m_v.str()); }
  bool has_method(std::string_view name) const override
  {
    if (!m_pointer && (name == "Original" || name == "Compare" || name == "LessThan" || name == "GreaterThan"
                       || name == "Equal")) {
      return false;
    }
    return member_known(name);
  }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override;

  const chart::Version& version() const { return m_v; }

private:
  static bool member_known(std::string_view name)
  {
    for (const char* m : {"Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String", "Compare",
                          "LessThan", "GreaterThan", "Equal", "IncMajor", "IncMinor", "IncPatch", "SetPrerelease",
                          "SetMetadata", "MarshalJSON", "MarshalText"}) {
      if (name == m) {
        return true;
      }
    }
    return false;
  }
  std::string v_prefix() const { return !m_original.empty() && m_original[0] == 'v' ? "v" : ""; }
  Value derived(chart::Version next) const
  {
    std::string original = v_prefix() + next.str();
    return Value::object(std::make_shared<SemverObject>(std::move(next), std::move(original), false));
  }

  chart::Version m_v;
  std::string m_original;
  bool m_pointer;
};

void want_args(std::string_view name, std::span<const Value> args, std::size_t n)
{
  if (args.size() != n) {
    fail("wrong number of args for " + std::string(name) + ": want " + std::to_string(n) + " got "
         + std::to_string(args.size()));
  }
}

const SemverObject& other_version(const Value& v)
{
  if (v.is_object()) {
    if (const auto* s = dynamic_cast<const SemverObject*>(&v.as_object()); s != nullptr && s->kind_name() == "ptr") {
      return *s;
    }
  }
  fail("wrong type for value; expected *semver.Version; got " + v.type_name());
}

bool valid_idents(std::string_view s)
{
  std::size_t b = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      for (char c : s.substr(b, i - b)) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
          return false;
        }
      }
      b = i + 1;
    }
  }
  return true;
}

std::optional<Value> SemverObject::member(std::string_view name, std::span<const Value> args) const
{
  auto u = [](std::uint64_t x) { return Value(x, IntType::uint64); };
  // Pointer-receiver methods do not exist on a semver.Version value.
  if (!m_pointer && (name == "Original" || name == "Compare" || name == "LessThan" || name == "GreaterThan"
                     || name == "Equal")) {
    return std::nullopt;
  }
  if (name == "Major" || name == "Minor" || name == "Patch" || name == "Prerelease" || name == "Metadata"
      || name == "Original" || name == "String" || name == "IncMajor" || name == "IncMinor" || name == "IncPatch"
      || name == "MarshalJSON" || name == "MarshalText") {
    want_args(name, args, 0);
  }
  if (name == "Major") {
    return u(m_v.major);
  }
  if (name == "Minor") {
    return u(m_v.minor);
  }
  if (name == "Patch") {
    return u(m_v.patch);
  }
  if (name == "Prerelease") {
    return Value(m_v.prerelease);
  }
  if (name == "Metadata") {
    return Value(m_v.metadata);
  }
  if (name == "Original") {
    return Value(m_original);
  }
  if (name == "String") {
    return Value(m_v.str());
  }
  if (name == "MarshalJSON") {
    return Value::bytes("\"" + m_v.str() + "\"");
  }
  if (name == "MarshalText") {
    return Value::bytes(m_v.str());
  }
  if (name == "Compare" || name == "LessThan" || name == "GreaterThan" || name == "Equal") {
    want_args(name, args, 1);
    int c = chart::compare(m_v, other_version(args[0]).version());
    if (name == "Compare") {
      return int_value(c);
    }
    return Value(name == "LessThan" ? c < 0 : name == "GreaterThan" ? c > 0 : c == 0);
  }
  if (name == "IncPatch") {
    chart::Version next = m_v;
    if (m_v.prerelease.empty()) {
      ++next.patch;
    }
    next.prerelease.clear();
    next.metadata.clear();
    return derived(std::move(next));
  }
  if (name == "IncMinor" || name == "IncMajor") {
    chart::Version next = m_v;
    next.prerelease.clear();
    next.metadata.clear();
    next.patch = 0;
    if (name == "IncMinor") {
      ++next.minor;
    } else {
      next.minor = 0;
      ++next.major;
    }
    return derived(std::move(next));
  }
  if (name == "SetPrerelease" || name == "SetMetadata") {
    want_args(name, args, 1);
    std::string_view s = arg_string(args[0]);
    if (!s.empty() && !valid_idents(s)) {
      fail(name == "SetPrerelease" ? "Invalid Prerelease string" : "Invalid Metadata string");
    }
    chart::Version next = m_v;
    (name == "SetPrerelease" ? next.prerelease : next.metadata) = std::string(s);
    return derived(std::move(next));
  }
  return std::nullopt;
}

Value parse_semver(std::string_view s)
{
  auto v = chart::Version::parse(s);
  if (!v) {
    fail(v.error().message);
  }
  return Value::object(std::make_shared<SemverObject>(std::move(*v), std::string(s), true));
}

} // namespace

void add_semver_functions(FunctionTable& t)
{
  def(t, "semver", {{P::string}, false, true}, [](CallContext&, Args a) { return parse_semver(arg_string(a[0])); });
  def(t, "semverCompare", {{P::string, P::string}, false, true}, [](CallContext&, Args a) {
    std::string_view text = arg_string(a[0]);
    if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) {
      fail("improper constraint: " + std::string(text)); // Masterminds rejects an empty constraint
    }
    auto c = chart::Constraints::parse(text);
    if (!c) {
      fail(c.error().message);
    }
    auto v = chart::Version::parse(arg_string(a[1]));
    if (!v) {
      fail(v.error().message);
    }
    return Value(c->check(*v));
  });
}

} // namespace pave::tmpl::sprig
