#include <pave/backup/select.hpp>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <pave/plan/diff.hpp>

namespace pave::backup {

namespace {

using json = nlohmann::json;
using Op = LabelSelector::Requirement::Op;

std::string_view trim(std::string_view s)
{
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

/// Splits on commas outside parentheses.
std::vector<std::string_view> split_top(std::string_view s)
{
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      ++depth;
    } else if (s[i] == ')') {
      --depth;
    } else if (s[i] == ',' && depth == 0) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

bool valid_key(std::string_view k)
{
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

bool valid_namespace(std::string_view n)
{
  return !n.empty() && n.size() <= 63 && std::isalnum(static_cast<unsigned char>(n.front())) &&
         std::isalnum(static_cast<unsigned char>(n.back())) && std::all_of(n.begin(), n.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::string lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// Whether a --include-kinds/--exclude-kinds value names the object's kind:
/// "Deployment", "deployment", "deployments", "deployments.apps", "Deployment.apps".
bool kind_matches(std::string_view pattern, const json& object)
{
  const std::string kind = lower(object.value("kind", ""));
  const std::string api = object.value("apiVersion", "");
  const auto slash = api.find('/');
  const std::string group = slash == std::string::npos ? "" : api.substr(0, slash);
  std::string p = lower(pattern);
  std::string pg;
  if (const auto dot = p.find('.'); dot != std::string::npos) {
    pg = p.substr(dot + 1);
    p = p.substr(0, dot);
    if (pg != group) {
      return false;
    }
  }
  return p == kind || p == kind + "s" || p == kind + "es" ||
         (kind.ends_with('y') && p == kind.substr(0, kind.size() - 1) + "ies");
}

bool listed(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string join(const std::vector<std::string>& v) { return fmt::format("{}", fmt::join(v, ",")); }

} // namespace

util::Result<LabelSelector> parse_selector(std::string_view text)
{
  LabelSelector s;
  s.text = std::string(text);
  if (trim(text).empty()) {
    return s;
  }
  auto bad = [&](std::string_view why) {
    return util::fail("--selector: cannot parse \"{}\": {}", text, why);
  };
  for (const auto raw : split_top(text)) {
    const std::string_view part = trim(raw);
    LabelSelector::Requirement r;
    if (part.empty()) {
      return bad("empty requirement");
    }
    if (part.front() == '!') {
      r.op = Op::not_exists;
      r.key = std::string(trim(part.substr(1)));
    } else if (const auto ne = part.find("!="); ne != std::string_view::npos) {
      r.op = Op::ne;
      r.key = std::string(trim(part.substr(0, ne)));
      r.values.emplace_back(trim(part.substr(ne + 2)));
    } else if (const auto eq = part.find('='); eq != std::string_view::npos) {
      r.op = Op::eq;
      r.key = std::string(trim(part.substr(0, eq)));
      const std::size_t skip = part.substr(eq).starts_with("==") ? 2 : 1;
      r.values.emplace_back(trim(part.substr(eq + skip)));
    } else if (const auto sp = part.find(' '); sp != std::string_view::npos) {
      r.key = std::string(trim(part.substr(0, sp)));
      std::string_view rest = trim(part.substr(sp));
      if (rest.starts_with("notin")) {
        r.op = Op::notin;
        rest = trim(rest.substr(5));
      } else if (rest.starts_with("in")) {
        r.op = Op::in;
        rest = trim(rest.substr(2));
      } else {
        return bad("expected =, !=, in or notin");
      }
      if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') {
        return bad("expected a (list) after in/notin");
      }
      std::string_view list = rest.substr(1, rest.size() - 2);
      for (std::size_t start = 0;;) {
        const auto comma = list.find(',', start);
        r.values.emplace_back(trim(list.substr(start, comma == std::string_view::npos ? list.npos : comma - start)));
        if (comma == std::string_view::npos) {
          break;
        }
        start = comma + 1;
      }
    } else {
      r.op = Op::exists;
      r.key = std::string(part);
    }
    if (!valid_key(r.key)) {
      return bad(fmt::format("\"{}\" is not a label key", r.key));
    }
    s.requirements.push_back(std::move(r));
  }
  return s;
}

bool matches(const LabelSelector& s, const json& labels)
{
  for (const auto& r : s.requirements) {
    const bool has = labels.is_object() && labels.contains(r.key) && labels[r.key].is_string();
    const std::string v = has ? labels[r.key].get<std::string>() : "";
    bool ok = false;
    switch (r.op) {
    case Op::eq: ok = has && v == r.values[0]; break;
    case Op::ne: ok = !has || v != r.values[0]; break;
    case Op::in: ok = has && listed(r.values, v); break;
    case Op::notin: ok = !has || !listed(r.values, v); break;
    case Op::exists: ok = has; break;
    case Op::not_exists: ok = !has; break;
    }
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string Scope::describe(bool all_resources) const
{
  std::vector<std::string> parts;
  parts.emplace_back(all_resources ? "all-resources" : "managed");
  if (!include_namespaces.empty()) {
    parts.push_back("namespaces=" + join(include_namespaces));
  }
  if (!exclude_namespaces.empty()) {
    parts.push_back("exclude-namespaces=" + join(exclude_namespaces));
  }
  if (!include_kinds.empty()) {
    parts.push_back("kinds=" + join(include_kinds));
  }
  if (!exclude_kinds.empty()) {
    parts.push_back("exclude-kinds=" + join(exclude_kinds));
  }
  if (!selector.text.empty()) {
    parts.push_back("selector=" + selector.text);
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

bool in_scope(const Scope& scope, const json& object)
{
  static const json k_none = json::object();
  const auto m = object.find("metadata");
  const json& meta = m != object.end() && m->is_object() ? *m : k_none;
  const std::string ns = meta.value("namespace", "");
  const std::string kind = object.value("kind", "");
  const std::string name = meta.value("name", "");
  if (ns.empty()) {
    if (kind == "Namespace") {
      if (!scope.include_namespaces.empty() && !listed(scope.include_namespaces, name)) {
        return false;
      }
      if (listed(scope.exclude_namespaces, name)) {
        return false;
      }
    } else if (!scope.include_namespaces.empty()) {
      return false;
    }
  } else {
    if (!scope.include_namespaces.empty() && !listed(scope.include_namespaces, ns)) {
      return false;
    }
    if (listed(scope.exclude_namespaces, ns)) {
      return false;
    }
  }
  if (!scope.include_kinds.empty() &&
      std::none_of(scope.include_kinds.begin(), scope.include_kinds.end(), [&](const auto& k) { return kind_matches(k, object); })) {
    return false;
  }
  if (std::any_of(scope.exclude_kinds.begin(), scope.exclude_kinds.end(), [&](const auto& k) { return kind_matches(k, object); })) {
    return false;
  }
  if (scope.selector.requirements.empty()) {
    return true;
  }
  const auto labels = meta.find("labels");
  return matches(scope.selector, labels != meta.end() ? *labels : json());
}

bool controlled(const json& object)
{
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) {
    return false;
  }
  const auto refs = meta->find("ownerReferences");
  if (refs == meta->end() || !refs->is_array()) {
    return false;
  }
  return std::any_of(refs->begin(), refs->end(), [](const json& r) { return r.is_object() && r.value("controller", false); });
}

json clean_for_backup(json object)
{
  json out = plan::strip_server_fields(std::move(object));
  if (!out.is_object()) {
    return out;
  }
  if (auto meta = out.find("metadata"); meta != out.end() && meta->is_object()) {
    meta->erase("ownerReferences");
    if (auto ann = meta->find("annotations"); ann != meta->end() && ann->is_object()) {
      ann->erase("kubectl.kubernetes.io/last-applied-configuration");
      if (ann->empty()) {
        meta->erase("annotations");
      }
    }
  }
  const std::string kind = out.value("kind", "");
  auto spec = out.find("spec");
  if (spec != out.end() && spec->is_object()) {
    if (kind == "Service" && out.value("apiVersion", "") == "v1" && spec->value("clusterIP", "") != "None") {
      spec->erase("clusterIP");
      spec->erase("clusterIPs");
    }
    if (kind == "Namespace") {
      spec->erase("finalizers");
      if (spec->empty()) {
        out.erase("spec");
      }
    }
  }
  return out;
}

util::Result<std::map<std::string, std::string>> parse_namespace_mapping(const std::vector<std::string>& values)
{
  std::map<std::string, std::string> out;
  for (const auto& v : values) {
    std::string_view rest = v;
    for (std::size_t start = 0;;) {
      const auto comma = rest.find(',', start);
      const std::string_view pair = trim(rest.substr(start, comma == std::string_view::npos ? rest.npos : comma - start));
      const auto colon = pair.find(':');
      if (colon == std::string_view::npos) {
        return util::fail("--namespace-mapping \"{}\": expected OLD:NEW", pair);
      }
      const std::string from(trim(pair.substr(0, colon)));
      const std::string to(trim(pair.substr(colon + 1)));
      for (const auto& n : {from, to}) {
        if (!valid_namespace(n)) {
          return util::fail("--namespace-mapping \"{}\": \"{}\" is not a valid namespace name", pair, n);
        }
      }
      if (!out.emplace(from, to).second) {
        return util::fail("--namespace-mapping: namespace {} is mapped twice", from);
      }
      if (comma == std::string_view::npos) {
        break;
      }
      start = comma + 1;
    }
  }
  return out;
}

json map_namespace(const json& object, const std::map<std::string, std::string>& mapping)
{
  json out = object;
  if (mapping.empty() || !out.is_object() || !out.contains("metadata") || !out["metadata"].is_object()) {
    return out;
  }
  auto map_one = [&](json& field) {
    if (field.is_string()) {
      if (const auto it = mapping.find(field.get<std::string>()); it != mapping.end()) {
        field = it->second;
      }
    }
  };
  json& meta = out["metadata"];
  if (meta.contains("namespace")) {
    map_one(meta["namespace"]);
  }
  const std::string kind = out.value("kind", "");
  if (kind == "Namespace" && meta.contains("name")) {
    map_one(meta["name"]);
  }
  if ((kind == "RoleBinding" || kind == "ClusterRoleBinding") && out.contains("subjects") && out["subjects"].is_array()) {
    for (auto& s : out["subjects"]) {
      if (s.is_object() && s.value("kind", "") == "ServiceAccount" && s.contains("namespace")) {
        map_one(s["namespace"]);
      }
    }
  }
  return out;
}

} // namespace pave::backup
