// Sprig's type conversions: atoi, int, int64, float64, toDecimal (the
// string/list conversions toString and toStrings live in strings.cpp).
#include <pave/template/format.hpp>
#include <pave/template/sprig/cast.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

void add_conversion_functions(FunctionTable& t)
{
  def(t, "atoi", {{P::string}},
      [](CallContext&, Args a) { return int_value(go_atoi(arg_string(a[0]))); });
  def(t, "int64", {{P::any}}, [](CallContext&, Args a) { return int64_value(cast_to_int64(a[0])); });
  def(t, "int", {{P::any}}, [](CallContext&, Args a) { return int_value(cast_to_int64(a[0])); });
  def(t, "float64", {{P::any}}, [](CallContext&, Args a) { return Value(cast_to_float64(a[0])); });
  def(t, "toDecimal", {{P::any}}, [](CallContext&, Args a) {
    return int64_value(parse_go_int(sprint_value(a[0]), 8).value_or(0));
  });
}

} // namespace pave::tmpl::sprig
