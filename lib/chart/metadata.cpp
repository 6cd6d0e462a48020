#include <pave/chart/metadata.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <pave/chart/semver.hpp>
#include <pave/template/strconv.hpp>

namespace pave::chart {

using tmpl::Value;

std::string format_float32(double f)
{
  const float x = static_cast<float>(f);
  if (std::isnan(x)) {
    return "NaN";
  }
  if (std::isinf(x)) {
    return x > 0 ? "+Inf" : "-Inf";
  }
  if (x == 0) {
    return std::signbit(x) ? "-0" : "0";
  }
  // Shortest decimal digits that round-trip through float32.
  char buf[64];
  int prec = 0;
  for (; prec < 9; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, static_cast<double>(x));
    if (std::strtof(buf, nullptr) == x) {
      break;
    }
  }
  std::snprintf(buf, sizeof buf, "%.*e", prec, static_cast<double>(x));
  std::string s(buf);
  const bool neg = s[0] == '-';
  if (neg) {
    s.erase(0, 1);
  }
  const auto epos = s.find('e');
  const int exp = std::atoi(s.c_str() + epos + 1);
  std::string digits;
  for (std::size_t i = 0; i < epos; ++i) {
    if (s[i] != '.') {
      digits.push_back(s[i]);
    }
  }
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
  }
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits[0];
    if (digits.size() > 1) {
      out += "." + digits.substr(1);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    out += eb;
    return out;
  }
  const int dp = exp + 1; // digits before the decimal point
  if (dp <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-dp), '0') + digits;
  } else if (static_cast<std::size_t>(dp) >= digits.size()) {
    out += digits + std::string(static_cast<std::size_t>(dp) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(dp)) + "." + digits.substr(static_cast<std::size_t>(dp));
  }
  return out;
}

namespace {

const char* json_kind(const Value& v)
{
  switch (v.kind()) {
  case tmpl::Kind::boolean: return "bool";
  case tmpl::Kind::integer:
  case tmpl::Kind::unsigned_:
  case tmpl::Kind::floating: return "number";
  case tmpl::Kind::string: return "string";
  case tmpl::Kind::list: return "array";
  case tmpl::Kind::map: return "object";
  default: return "null";
  }
}

struct Decoder
{
  std::string_view file;
  std::string_view strct; ///< Go struct name for errors

  std::unexpected<util::Error> mismatch(const Value& v, std::string_view field, std::string_view type) const
  {
    return util::fail("cannot load {}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go "
                      "struct field {}.{} of type {}",
                      file, json_kind(v), strct, field, type);
  }

  /// A YAML scalar decoded into a Go string field (ghodss/yaml coerces numbers and bools).
  util::Result<void> str(const Value& v, std::string_view field, std::string& out) const
  {
    switch (v.kind()) {
    case tmpl::Kind::nil: return {};
    case tmpl::Kind::string: out = v.as_string(); return {};
    case tmpl::Kind::boolean: out = v.as_bool() ? "true" : "false"; return {};
    case tmpl::Kind::integer: out = std::to_string(v.as_int()); return {};
    case tmpl::Kind::unsigned_: out = std::to_string(v.as_uint()); return {};
    case tmpl::Kind::floating: {
      const double f = v.as_float();
      if (std::floor(f) == f && std::fabs(f) < 1e15) {
        out = std::to_string(static_cast<long long>(f));
      } else {
        out = format_float32(f);
      }
      return {};
    }
    default: return mismatch(v, field, "string");
    }
  }

  util::Result<void> strings(const Value& v, std::string_view field, std::vector<std::string>& out) const
  {
    if (v.is_nil()) {
      out.clear();
      return {};
    }
    if (!v.is_list()) {
      return mismatch(v, field, "[]string");
    }
    out.clear();
    for (const auto& e : v.elements()) {
      std::string s;
      PAVE_TRY(str(e, field, s));
      out.push_back(std::move(s));
    }
    return {};
  }

