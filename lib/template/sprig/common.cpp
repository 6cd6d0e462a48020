#include <pave/template/sprig/common.hpp>

#include <algorithm>
#include <cmath>

#include <pave/template/format.hpp>

namespace pave::tmpl::sprig {

void def(FunctionTable& table, std::string name, Sig sig, FunctionImpl impl)
{
  Function f;
  f.params = sig.params;
  f.variadic = sig.variadic;
  f.returns_error = sig.returns_error;
  f.impl = std::move(impl);
  table.add(std::move(name), std::move(f));
}

namespace {

[[noreturn]] void fail_arg_type(const Value& v, std::string_view want)
{
  fail("wrong type for value; expected " + std::string(want) + "; got " + v.type_name());
}

} // namespace

std::string_view arg_string(const Value& v)
{
  if (v.is_string() || v.is_bytes()) {
    return v.as_string();
  }
  if (v.is_nil()) {
    return {};
  }
  fail_arg_type(v, "string");
}

std::int64_t arg_int(const Value& v)
{
  if (v.is_int()) {
    return v.as_int();
  }
  if (v.is_uint()) {
    return static_cast<std::int64_t>(v.as_uint());
  }
  if (v.is_float() && v.as_float() == std::trunc(v.as_float())) {
    return go_float_to_int(v.as_float());
  }
  if (v.is_nil()) {
    return 0;
  }
  fail_arg_type(v, "int");
}

double arg_float(const Value& v)
{
  if (v.is_float()) {
    return v.as_float();
  }
  if (v.is_int()) {
    return static_cast<double>(v.as_int());
  }
  if (v.is_uint()) {
    return static_cast<double>(v.as_uint());
  }
  if (v.is_nil()) {
    return 0;
  }
  fail_arg_type(v, "float64");
}

bool arg_bool(const Value& v)
{
  if (v.is_bool()) {
    return v.as_bool();
  }
  if (v.is_nil()) {
    return false;
  }
  fail_arg_type(v, "bool");
}

const MapItems* arg_map(const Value& v)
{
  if (v.is_map()) {
    return &v.items();
  }
  if (v.is_nil()) {
    return nullptr;
  }
  fail_arg_type(v, "map[string]interface {}");
}

const ListItems* arg_list(const Value& v)
{
  if (v.is_list()) {
    return &v.elements();
  }
  if (v.is_nil()) {
    return nullptr;
  }
  fail_arg_type(v, "[]interface {}");
}

SliceView::SliceView(const Value& v)
{
  if (v.is_list()) {
    m_items = &v.elements();
    m_elem = v.list_data().elem;
    m_is_slice = true;
  } else if (v.is_bytes()) {
    m_bytes = v.as_string();
    m_is_slice = true;
  }
}

Value SliceView::at(std::size_t i) const
{
  if (m_items != nullptr) {
    return (*m_items)[i];
  }
  return Value(static_cast<std::uint64_t>(static_cast<unsigned char>(m_bytes[i])), IntType::uint8);
}

Value string_list(std::vector<std::string> items)
{
  ListItems out;
  out.reserve(items.size());
  for (auto& s : items) {
    out.emplace_back(std::move(s));
  }
  return Value::list(std::move(out), ElemType::string);
}

Value string_map(MapItems items)
{
  return Value::map(std::move(items), ElemType::string);
}

std::string strval(const Value& v)
{
  if (v.is_string() || v.is_bytes()) {
    return v.as_string();
  }
  if (v.is_object()) {
    return v.as_object().format();
  }
  return sprint_value(v);
}

bool is_empty(const Value& v)
{
  switch (v.kind()) {
  case Kind::nil: return true;
  case Kind::boolean: return !v.as_bool();
  case Kind::integer: return v.as_int() == 0;
  case Kind::unsigned_: return v.as_uint() == 0;
  case Kind::floating: return v.as_float() == 0;
  case Kind::string:
  case Kind::bytes: return v.as_string().empty();
  case Kind::list: return v.elements().empty();
  case Kind::map: return v.items().empty();
  case Kind::object: {
    auto kind = v.as_object().kind_name();
    if (kind == "struct") {
      return false;
    }
    return !v.as_object().truth();
  }
  }
  return true;
}

bool deep_equal(const Value& a, const Value& b)
{
  if (a.kind() != b.kind()) {
    return false;
  }
  switch (a.kind()) {
  case Kind::nil: return true;
  case Kind::boolean: return a.as_bool() == b.as_bool();
  case Kind::integer: return a.int_type() == b.int_type() && a.as_int() == b.as_int();
  case Kind::unsigned_: return a.int_type() == b.int_type() && a.as_uint() == b.as_uint();
  case Kind::floating: return a.as_float() == b.as_float();
  case Kind::string:
  case Kind::bytes: return a.as_string() == b.as_string();
  case Kind::list: {
    if (a.list_data().elem != b.list_data().elem) {
      return false;
    }
    const auto& x = a.elements();
    const auto& y = b.elements();
    if (&x == &y) {
      return true;
    }
    if (x.size() != y.size()) {
      return false;
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!deep_equal(x[i], y[i])) {
        return false;
      }
    }
    return true;
  }
  case Kind::map: {
    if (a.map_data().elem != b.map_data().elem) {
      return false;
    }
    const auto& x = a.items();
    const auto& y = b.items();
    if (&x == &y) {
      return true;
    }
    if (x.size() != y.size()) {
      return false;
    }
    for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
      if (i->first != j->first || !deep_equal(i->second, j->second)) {
        return false;
      }
    }
    return true;
  }
  case Kind::object:
    return a.same(b)
           || (a.as_object().type_name() == b.as_object().type_name() && a.as_object().format() == b.as_object().format());
  }
  return false;
}

