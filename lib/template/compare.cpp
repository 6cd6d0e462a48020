#include <pave/template/compare.hpp>

#include <array>

#include <pave/template/builtins.hpp>
#include <pave/template/format.hpp>

namespace pave::tmpl {

namespace {

enum class BasicKind : std::uint8_t { invalid, boolean, int_, float_, string, uint };

BasicKind basic_kind(const Value& v)
{
  switch (v.kind()) {
  case Kind::boolean: return BasicKind::boolean;
  case Kind::integer: return BasicKind::int_;
  case Kind::unsigned_: return BasicKind::uint;
  case Kind::floating: return BasicKind::float_;
  case Kind::string: return BasicKind::string;
  default: return BasicKind::invalid;
  }
}

[[noreturn]] void fail(std::string message)
{
  throw BuiltinError{std::move(message)};
}

/// reflect.Kind of a non-basic value, for canCompare.
std::string reflect_kind(const Value& v)
{
  switch (v.kind()) {
  case Kind::nil: return "invalid";
  case Kind::bytes:
  case Kind::list: return "slice";
  case Kind::map: return "map";
  case Kind::object: return v.as_object().kind_name();
  default: return v.kind_name();
  }
}

bool comparable_type(const Value& v)
{
  if (v.is_object()) {
    const std::string k = v.as_object().kind_name();
    return k != "map" && k != "slice" && k != "func";
  }
  return !(v.is_list() || v.is_map() || v.is_bytes());
}

} // namespace

bool go_eq(const Value& arg1, std::span<const Value* const> others)
{
  if (others.empty()) {
    fail("missing argument for comparison");
  }
  const BasicKind k1 = basic_kind(arg1);
  for (const Value* argp : others) {
    const Value& arg = *argp;
    const BasicKind k2 = basic_kind(arg);
    bool truth = false;
    if (k1 != k2) {
      // Special case: Can compare integer values regardless of type's sign.
      if (k1 == BasicKind::int_ && k2 == BasicKind::uint) {
        truth = arg1.as_int() >= 0 && std::uint64_t(arg1.as_int()) == arg.as_uint();
      } else if (k1 == BasicKind::uint && k2 == BasicKind::int_) {
        truth = arg.as_int() >= 0 && arg1.as_uint() == std::uint64_t(arg.as_int());
      } else if (!arg1.is_nil() && !arg.is_nil()) {
        fail("incompatible types for comparison");
      }
    } else {
      switch (k1) {
      case BasicKind::boolean: truth = arg1.as_bool() == arg.as_bool(); break;
      case BasicKind::float_: truth = arg1.as_float() == arg.as_float(); break;
      case BasicKind::int_: truth = arg1.as_int() == arg.as_int(); break;
      case BasicKind::string: truth = arg1.as_string() == arg.as_string(); break;
      case BasicKind::uint: truth = arg1.as_uint() == arg.as_uint(); break;
      case BasicKind::invalid: {
        const std::string rk1 = reflect_kind(arg1);
        const std::string rk2 = reflect_kind(arg);
        if (rk1 != rk2 && rk1 != "invalid" && rk2 != "invalid") {
          const std::array<Value, 4> fa{arg1, Value(arg1.type_name()), Value(arg.type_name()), arg};
          fail(sprintf("non-comparable types %s: %v, %s: %v", fa));
        }
        if (arg1.is_nil() || arg.is_nil()) {
          truth = arg1.is_nil() == arg.is_nil();
        } else {
          if (!comparable_type(arg)) {
            const std::array<Value, 2> fa{arg, Value(arg.type_name())};
            fail(sprintf("non-comparable type %s: %v", fa));
          }
          truth = arg1.same(arg);
        }
        break;
      }
      }
    }
    if (truth) {
      return true;
    }
  }
  return false;
}

bool go_ne(const Value& a, const Value& b)
{
  const Value* others[] = {&b};
  return !go_eq(a, others);
}

bool go_lt(const Value& a, const Value& b)
{
  const BasicKind k1 = basic_kind(a);
  if (k1 == BasicKind::invalid) {
    fail("invalid type for comparison");
  }
  const BasicKind k2 = basic_kind(b);
  if (k2 == BasicKind::invalid) {
    fail("invalid type for comparison");
  }
  if (k1 != k2) {
    // Special case: Can compare integer values regardless of type's sign.
    if (k1 == BasicKind::int_ && k2 == BasicKind::uint) {
      return a.as_int() < 0 || std::uint64_t(a.as_int()) < b.as_uint();
    }
    if (k1 == BasicKind::uint && k2 == BasicKind::int_) {
      return b.as_int() >= 0 && a.as_uint() < std::uint64_t(b.as_int());
    }
    fail("incompatible types for comparison");
  }
  switch (k1) {
  case BasicKind::float_: return a.as_float() < b.as_float();
  case BasicKind::int_: return a.as_int() < b.as_int();
  case BasicKind::string: return a.as_string() < b.as_string();
  case BasicKind::uint: return a.as_uint() < b.as_uint();
  default: fail("invalid type for comparison");
  }
}

bool go_le(const Value& a, const Value& b)
{
  if (go_lt(a, b)) {
    return true;
  }
  const Value* others[] = {&b};
  return go_eq(a, others);
}

bool go_gt(const Value& a, const Value& b)
{
  return !go_le(a, b);
}

bool go_ge(const Value& a, const Value& b)
{
  return !go_lt(a, b);
}

} // namespace pave::tmpl