  util::Result<void> boolean(const Value& v, std::string_view field, bool& out) const
  {
    if (v.is_nil()) {
      return {};
    }
    if (!v.is_bool()) {
      return mismatch(v, field, "bool");
    }
    out = v.as_bool();
    return {};
  }
};

/// Go's encoding/json field matching: exact name first, then case-insensitive.
template <typename Fn> util::Result<void> for_fields(const Value& obj, Fn&& fn)
{
  for (const auto& [k, v] : obj.items()) {
    PAVE_TRY(fn(k, v));
  }
  return {};
}

bool key_is(std::string_view key, std::string_view field)
{
  if (key.size() != field.size()) {
    return false;
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(key[i]) != lower(field[i])) {
      return false;
    }
  }
  return true;
}

util::Result<void> decode_maintainer(const Value& v, std::string_view file, Maintainer& m)
{
  Decoder d{file, "Maintainer"};
  if (!v.is_map()) {
    return d.mismatch(v, "maintainers", "v2.Maintainer");
  }
  return for_fields(v, [&](std::string_view k, const Value& x) -> util::Result<void> {
    if (key_is(k, "name")) {
      return d.str(x, "name", m.name);
    }
    if (key_is(k, "email")) {
      return d.str(x, "email", m.email);
    }
    if (key_is(k, "url")) {
      return d.str(x, "url", m.url);
    }
    return {};
  });
}

util::Result<void> decode_dependency(const Value& v, std::string_view file, Dependency& dep)
{
  Decoder d{file, "Dependency"};
  if (!v.is_map()) {
    return d.mismatch(v, "dependencies", "v2.Dependency");
  }
  return for_fields(v, [&](std::string_view k, const Value& x) -> util::Result<void> {
    if (key_is(k, "name")) {
      return d.str(x, "name", dep.name);
    }
    if (key_is(k, "version")) {
      return d.str(x, "version", dep.version);
    }
    if (key_is(k, "repository")) {
      return d.str(x, "repository", dep.repository);
    }
    if (key_is(k, "condition")) {
      return d.str(x, "condition", dep.condition);
    }
    if (key_is(k, "tags")) {
      return d.strings(x, "tags", dep.tags);
    }
    if (key_is(k, "enabled")) {
      return d.boolean(x, "enabled", dep.enabled);
    }
    if (key_is(k, "import-values")) {
      if (x.is_nil()) {
        dep.import_values.clear();
        return {};
      }
      if (!x.is_list()) {
        return d.mismatch(x, "import-values", "[]interface {}");
      }
      dep.import_values = x.elements();
      return {};
    }
    if (key_is(k, "alias")) {
      return d.str(x, "alias", dep.alias);
    }
    return {};
  });
}

} // namespace

