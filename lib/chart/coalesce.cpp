#include <pave/chart/coalesce.hpp>

#include <algorithm>
#include <unordered_map>

namespace pave::chart {

using tmpl::MapItems;
using tmpl::Value;

namespace {

constexpr std::string_view k_global = "global";

void clean_nil_values(const Value& m)
{
  auto& items = m.items();
  for (auto it = items.begin(); it != items.end();) {
    if (it->second.is_nil()) {
      it = items.erase(it);
    } else {
      if (it->second.is_map()) {
        clean_nil_values(it->second);
      }
      ++it;
    }
  }
}

void coalesce_tables_impl(const Value& dst, const Value& src, bool merge)
{
  if (&dst.items() == &src.items()) {
    return;
  }
  auto& s = src.items();
  auto& d = dst.items();
  std::vector<std::string_view> src_non_nil;
  src_non_nil.reserve(s.size());
  for (const auto& [k, v] : s) {
    if (!v.is_nil()) {
      src_non_nil.push_back(k); // keys iterate sorted, so the vector is sorted
    }
  }
  for (const auto& [k, v] : d) {
    if (v.is_nil()) {
      s.insert_or_assign(k, Value());
    }
  }
  for (const auto& [k, v] : s) {
    auto it = d.find(k);
    if (it == d.end()) {
      d.emplace(k, v);
    } else if (!merge && it->second.is_nil() &&
               std::binary_search(src_non_nil.begin(), src_non_nil.end(), std::string_view(k))) {
      d.erase(it);
    } else if (v.is_map() && it->second.is_map()) {
      coalesce_tables_impl(it->second, v, merge);
    }
  }
}

/// Shallow copy of a map (Go's copyMap).
Value copy_map(const Value& m)
{
  return Value::map(m.items(), m.map_data().elem);
}

void coalesce_globals(const Value& dest, const Value& src)
{
  Value dg, sg;
  if (const Value* g = dest.find(k_global); g == nullptr) {
    dg = Value::map();
  } else if (g->is_map()) {
    dg = *g;
  } else {
    return;
  }
  if (const Value* g = src.find(k_global); g == nullptr) {
    sg = Value::map();
  } else if (g->is_map()) {
    sg = *g;
  } else {
    return;
  }
  auto& dgi = dg.items();
  for (const auto& [key, val] : sg.items()) {
    if (val.is_map()) {
      Value vv = copy_map(val);
      auto it = dgi.find(key);
      if (it == dgi.end()) {
        dgi.emplace(key, vv);
      } else if (it->second.is_map()) {
        coalesce_tables_impl(vv, it->second, true);
        it->second = vv;
      }
    } else if (auto it = dgi.find(key); it != dgi.end() && it->second.is_map()) {
      // a table in the destination is not replaced by a scalar
    } else {
      dgi.insert_or_assign(key, val);
    }
  }
  dest.items().insert_or_assign(std::string(k_global), dg);
}

struct Coalescer
{
  CoalesceOptions opts;
  /// How many charts of the tree use each values map (alias copies share one).
  std::unordered_map<const void*, int> uses;

  void count_uses(const Chart& c)
  {
    if (c.values.is_map()) {
      ++uses[&c.values.items()];
    }
    for (const auto& d : c.dependencies) {
      count_uses(*d);
    }
  }

  Value chart_values(const Chart& c)
  {
    if (!c.values.is_map()) {
      return Value::map();
    }
    // Consuming mutates the map, so only a map no other chart uses is consumed.
    if (opts.copy_chart_values || uses[&c.values.items()] != 1) {
      return tmpl::deep_copy(c.values);
    }
    return c.values;
  }

  static bool is_child(const Chart& c, std::string_view key)
  {
    for (const auto& d : c.dependencies) {
      if (d->name() == key) {
        return true;
      }
    }
    return false;
  }

  void values_for(const Chart& c, const Value& v)
  {
    const bool merge = opts.merge;
    Value vc = chart_values(c);
    auto& vi = v.items();
    for (const auto& [key, val] : vc.items()) {
      auto it = vi.find(key);
      if (it != vi.end()) {
        if (it->second.is_nil() && !merge) {
          vi.erase(it);
        } else if (it->second.is_map() && val.is_map()) {
          const bool m = merge || is_child(c, key);
          if (!m) {
            clean_nil_values(val);
          }
          coalesce_tables_impl(it->second, val, m);
        }
      } else {
        if (!merge) {
          if (val.is_nil()) {
            continue;
          }
          if (val.is_map()) {
            clean_nil_values(val);
          }
        }
        vi.emplace(key, val);
      }
    }
  }

  util::Result<void> coalesce(const Chart& c, const Value& dest)
  {
    values_for(c, dest);
    for (const auto& sc : c.dependencies) {
      auto& di = dest.items();
      auto it = di.find(sc->name());
      if (it == di.end()) {
        it = di.emplace(sc->name(), Value::map()).first;
      } else if (!it->second.is_map()) {
        return util::fail("type mismatch on {}", sc->name());
      }
      Value dv = it->second;
      coalesce_globals(dv, dest);
      PAVE_TRY(coalesce(*sc, dv));
    }
    return {};
  }
};

} // namespace

util::Result<Value> coalesce_values(const Chart& c, const Value& vals, CoalesceOptions opts)
{
  Value dest;
  if (!vals.is_map()) {
    dest = Value::map();
  } else {
    dest = opts.copy_input ? tmpl::deep_copy(vals) : vals;
  }
  Coalescer co{opts, {}};
  if (!opts.copy_chart_values) {
    co.count_uses(c);
  }
  PAVE_TRY(co.coalesce(c, dest));
  return dest;
}

Value coalesce_tables(const Value& dst, const Value& src)
{
  if (!src.is_map()) {
    return dst;
  }
  if (!dst.is_map()) {
    return src;
  }
  coalesce_tables_impl(dst, src, false);
  return dst;
}

Value merge_tables(const Value& dst, const Value& src)
{
  if (!src.is_map()) {
    return dst;
  }
  if (!dst.is_map()) {
    return src;
  }
  coalesce_tables_impl(dst, src, true);
  return dst;
}

Value merge_maps(const Value& a, const Value& b)
{
  MapItems out = a.is_map() ? a.items() : MapItems{};
  if (b.is_map()) {
    for (const auto& [k, v] : b.items()) {
      if (v.is_map()) {
        auto it = out.find(k);
        if (it != out.end() && it->second.is_map()) {
          it->second = merge_maps(it->second, v);
          continue;
        }
      }
      out.insert_or_assign(k, v);
    }
  }
  return Value::map(std::move(out));
}

const Value* path_value(const Value& v, std::string_view path)
{
  const Value* cur = &v;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    const auto part = path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!cur->is_map()) {
      return nullptr;
    }
    cur = cur->find(part);
    if (cur == nullptr) {
      return nullptr;
    }
    if (dot == std::string_view::npos) {
      return cur;
    }
    start = dot + 1;
  }
}

} // namespace pave::chart
