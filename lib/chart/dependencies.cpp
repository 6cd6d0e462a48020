#include <pave/chart/dependencies.hpp>

#include <algorithm>
#include <unordered_set>

#include <pave/chart/coalesce.hpp>
#include <pave/chart/semver.hpp>

namespace pave::chart {

using tmpl::MapItems;
using tmpl::Value;

namespace {

/// The copy of a subchart an alias makes, the way helmref makes it (a Go
/// struct copy): renamed metadata whose Dependency objects are still shared,
/// and the same subchart objects as dependencies.
std::shared_ptr<Chart> alias_copy(const Chart& existing, const std::string& alias)
{
  auto out = std::make_shared<Chart>(existing);
  out->metadata.name = alias;
  return out;
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

util::Result<void> enabled_impl(Chart& c, const Value& v, const std::string& path,
                                 std::vector<std::shared_ptr<Chart>>& retained)
{
  if (!c.metadata.has_dependencies) {
    return {};
  }
  const auto reqs = c.metadata.dependencies; // the shared Dependency objects
  auto matches = [](const Chart& existing, const Dependency& r) {
    return existing.name() == r.name && is_compatible_range(r.version, existing.metadata.version);
  };
  // Subcharts no Chart.yaml entry matches come first, then one per entry.
  std::vector<std::shared_ptr<Chart>> deps;
  for (const auto& existing : c.dependencies) {
    if (std::none_of(reqs.begin(), reqs.end(), [&](const auto& r) { return matches(*existing, *r); })) {
      deps.push_back(existing);
    }
  }
  for (const auto& req : reqs) {
    for (const auto& existing : c.dependencies) {
      if (matches(*existing, *req)) {
        if (req->alias.empty()) {
          deps.push_back(existing);
        } else {
          deps.push_back(alias_copy(*existing, req->alias));
          retained.push_back(deps.back());
        }
        break;
      }
    }
    if (!req->alias.empty()) {
      req->name = req->alias;
    }
  }
  c.dependencies = std::move(deps);

  for (const auto& r : reqs) {
    r->enabled = true;
  }
  PAVE_TRY_ASSIGN(Value cvals, coalesce_values(c, v));

  // Tags: a true tag enables, only false tags disable.
  for (const auto& r : reqs) {
    bool has_true = false, has_false = false;
    for (const auto& t : r->tags) {
      if (const Value* b = path_value(cvals, "tags." + t); b != nullptr && b->is_bool()) {
        (b->as_bool() ? has_true : has_false) = true;
      }
    }
    if (!has_true && has_false) {
      r->enabled = false;
    } else if (has_true || (!has_true && !has_false)) {
      r->enabled = true;
    }
  }
  // Conditions: the first one that resolves to a bool decides.
  for (const auto& r : reqs) {
    std::string_view cond = r->condition;
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
          r->enabled = vv->as_bool();
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
    if (!r->enabled) {
      rm.insert(r->name);
    }
  }
  std::vector<std::shared_ptr<Chart>> cd;
  for (const auto& d : c.dependencies) {
    if (!rm.contains(d->name())) {
      cd.push_back(d);
    }
  }
  std::vector<std::shared_ptr<Dependency>> md;
  for (const auto& r : reqs) {
    if (!rm.contains(r->name)) {
      md.push_back(r);
    }
  }
  // A subchart shared by alias copies ends up with the last copy as parent.
  for (const auto& t : cd) {
    t->parent = &c;
    PAVE_TRY(enabled_impl(*t, cvals, path + t->name() + ".", retained));
  }
  c.metadata.dependencies = std::move(md);
  c.metadata.has_dependencies = !c.metadata.dependencies.empty();
  c.dependencies = std::move(cd);
  return {};
}

} // namespace

namespace {

void retain_tree(const Chart& c, std::vector<std::shared_ptr<Chart>>& out)
{
  for (const auto& d : c.dependencies) {
    out.push_back(d);
    retain_tree(*d, out);
  }
}

} // namespace

util::Result<void> process_dependency_enabled(Chart& c, const Value& values)
{
  // Like Go's garbage collector: every chart stays alive for the render, as a
  // subchart shared by alias copies may name a dropped chart as its parent.
  retain_tree(c, c.retained);
  return enabled_impl(c, values, "", c.retained);
}

util::Result<void> process_import_values(Chart& c)
{
  for (const auto& d : c.dependencies) {
    PAVE_TRY(process_import_values(*d));
  }
  // Helm replaces the values of every chart with dependencies by their merge
  // with the subcharts' defaults here, even without import-values; that merge
  // keeps nulls which later delete keys a plain coalesce keeps. helmref (the
  // reference for everything but import-values) does not, so only charts that
  // import values go through it.
  const auto& deps = c.metadata.dependencies;
  if (!c.metadata.has_dependencies ||
      std::none_of(deps.begin(), deps.end(), [](const auto& d) { return !d->import_values.empty(); })) {
    return {};
  }
  CoalesceOptions merge;
  merge.merge = true;
  PAVE_TRY_ASSIGN(Value cvals, coalesce_values(c, Value::map(), merge));
  Value b = Value::map();
  for (const auto& rp : c.metadata.dependencies) {
    Dependency& r = *rp;
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