util::Result<void> decode_metadata(const Value& doc, std::string_view file, Metadata& md)
{
  Decoder d{file, "Metadata"};
  if (doc.is_nil()) {
    return {};
  }
  if (!doc.is_map()) {
    return util::fail("cannot load {}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into "
                      "Go value of type v2.Metadata",
                      file, json_kind(doc));
  }
  return for_fields(doc, [&](std::string_view k, const Value& x) -> util::Result<void> {
    if (key_is(k, "name")) {
      return d.str(x, "name", md.name);
    }
    if (key_is(k, "home")) {
      return d.str(x, "home", md.home);
    }
    if (key_is(k, "sources")) {
      return d.strings(x, "sources", md.sources);
    }
    if (key_is(k, "version")) {
      return d.str(x, "version", md.version);
    }
    if (key_is(k, "description")) {
      return d.str(x, "description", md.description);
    }
    if (key_is(k, "keywords")) {
      return d.strings(x, "keywords", md.keywords);
    }
    if (key_is(k, "maintainers")) {
      md.maintainers.clear();
      if (x.is_nil()) {
        return {};
      }
      if (!x.is_list()) {
        return d.mismatch(x, "maintainers", "[]*v2.Maintainer");
      }
      for (const auto& e : x.elements()) {
        if (e.is_nil()) {
          return util::fail("validation: maintainers must not contain empty or null nodes");
        }
        Maintainer m;
        PAVE_TRY(decode_maintainer(e, file, m));
        md.maintainers.push_back(std::move(m));
      }
      return {};
    }
    if (key_is(k, "icon")) {
      return d.str(x, "icon", md.icon);
    }
    if (key_is(k, "apiVersion")) {
      return d.str(x, "apiVersion", md.api_version);
    }
    if (key_is(k, "condition")) {
      return d.str(x, "condition", md.condition);
    }
    if (key_is(k, "tags")) {
      return d.str(x, "tags", md.tags);
    }
    if (key_is(k, "appVersion")) {
      return d.str(x, "appVersion", md.app_version);
    }
    if (key_is(k, "deprecated")) {
      return d.boolean(x, "deprecated", md.deprecated);
    }
    if (key_is(k, "annotations")) {
      md.annotations.clear();
      md.has_annotations = false;
      if (x.is_nil()) {
        return {};
      }
      if (!x.is_map()) {
        return d.mismatch(x, "annotations", "map[string]string");
      }
      md.has_annotations = true;
      for (const auto& [ak, av] : x.items()) {
        std::string s;
        PAVE_TRY(d.str(av, "annotations", s));
        md.annotations.emplace_back(ak, std::move(s));
      }
      return {};
    }
    if (key_is(k, "kubeVersion")) {
      return d.str(x, "kubeVersion", md.kube_version);
    }
    if (key_is(k, "dependencies")) {
      md.dependencies.clear();
      md.has_dependencies = false;
      if (x.is_nil()) {
        return {};
      }
      if (!x.is_list()) {
        return d.mismatch(x, "dependencies", "[]*v2.Dependency");
      }
      md.has_dependencies = true;
      for (const auto& e : x.elements()) {
        if (e.is_nil()) {
          return util::fail("validation: dependencies must not contain empty or null nodes");
        }
        auto dep = std::make_shared<Dependency>();
        PAVE_TRY(decode_dependency(e, file, *dep));
        md.dependencies.push_back(std::move(dep));
      }
      return {};
    }
    if (key_is(k, "type")) {
      return d.str(x, "type", md.type);
    }
    return {};
  });
}

namespace {

bool is_unicode_space(char32_t r)
{
  switch (r) {
  case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
  case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    return true;
  default:
    return r >= 0x2000 && r <= 0x200A;
  }
}

/// Helm's sanitizeString: white space becomes ' ', unprintable runes are dropped.
void sanitize(std::string& s)
{
  bool clean = true;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) {
      clean = false;
      break;
    }
  }
  if (clean) {
    return;
  }
  std::string out;
  std::string_view in = s;
  while (!in.empty()) {
    const auto d = tmpl::go::decode_rune(in);
    if (is_unicode_space(d.rune)) {
      out.push_back(' ');
    } else if (tmpl::go::is_print(d.rune)) {
      tmpl::go::append_rune(out, d.rune);
    }
    in.remove_prefix(static_cast<std::size_t>(d.width));
  }
  s = std::move(out);
}

bool valid_alias(std::string_view a)
{
  if (a.empty()) {
    return false;
  }
  for (char c : a) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

} // namespace

