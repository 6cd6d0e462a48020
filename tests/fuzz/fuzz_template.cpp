// Fuzzes the template parser and executor with hostile input: parse errors,
// deep nesting, recursion and huge output must end in errors, never crashes,
// hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <string>

#include <pave/template/template.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace pave::tmpl;
  static FunctionTable funcs;
  Limits limits;
  limits.max_exec_depth = 200;
  limits.max_output = 1 << 20;
  TemplateSet set(funcs, limits);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!set.parse("fuzz", text)) {
    return 0;
  }
  Value dot = Value::map();
  dot.items().emplace("Values", Value::map());
  dot.items().emplace("name", Value("x"));
  dot.items().emplace("list", Value::list({Value(1), Value(2.5), Value("s")}));
  std::string out;
  (void)set.execute("fuzz", dot, out);
  return 0;
}
