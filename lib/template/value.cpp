#include <pave/template/value.hpp>

namespace pave::tmpl {

Value::Value(std::int64_t i, IntType t) noexcept : m_kind(Kind::integer), m_int(t)
{
  m_u.i = i;
}

Value::Value(std::uint64_t u, IntType t) noexcept : m_kind(Kind::unsigned_), m_int(t)
{
  m_u.u = u;
}

const std::string& Value::empty_string() noexcept
{
  static const std::string empty;
  return empty;
}

void Value::set_ref(Kind k, std::shared_ptr<void> ref) noexcept
{
  destroy();
  m_kind = k;
  std::construct_at(&m_u.ref, std::move(ref));
}

void Value::construct_from(const Value& o)
{
  if (o.holds_string()) {
    std::construct_at(&m_u.str, o.m_u.str);
  } else if (o.holds_ref()) {
    std::construct_at(&m_u.ref, o.m_u.ref);
  } else {
    m_u.i = o.m_u.i;
  }
}

Value Value::bytes(std::string data)
{
  Value v(std::move(data));
  v.m_kind = Kind::bytes;
  return v;
}

Value Value::map(ElemType elem)
{
  return map(MapItems{}, elem);
}

Value Value::map(MapItems items, ElemType elem)
{
  Value v;
  v.set_ref(Kind::map, std::make_shared<MapData>(MapData{std::move(items), elem}));
  return v;
}

Value Value::list(ElemType elem)
{
  return list(ListItems{}, elem);
}

Value Value::list(ListItems items, ElemType elem)
{
  Value v;
  v.set_ref(Kind::list, std::make_shared<ListData>(ListData{std::move(items), elem}));
  return v;
}

Value Value::object(std::shared_ptr<const Object> obj)
{
  Value v;
  v.set_ref(Kind::object, std::const_pointer_cast<Object>(std::move(obj)));
  return v;
}

const Value* Value::find(std::string_view key) const
{
  if (m_kind != Kind::map) {
    return nullptr;
  }
  const auto& m = items();
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

bool Value::truthy() const
{
  switch (m_kind) {
  case Kind::nil: return false;
  case Kind::boolean: return m_u.b;
  case Kind::integer: return m_u.i != 0;
  case Kind::unsigned_: return m_u.u != 0;
  case Kind::floating: return m_u.f != 0;
  case Kind::string:
  case Kind::bytes: return !m_u.str.empty();
  case Kind::list: return !elements().empty();
  case Kind::map: return !items().empty();
  case Kind::object: return as_object().truth();
  }
  return false;
}

namespace {

const char* int_type_name(IntType t)
{
  switch (t) {
  case IntType::int_: return "int";
  case IntType::int64: return "int64";
  case IntType::int32: return "int32";
  case IntType::int16: return "int16";
  case IntType::int8: return "int8";
  case IntType::uint: return "uint";
  case IntType::uint64: return "uint64";
  case IntType::uint32: return "uint32";
  case IntType::uint16: return "uint16";
  case IntType::uint8: return "uint8";
  }
  return "int";
}

const char* elem_type_name(ElemType e)
{
  switch (e) {
  case ElemType::any: return "interface {}";
  case ElemType::string: return "string";
  case ElemType::int_: return "int";
  case ElemType::int64: return "int64";
  case ElemType::float64: return "float64";
  case ElemType::bytes: return "[]uint8";
  case ElemType::boolean: return "bool";
  }
  return "interface {}";
}

} // namespace

std::string Value::type_name() const
{
  switch (m_kind) {
  case Kind::nil: return "<nil>";
  case Kind::boolean: return "bool";
  case Kind::integer:
  case Kind::unsigned_: return int_type_name(m_int);
  case Kind::floating: return "float64";
  case Kind::string: return "string";
  case Kind::bytes: return "[]uint8";
  case Kind::list: return std::string("[]") + elem_type_name(list_data().elem);
  case Kind::map: return std::string("map[string]") + elem_type_name(map_data().elem);
  case Kind::object: return as_object().type_name();
  }
  return "<nil>";
}

std::string Value::kind_name() const
{
  switch (m_kind) {
  case Kind::nil: return "invalid";
  case Kind::boolean: return "bool";
  case Kind::integer:
  case Kind::unsigned_: return int_type_name(m_int);
  case Kind::floating: return "float64";
  case Kind::string: return "string";
  case Kind::bytes:
  case Kind::list: return "slice";
  case Kind::map: return "map";
  case Kind::object: return as_object().kind_name();
  }
  return "invalid";
}

bool Value::same(const Value& other) const noexcept
{
  if (m_kind != other.m_kind) {
    return false;
  }
  switch (m_kind) {
  case Kind::nil: return true;
  case Kind::boolean: return m_u.b == other.m_u.b;
  case Kind::integer: return m_u.i == other.m_u.i;
  case Kind::unsigned_: return m_u.u == other.m_u.u;
  case Kind::floating: return m_u.f == other.m_u.f;
  case Kind::string:
  case Kind::bytes: return m_u.str == other.m_u.str;
  default: return m_u.ref == other.m_u.ref;
  }
}

Value deep_copy(const Value& v)
{
  if (v.is_map()) {
    MapItems items;
    for (const auto& [k, x] : v.items()) {
      items.emplace_hint(items.end(), k, deep_copy(x));
    }
    return Value::map(std::move(items), v.map_data().elem);
  }
  if (v.is_list()) {
    ListItems items;
    items.reserve(v.elements().size());
    for (const auto& x : v.elements()) {
      items.push_back(deep_copy(x));
    }
    return Value::list(std::move(items), v.list_data().elem);
  }
  return v;
}

} // namespace pave::tmpl
