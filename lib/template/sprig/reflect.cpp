// Sprig's reflect.go: typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual.
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

void add_reflect_functions(FunctionTable& t)
{
  def(t, "typeOf", {{P::any}}, [](CallContext&, Args a) { return Value(a[0].type_name()); });
  def(t, "typeIs", {{P::string, P::any}},
      [](CallContext&, Args a) { return Value(arg_string(a[0]) == a[1].type_name()); });
  def(t, "typeIsLike", {{P::string, P::any}}, [](CallContext&, Args a) {
    std::string type = a[1].type_name();
    std::string_view target = arg_string(a[0]);
    return Value(target == type || "*" + std::string(target) == type);
  });
  def(t, "kindOf", {{P::any}}, [](CallContext&, Args a) { return Value(a[0].kind_name()); });
  def(t, "kindIs", {{P::string, P::any}},
      [](CallContext&, Args a) { return Value(arg_string(a[0]) == a[1].kind_name()); });
  def(t, "deepEqual", {{P::any, P::any}}, [](CallContext&, Args a) { return Value(deep_equal(a[0], a[1])); });
}

} // namespace pave::tmpl::sprig