void fail(std::string message)
{
  throw FunctionError(std::move(message));
}

void check_result_size(const CallContext& ctx, long double n)
{
  if (n > static_cast<long double>(ctx.max_result)) {
    fail("result too large: " + std::to_string(static_cast<unsigned long long>(std::min<long double>(n, 1e19L))) +
         " bytes or items, over the limit of " + std::to_string(ctx.max_result));
  }
}

void fail_nil_deref()
{
  fail("runtime error: invalid memory address or nil pointer dereference");
}

void fail_conversion(const Value& v, std::string_view want)
{
  if (v.is_nil()) {
    fail("interface conversion: interface {} is nil, not " + std::string(want));
  }
  fail("interface conversion: interface {} is " + v.type_name() + ", not " + std::string(want));
}

void fail_slice_bounds(std::int64_t lo, std::int64_t hi, std::size_t len, bool lo_given, bool hi_given)
{
  auto n = static_cast<std::int64_t>(len);
  std::int64_t h = hi_given ? hi : n;
  std::string msg = "runtime error: slice bounds out of range ";
  if (h < 0) {
    msg += "[:" + std::to_string(h) + "]";
  } else if (h > n) {
    msg += "[:" + std::to_string(h) + "] with length " + std::to_string(n);
  } else if (lo_given && lo < 0) {
    msg += "[" + std::to_string(lo) + ":]";
  } else {
    msg += "[" + std::to_string(lo) + ":" + std::to_string(h) + "]";
  }
  fail(std::move(msg));
}

std::string_view go_slice(std::string_view s, std::int64_t lo, std::int64_t hi, bool lo_given, bool hi_given)
{
  auto n = static_cast<std::int64_t>(s.size());
  std::int64_t l = lo_given ? lo : 0;
  std::int64_t h = hi_given ? hi : n;
  if (h < 0 || h > n || l < 0 || l > h) {
    fail_slice_bounds(l, h, s.size(), lo_given, hi_given);
  }
  return s.substr(static_cast<std::size_t>(l), static_cast<std::size_t>(h - l));
}

std::int64_t go_float_to_int(double f) noexcept
{
  if (std::isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) {
    return INT64_MIN;
  }
  return static_cast<std::int64_t>(f);
}

} // namespace pave::tmpl::sprig
