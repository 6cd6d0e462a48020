#include <pave/template/sprig/cast.hpp>

#include <charconv>
#include <cmath>
#include <limits>

#include <pave/template/format.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

/// cast's trimZeroDecimal: "12.000" -> "12".
std::string_view trim_zero_decimal(std::string_view s)
{
  bool found_zero = false;
  for (std::size_t i = s.size(); i > 0; --i) {
    switch (s[i - 1]) {
    case '.':
      if (found_zero) {
        return s.substr(0, i - 1);
      }
      break;
    case '0': found_zero = true; break;
    default: return s;
    }
  }
  return s;
}

} // namespace

std::int64_t go_atoi(std::string_view s)
{
  std::int64_t n = 0;
  parse_go_int(s, 10, n);
  return n;
}

std::optional<bool> parse_go_bool(std::string_view s)
{
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    return false;
  }
  return std::nullopt;
}

std::int64_t cast_to_int64(const Value& v)
{
  switch (v.kind()) {
  case Kind::integer: return v.as_int();
  case Kind::unsigned_: return static_cast<std::int64_t>(v.as_uint());
  case Kind::floating: return go_float_to_int(v.as_float());
  case Kind::boolean: return v.as_bool() ? 1 : 0;
  case Kind::string: return parse_go_int(trim_zero_decimal(v.as_string()), 0).value_or(0);
  default: return 0;
  }
}

double cast_to_float64(const Value& v)
{
  switch (v.kind()) {
  case Kind::integer: return static_cast<double>(v.as_int());
  case Kind::unsigned_: return static_cast<double>(v.as_uint());
  case Kind::floating: return v.as_float();
  case Kind::boolean: return v.as_bool() ? 1 : 0;
  case Kind::string: return parse_go_float(v.as_string()).value_or(0);
  default: return 0;
  }
}

std::string cast_to_string(const Value& v)
{
  switch (v.kind()) {
  case Kind::string:
  case Kind::bytes: return v.as_string();
  case Kind::boolean: return v.as_bool() ? "true" : "false";
  case Kind::floating: return format_float(v.as_float(), 'f', -1);
  case Kind::integer: return std::to_string(v.as_int());
  case Kind::unsigned_: return std::to_string(v.as_uint());
  case Kind::object: return v.as_object().format();
  default: return {};
  }
}

bool cast_to_bool(const Value& v)
{
  switch (v.kind()) {
  case Kind::boolean: return v.as_bool();
  case Kind::integer: return v.int_type() == IntType::int_ && v.as_int() != 0;
  case Kind::string: return parse_go_bool(v.as_string()).value_or(false);
  default: return false;
  }
}

} // namespace pave::tmpl::sprig
