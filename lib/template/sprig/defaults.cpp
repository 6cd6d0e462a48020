// Sprig's defaults.go: default, empty, coalesce, all, any, ternary (the JSON
// functions of the same file are in json.cpp).
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

void add_default_functions(FunctionTable& t)
{
  def(t, "default", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    if (a.size() < 2 || is_empty(a[1])) {
      return a[0];
    }
    return a[1];
  });
  def(t, "empty", {{P::any}}, [](CallContext&, Args a) { return Value(is_empty(a[0])); });
  def(t, "coalesce", {{P::any}, true}, [](CallContext&, Args a) {
    for (const auto& v : a) {
      if (!is_empty(v)) {
        return v;
      }
    }
    return Value();
  });
  def(t, "all", {{P::any}, true}, [](CallContext&, Args a) {
    for (const auto& v : a) {
      if (is_empty(v)) {
        return Value(false);
      }
    }
    return Value(true);
  });
  def(t, "any", {{P::any}, true}, [](CallContext&, Args a) {
    for (const auto& v : a) {
      if (!is_empty(v)) {
        return Value(true);
      }
    }
    return Value(false);
  });
  def(t, "ternary", {{P::any, P::any, P::boolean}},
      [](CallContext&, Args a) { return arg_bool(a[2]) ? a[0] : a[1]; });
}

} // namespace pave::tmpl::sprig
