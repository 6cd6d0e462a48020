#include <pave/cost/json_member.hpp>

#include <cstdlib>

namespace pave::cost {

Value null_value()
{
  // A document of its own that lives as long as the process: values of it
  // stay valid wherever they are copied.
  static const Value k_null = [] {
    static simdjson::dom::parser parser;
    Value v;
    if (parser.parse(std::string_view("null")).get(v) != simdjson::SUCCESS) {
      std::abort();
    }
    return v;
  }();
  return k_null;
}

} // namespace pave::cost
