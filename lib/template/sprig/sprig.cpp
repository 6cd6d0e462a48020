#include <pave/template/sprig/sprig.hpp>

#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

void add_sprig_functions(FunctionTable& table)
{
  add_string_functions(table);
  add_text_functions(table);
  add_random_functions(table);
  add_list_functions(table);
  add_dict_functions(table);
  add_math_functions(table);
  add_conversion_functions(table);
  add_default_functions(table);
  add_json_functions(table);
  add_encoding_functions(table);
  add_crypto_functions(table);
  add_cert_functions(table);
  add_date_functions(table);
  add_semver_functions(table);
  add_regex_functions(table);
  add_reflect_functions(table);
  add_network_functions(table);
  add_path_functions(table);
  add_url_functions(table);
}

} // namespace pave::tmpl::sprig
