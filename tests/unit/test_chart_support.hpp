#pragma once
/// Helpers shared by the chart tests: a compact, type-revealing rendering of
/// values (JSON-like; int64 as 5, float64 as 5f, strings quoted, nil as null)
/// and a builder for small value trees.
#include <string>

#include <fmt/format.h>

#include <pave/template/value.hpp>

namespace pave::test {

inline void dump_value(std::string& out, const tmpl::Value& v)
{
  using tmpl::Kind;
  switch (v.kind()) {
  case Kind::nil: out += "null"; break;
  case Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
  case Kind::integer: out += std::to_string(v.as_int()); break;
  case Kind::unsigned_: out += std::to_string(v.as_uint()) + "u"; break;
  case Kind::floating: out += fmt::format("{}f", v.as_float()); break;
  case Kind::string: out += '"' + v.as_string() + '"'; break;
  case Kind::bytes: out += "b\"" + v.as_string() + '"'; break;
  case Kind::list: {
    out += '[';
    bool first = true;
    for (const auto& x : v.elements()) {
      if (!first) {
        out += ',';
      }
      first = false;
      dump_value(out, x);
    }
    out += ']';
    break;
  }
  case Kind::map: {
    out += '{';
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      if (!first) {
        out += ',';
      }
      first = false;
      out += k + ':';
      dump_value(out, x);
    }
    out += '}';
    break;
  }
  case Kind::object: out += "<" + v.type_name() + ">"; break;
  }
}

inline std::string dump(const tmpl::Value& v)
{
  std::string s;
  dump_value(s, v);
  return s;
}

} // namespace pave::test
