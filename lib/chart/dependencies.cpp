#include <pave/chart/dependencies.hpp>

#include <algorithm>
#include <unordered_set>

#include <pave/chart/coalesce.hpp>
#include <pave/chart/semver.hpp>

namespace pave::chart {

using tmpl::MapItems;
using tmpl::Value;

namespace {

/// getAliasDependency: a shallow copy of the subchart matching `dep`, renamed
/// to the alias; its own subcharts are shallow-copied so parents stay right.
std::shared_ptr<Chart> alias_dependency(const std::vector<std::shared_ptr<Chart>>& charts, const Dependency& dep)
{
  for (const auto& c : charts) {
    if (c->name() != dep.name || !is_compatible_range(dep.version, c->metadata.version)) {
      continue;
    }
    auto out = std::make_shared<Chart>(*c);
    out->dependencies.clear();
    for (const auto& d : c->dependencies) {
      out->add_dependency(std::make_shared<Chart>(*d));
    }
    if (!dep.alias.empty()) {
      out->metadata.name = dep.alias;
    }
    return out;
  }
  return nullptr;
}

/// Values.Table(path): the map at a dotted path, or nullptr.
const Value* table(const Value& v, std::string_view path)
{
  const Value* t = path_value(v, path);
  return t != nullptr && t->is_map() ? t : nullptr;
}

/// fmt.Sprintf("%v", x) for the scalars an import-values entry may hold.
std::string sprint_scalar(const Value* v)
{
  if (v == nullptr || v->is_nil()) {
    return "<nil>";
  }
  switch (v->kind()) {
  case tmpl::Kind::string: return v->as_string();
  case tmpl::Kind::boolean: return v->as_bool() ? "true" : "false";
  case tmpl::Kind::integer: return std::to_string(v->as_int());
  case tmpl::Kind::floating: {
    const double f = v->as_float();
    if (f == static_cast<double>(static_cast<long long>(f))) {
      return std::to_string(static_cast<long long>(f));
    }
    return fmt::format("{}", f);
  }
  default: return "";
  }
}

/// pathToMap: {a: {b: data}} for "a.b"; data itself for ".".
Value path_to_map(std::string_view path, const Value& data)
{
  if (path == ".") {
    return data;
  }
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    auto dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  Value cur = data;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    cur = Value::map(MapItems{{std::string(*it), cur}});
  }
  return cur;
}

util::Result<void> enabled_impl(Chart& c, const Value& v, const std::string& path)
{
  if (!c.metadata.has_dependencies) {
    return {};
  }
  auto& reqs = c.metadata.dependencies;
  std::vector<std::shared_ptr<Chart>> deps;
  for (const auto& existing : c.dependencies) {
    const bool declared = std::any_of(reqs.begin(), reqs.end(), [&](const Dependency& r) {
      return existing->name() == r.name && is_compatible_range(r.version, existing->metadata.version);
    });
    if (!declared) {
      deps.push_back(existing);
    }
  }
  for (auto& req : reqs) {
    if (auto d = alias_dependency(c.dependencies, req)) {
      deps.push_back(std::move(d));
    }
    if (!req.alias.empty()) {
      req.name = req.alias;
    }
  }
  c.dependencies.clear();
  for (auto& d : deps) {
    c.add_dependency(std::move(d));
  }

  for (auto& r : reqs) {
    r.enabled = true;
  }
  PAVE_TRY_ASSIGN(Value cvals, coalesce_values(c, v));

  // Tags.
  const Value* tags = table(cvals, "tags");
  for (auto& r : reqs) {
    if (tags == nullptr) {
      break;
    }
    bool has_true = false, has_false = false;
    for (const auto& t : r.tags) {
      if (const Value* b = tags->find(t); b != nullptr && b->is_bool()) {
        (b->as_bool() ? has_true : has_false) = true;
      }
    }
    if (!has_true && has_false) {
      r.enabled = false;
    } else if (has_true || (!has_true && !has_false)) {
      r.enabled = true;
    }
  }
  // Conditions: the first one that resolves to a bool decides.
  for (auto& r : reqs) {
    std::string_view cond = r.condition;
    while (!cond.empty() && (cond.front() == ' ' || cond.front() == '\t' || cond.front() == '\n')) {
      cond.remove_prefix(1);
    }
    while (!cond.empty() && (cond.back() == ' ' || cond.back() == '\t' || cond.back() == '\n')) {
      cond.remove_suffix(1);
    }
    std::size_t start = 0;
    while (start <= cond.size()) {
      auto comma = cond.find(',', start);
      auto one = cond.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (!one.empty()) {
        const Value* vv = path_value(cvals, path + std::string(one));
        if (vv != nullptr && vv->is_bool()) {
          r.enabled = vv->as_bool();
          break;
        }
      }
      if (comma == std::string_view::npos) {
        break;
      }
      start = comma + 1;
    }
  }

  std::unordered_set<std::string> rm;
  for (const auto& r : reqs) {
    if (!r.enabled) {
      rm.insert(r.name);
    }
  }
  std::vector<std::shared_ptr<Chart>> cd;
  for (const auto& d : c.dependencies) {
    if (!rm.contains(d->name())) {
      cd.push_back(d);
    }
  }
  std::vector<Dependency> md;
  for (auto& r : reqs) {
    if (!rm.contains(r.name)) {
      md.push_back(std::move(r));
    }
  }
  for (const auto& t : cd) {
    PAVE_TRY(enabled_impl(*t, cvals, path + t->name() + "."));
  }
  c.metadata.dependencies = std::move(md);
  c.metadata.has_dependencies = !c.metadata.dependencies.empty();
  c.dependencies = std::move(cd);
  return {};
}

} // namespace

util::Result<void> process_dependency_enabled(Chart& c, const Value& values)
{
  return enabled_impl(c, values, "");
}

util::Result<void> process_import_values(Chart& c)
{
  for (const auto& d : c.dependencies) {
    PAVE_TRY(process_import_values(*d));
  }
  if (!c.metadata.has_dependencies) {
    return {};
  }
  CoalesceOptions merge;
  merge.merge = true;
  PAVE_TRY_ASSIGN(Value cvals, coalesce_values(c, Value::map(), merge));
  Value b = Value::map();
  for (auto& r : c.metadata.dependencies) {
    tmpl::ListItems outiv;
    for (const auto& riv : r.import_values) {
      if (riv.is_map()) {
        const std::string child = sprint_scalar(riv.find("child"));
        const std::string parent = sprint_scalar(riv.find("parent"));
        outiv.push_back(Value::map(MapItems{{"child", child}, {"parent", parent}}, tmpl::ElemType::string));
        if (const Value* vv = table(cvals, r.name + "." + child)) {
          b = merge_tables(b, path_to_map(parent, *vv));
        }
      } else if (riv.is_string()) {
        const std::string child = "exports." + riv.as_string();
        outiv.push_back(Value::map(MapItems{{"child", child}, {"parent", "."}}, tmpl::ElemType::string));
        if (const Value* vm = table(cvals, r.name + "." + child)) {
          b = merge_tables(b, *vm);
        }
      }
    }
    r.import_values = std::move(outiv);
  }
  c.values = merge_tables(tmpl::deep_copy(cvals), b);
  return {};
}

util::Result<void> process_dependencies(Chart& c, const Value& values)
{
  PAVE_TRY(process_dependency_enabled(c, values));
  return process_import_values(c);
}

} // namespace pave::chart