util::Result<void> validate_metadata(Metadata& md)
{
  for (std::string* s : {&md.name, &md.description, &md.home, &md.icon, &md.condition, &md.tags, &md.app_version,
                         &md.kube_version}) {
    sanitize(*s);
  }
  for (auto& s : md.sources) {
    sanitize(s);
  }
  for (auto& s : md.keywords) {
    sanitize(s);
  }
  if (md.api_version.empty()) {
    return util::fail("validation: chart.metadata.apiVersion is required");
  }
  if (md.name.empty()) {
    return util::fail("validation: chart.metadata.name is required");
  }
  {
    // filepath.Base(name) != name
    std::string_view n = md.name;
    while (n.size() > 1 && n.back() == '/') {
      n.remove_suffix(1);
    }
    auto slash = n.rfind('/');
    std::string_view base = slash == std::string_view::npos || n == "/" ? n : n.substr(slash + 1);
    if (base != md.name) {
      return util::fail("validation: chart.metadata.name {} is invalid", tmpl::go::quote(md.name));
    }
  }
  if (md.version.empty()) {
    return util::fail("validation: chart.metadata.version is required");
  }
  if (!Version::parse(md.version)) {
    return util::fail("validation: chart.metadata.version {} is invalid", tmpl::go::quote(md.version));
  }
  if (!md.type.empty() && md.type != "application" && md.type != "library") {
    return util::fail("validation: chart.metadata.type must be application or library");
  }
  for (auto& m : md.maintainers) {
    sanitize(m.name);
    sanitize(m.email);
    sanitize(m.url);
  }
  std::vector<std::string> seen;
  for (auto& dep_ptr : md.dependencies) {
    Dependency& dep = *dep_ptr;
    for (std::string* s : {&dep.name, &dep.version, &dep.repository, &dep.condition}) {
      sanitize(*s);
    }
    for (auto& t : dep.tags) {
      sanitize(t);
    }
    if (!dep.alias.empty() && !valid_alias(dep.alias)) {
      return util::fail("validation: dependency {} has disallowed characters in the alias", tmpl::go::quote(dep.name));
    }
    const std::string& key = dep.alias.empty() ? dep.name : dep.alias;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return util::fail("validation: more than one dependency with name or alias {}", tmpl::go::quote(key));
    }
    seen.push_back(key);
  }
  return {};
}

namespace {

Value string_list(const std::vector<std::string>& v)
{
  tmpl::ListItems items;
  items.reserve(v.size());
  for (const auto& s : v) {
    items.emplace_back(s);
  }
  return Value::list(std::move(items));
}

} // namespace

Value metadata_as_map(const Metadata& md)
{
  tmpl::MapItems m;
  m.emplace("Name", md.name);
  m.emplace("Home", md.home);
  m.emplace("Sources", string_list(md.sources));
  m.emplace("Version", md.version);
  m.emplace("Description", md.description);
  m.emplace("Keywords", string_list(md.keywords));
  tmpl::ListItems maint;
  for (const auto& x : md.maintainers) {
    maint.push_back(Value::map(tmpl::MapItems{{"Name", x.name}, {"Email", x.email}, {"URL", x.url}}));
  }
  m.emplace("Maintainers", Value::list(std::move(maint)));
  m.emplace("Icon", md.icon);
  m.emplace("APIVersion", md.api_version);
  m.emplace("Condition", md.condition);
  m.emplace("Tags", md.tags);
  m.emplace("AppVersion", md.app_version);
  m.emplace("Deprecated", md.deprecated);
  tmpl::MapItems ann;
  for (const auto& [k, v] : md.annotations) {
    ann.insert_or_assign(k, Value(v));
  }
  m.emplace("Annotations", Value::map(std::move(ann), tmpl::ElemType::string));
  m.emplace("KubeVersion", md.kube_version);
  tmpl::ListItems deps;
  for (const auto& dep_ptr : md.dependencies) {
    const Dependency& d = *dep_ptr;
    tmpl::MapItems dm;
    dm.emplace("Name", d.name);
    dm.emplace("Version", d.version);
    dm.emplace("Repository", d.repository);
    dm.emplace("Condition", d.condition);
    dm.emplace("Tags", string_list(d.tags));
    dm.emplace("Enabled", d.enabled);
    dm.emplace("Alias", d.alias);
    deps.push_back(Value::map(std::move(dm)));
  }
  m.emplace("Dependencies", Value::list(std::move(deps)));
  m.emplace("Type", md.type);
  return Value::map(std::move(m));
}

} // namespace pave::chart
