// Sprig's dict functions (dict.go), with merge/mergeOverwrite following
// github.com/imdario/mergo 0.3.12's map rules. Maps are shared by reference
// like Go maps: set, unset and merge modify their first argument.
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

MapItems& mutable_items(const Value& v)
{
  return v.items();
}

/// mergo's deepMerge for two map[string]interface{} values.
void merge_into(MapItems& dst, const MapItems& src, bool overwrite)
{
  for (const auto& [key, src_elem] : src) {
    auto it = dst.find(key);
    const bool dst_valid = it != dst.end();
    if (src_elem.is_nil()) {
      if (overwrite) {
        dst[key] = Value();
      }
      continue;
    }
    Value dst_orig = dst_valid ? it->second : Value();
    const bool src_is_map = src_elem.is_map();
    const bool src_is_slice = src_elem.is_list() || src_elem.is_bytes();
    if (src_is_map) {
      if (dst_valid && dst_orig.is_map() && &dst_orig.items() != &src_elem.items()) {
        merge_into(mutable_items(dst_orig), src_elem.items(), overwrite);
      }
    } else if (src_is_slice) {
      Value dst_slice;
      if (!dst_valid || dst_orig.is_nil()) {
        dst_slice = src_elem.is_bytes() ? Value::bytes("") : Value::list(src_elem.list_data().elem);
      } else {
        dst_slice = dst_orig;
      }
      if (overwrite || dst.empty()) {
        dst_slice = src_elem;
      }
      dst[key] = dst_slice;
    }
    if (dst_valid && !is_empty(dst_orig) && (src_is_map || src_is_slice)) {
      continue;
    }
    if (overwrite || !dst_valid || is_empty(dst_orig)) {
      dst[key] = src_elem;
    }
  }
}

Value merge(Args a, bool overwrite)
{
  Value dst = a[0];
  for (const auto& src : a.subspan(1)) {
    const MapItems* s = arg_map(src);
    if (dst.is_nil()) {
      if (s == nullptr) {
        continue;
      }
      dst = Value::map();
    }
    if (s != nullptr && &dst.items() != s) {
      merge_into(mutable_items(dst), *s, overwrite);
    }
  }
  return dst.is_nil() ? Value::map() : dst;
}

Value dig_from(const MapItems* dict, const Value& def, Args keys)
{
  while (true) {
    const auto& k = keys[0];
    if (!k.is_string()) {
      fail_conversion(k, "string");
    }
    if (dict == nullptr) {
      return def;
    }
    auto it = dict->find(k.as_string());
    if (it == dict->end()) {
      return def;
    }
    if (keys.size() == 1) {
      return it->second;
    }
    if (!it->second.is_map() || it->second.map_data().elem != ElemType::any) {
      fail_conversion(it->second, "map[string]interface {}");
    }
    dict = &it->second.items();
    keys = keys.subspan(1);
  }
}

} // namespace

