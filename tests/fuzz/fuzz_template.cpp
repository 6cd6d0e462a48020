// Fuzzes the template parser and executor, with the Sprig functions, on
// hostile input: parse errors, deep nesting, recursion, huge loops and huge
// results must end in errors, never crashes, hangs or leaks.
#include <cstddef>
#include <cstdint>
#include <string>

#include <pave/template/sprig/sprig.hpp>
#include <pave/template/template.hpp>

namespace {

/// Sprig without the functions that are slow by design (key generation,
/// bcrypt, scrypt): a single call may take longer than a fuzz run's time-out.
const pave::tmpl::FunctionTable& functions()
{
  static const pave::tmpl::FunctionTable table = [] {
    pave::tmpl::FunctionTable t;
    pave::tmpl::add_sprig_functions(t);
    for (const char* slow : {"bcrypt", "htpasswd", "derivePassword", "encryptAES", "decryptAES", "genCA",
                             "genCAWithKey", "genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
                             "genSignedCert", "genSignedCertWithKey"}) {
      t.remove(slow);
    }
    return t;
  }();
  return table;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace pave::tmpl;
  Limits limits;
  limits.max_exec_depth = 200;
  limits.max_output = 1 << 20;
  limits.max_steps = 1 << 20;
  TemplateSet set(functions(), limits);
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
