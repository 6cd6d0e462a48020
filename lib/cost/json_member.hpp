#pragma once
/// Lenient access to the Kubernetes and cloud objects cost-report prices,
/// which it reads as simdjson DOM values (straight from the state file's
/// records, or parsed once from rendered objects): missing keys and values
/// of another type read as null, "", or a fallback, never an error.
#include <string_view>

#include <simdjson.h>

namespace pave::cost {

using Value = simdjson::dom::element;

/// A JSON null, for absent members.
Value null_value();

/// v[key] when v is an object holding key (its first); null otherwise.
inline Value json_member(Value v, std::string_view key)
{
  // As at_key(), with the first byte compared before the rest: most keys of
  // an object differ from the one asked for in their first byte.
  simdjson::dom::object o;
  if (v.get_object().get(o) == simdjson::SUCCESS) {
    for (auto it = o.begin(); it != o.end(); ++it) {
      const std::string_view k = it.key();
      if (k.size() == key.size() && (k.empty() || k.front() == key.front()) && k == key) {
        return it.value();
      }
    }
  }
  return null_value();
}

/// The string, or "" for any other value.
inline std::string_view string_of(Value v)
{
  std::string_view s;
  return v.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
}

/// The number, or `fallback` for any other value.
inline double number_or(Value v, double fallback)
{
  double d = 0;
  return v.is_number() && v.get_double().get(d) == simdjson::SUCCESS ? d : fallback;
}

} // namespace pave::cost