void add_dict_functions(FunctionTable& t)
{
  def(t, "dict", {{P::any}, true}, [](CallContext&, Args a) {
    MapItems m;
    for (std::size_t i = 0; i < a.size(); i += 2) {
      std::string key = strval(a[i]);
      m.insert_or_assign(std::move(key), i + 1 < a.size() ? a[i + 1] : Value(""));
    }
    return Value::map(std::move(m));
  });
  def(t, "get", {{P::map, P::string}}, [](CallContext&, Args a) {
    const MapItems* m = arg_map(a[0]);
    if (m != nullptr) {
      auto it = m->find(arg_string(a[1]));
      if (it != m->end()) {
        return it->second;
      }
    }
    return Value("");
  });
  def(t, "set", {{P::map, P::string, P::any}}, [](CallContext&, Args a) {
    if (arg_map(a[0]) == nullptr) {
      fail("assignment to entry in nil map");
    }
    mutable_items(a[0]).insert_or_assign(std::string(arg_string(a[1])), a[2]);
    return a[0];
  });
  def(t, "unset", {{P::map, P::string}}, [](CallContext&, Args a) {
    if (arg_map(a[0]) == nullptr) {
      return Value::map();
    }
    auto& m = mutable_items(a[0]);
    auto it = m.find(arg_string(a[1]));
    if (it != m.end()) {
      m.erase(it);
    }
    return a[0];
  });
  def(t, "hasKey", {{P::map, P::string}}, [](CallContext&, Args a) {
    const MapItems* m = arg_map(a[0]);
    return Value(m != nullptr && m->find(arg_string(a[1])) != m->end());
  });
  def(t, "pluck", {{P::string, P::map}, true}, [](CallContext&, Args a) {
    ListItems res;
    std::string_view key = arg_string(a[0]);
    for (const auto& d : a.subspan(1)) {
      const MapItems* m = arg_map(d);
      if (m == nullptr) {
        continue;
      }
      auto it = m->find(key);
      if (it != m->end()) {
        res.push_back(it->second);
      }
    }
    return Value::list(std::move(res));
  });
  def(t, "keys", {{P::map}, true}, [](CallContext&, Args a) {
    std::vector<std::string> k;
    for (const auto& d : a) {
      if (const MapItems* m = arg_map(d)) {
        for (const auto& [key, v] : *m) {
          k.push_back(key);
        }
      }
    }
    return string_list(std::move(k));
  });
  def(t, "values", {{P::map}}, [](CallContext&, Args a) {
    ListItems vals;
    if (const MapItems* m = arg_map(a[0])) {
      for (const auto& [key, v] : *m) {
        vals.push_back(v);
      }
    }
    return Value::list(std::move(vals));
  });
  def(t, "pick", {{P::map, P::string}, true}, [](CallContext&, Args a) {
    MapItems res;
    if (const MapItems* m = arg_map(a[0])) {
      for (const auto& k : a.subspan(1)) {
        auto it = m->find(arg_string(k));
        if (it != m->end()) {
          res.insert_or_assign(it->first, it->second);
        }
      }
    }
    return Value::map(std::move(res));
  });
  def(t, "omit", {{P::map, P::string}, true}, [](CallContext&, Args a) {
    MapItems res;
    if (const MapItems* m = arg_map(a[0])) {
      for (const auto& [key, v] : *m) {
        bool omitted = false;
        for (const auto& k : a.subspan(1)) {
          omitted = omitted || arg_string(k) == key;
        }
        if (!omitted) {
          res.emplace_hint(res.end(), key, v);
        }
      }
    }
    return Value::map(std::move(res));
  });
  def(t, "merge", {{P::map, P::map}, true}, [](CallContext&, Args a) { return merge(a, false); });
  def(t, "mustMerge", {{P::map, P::map}, true, true}, [](CallContext&, Args a) { return merge(a, false); });
  def(t, "mergeOverwrite", {{P::map, P::map}, true}, [](CallContext&, Args a) { return merge(a, true); });
  def(t, "mustMergeOverwrite", {{P::map, P::map}, true, true},
      [](CallContext&, Args a) { return merge(a, true); });
  // copystructure.Copy(nil) panics inside reflect for both variants.
  def(t, "deepCopy", {{P::any}}, [](CallContext&, Args a) {
    if (a[0].is_nil()) {
      fail("reflect: call of reflect.Value.Type on zero Value");
    }
    return deep_copy(a[0]);
  });
  def(t, "mustDeepCopy", {{P::any}, false, true}, [](CallContext&, Args a) {
    if (a[0].is_nil()) {
      fail("reflect: call of reflect.Value.Type on zero Value");
    }
    return deep_copy(a[0]);
  });
  def(t, "dig", {{P::any}, true, true}, [](CallContext&, Args a) {
    if (a.size() < 3) {
      fail("dig needs at least three arguments");
    }
    const Value& d = a[a.size() - 1];
    if (!d.is_map() || d.map_data().elem != ElemType::any) {
      fail_conversion(d, "map[string]interface {}");
    }
    // Sprig converts every key to string before walking.
    for (const auto& k : a.subspan(0, a.size() - 2)) {
      if (!k.is_string()) {
        fail_conversion(k, "string");
      }
    }
    return dig_from(&d.items(), a[a.size() - 2], a.subspan(0, a.size() - 2));
  });
}

} // namespace pave::tmpl::sprig
