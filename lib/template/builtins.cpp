#include <pave/template/builtins.hpp>

#include <array>
#include <cstdio>
#include <vector>

#include <pave/template/compare.hpp>
#include <pave/template/format.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl {

namespace {

struct BuiltinEntry
{
  std::string_view name;
  Builtin id;
};

constexpr std::array<BuiltinEntry, 19> k_builtins{{
    {"and", Builtin::and_},   {"call", Builtin::call},     {"html", Builtin::html},
    {"index", Builtin::index}, {"slice", Builtin::slice},  {"js", Builtin::js},
    {"len", Builtin::len},     {"not", Builtin::not_},     {"or", Builtin::or_},
    {"print", Builtin::print}, {"printf", Builtin::printf}, {"println", Builtin::println},
    {"urlquery", Builtin::urlquery}, {"eq", Builtin::eq},  {"ge", Builtin::ge},
    {"gt", Builtin::gt},       {"le", Builtin::le},        {"lt", Builtin::lt},
    {"ne", Builtin::ne},
}};

[[noreturn]] void fail(std::string message)
{
  throw BuiltinError{std::move(message)};
}

/// indexArg: an int or uint index within [0, cap].
std::int64_t index_arg(const Value& index, std::size_t cap)
{
  std::int64_t x = 0;
  if (index.is_int()) {
    x = index.as_int();
  } else if (index.is_uint()) {
    x = static_cast<std::int64_t>(index.as_uint());
  } else if (index.is_nil()) {
    fail("cannot index slice/array with nil");
  } else {
    fail("cannot index slice/array with type " + index.type_name());
  }
  if (x < 0 || static_cast<std::uint64_t>(x) > cap) {
    fail("index out of range: " + std::to_string(x));
  }
  return x;
}

/// A map's zero element (missing key): nil for interface{} elements.
Value zero_elem(ElemType e)
{
  switch (e) {
  case ElemType::any: return Value();
  case ElemType::string: return Value("");
  case ElemType::int_: return Value(std::int64_t(0), IntType::int_);
  case ElemType::int64: return Value(std::int64_t(0), IntType::int64);
  case ElemType::float64: return Value(0.0);
  case ElemType::bytes: return Value::bytes("");
  case ElemType::boolean: return Value(false);
  }
  return Value();
}

/// The plain data of a map- or slice-kind object (Files, Values ...), else nullopt.
std::optional<Value> object_data(const Value& v)
{
  if (!v.is_object()) {
    return std::nullopt;
  }
  const std::string k = v.as_object().kind_name();
  if (k != "map" && k != "slice") {
    return std::nullopt;
  }
  return v.as_object().to_data();
}

Value builtin_index(std::span<const BuiltinArg> args)
{
  if (args[0].value->is_nil()) {
    fail("index of untyped nil");
  }
  Value item = *args[0].value;
  bool item_iface = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const Value& index = *args[i].value;
    if (item_iface && item.is_nil()) {
      fail("index of nil pointer");
    }
    if (auto data = object_data(item)) {
      item = std::move(*data);
    }
    switch (item.kind()) {
    case Kind::list: {
      const auto x = index_arg(index, item.elements().size());
      if (static_cast<std::size_t>(x) == item.elements().size()) {
        fail("reflect: slice index out of range");
      }
      item_iface = item.list_data().elem == ElemType::any;
      Value next = item.elements()[static_cast<std::size_t>(x)];
      item = std::move(next);
      break;
    }
    case Kind::string:
    case Kind::bytes: {
      const auto x = index_arg(index, item.as_string().size());
      if (static_cast<std::size_t>(x) == item.as_string().size()) {
        fail(item.is_string() ? "reflect: string index out of range" : "reflect: slice index out of range");
      }
      const auto byte = static_cast<unsigned char>(item.as_string()[static_cast<std::size_t>(x)]);
      item = Value(std::uint64_t(byte), IntType::uint8);
      item_iface = false;
      break;
    }
    case Kind::map: {
      if (index.is_nil()) {
        fail("value is nil; should be of type string");
      }
      if (!index.is_string()) {
        fail("value has type " + index.type_name() + "; should be string");
      }
      const ElemType elem = item.map_data().elem;
      item_iface = elem == ElemType::any;
      if (const Value* found = item.find(index.as_string())) {
        Value next = *found;
        item = std::move(next);
      } else {
        item = zero_elem(elem);
      }
      break;
    }
    default: fail("can't index item of type " + indirect_type_name(item));
    }
  }
  return item;
}

Value builtin_slice(std::span<const BuiltinArg> args)
{
  Value item = *args[0].value;
  if (item.is_nil()) {
    fail("slice of untyped nil");
  }
  const std::size_t n_indexes = args.size() - 1;
  if (n_indexes > 3) {
    fail("too many slice indexes: " + std::to_string(n_indexes));
  }
  std::size_t cap = 0;
  if (item.is_string()) {
    if (n_indexes == 3) {
      fail("cannot 3-index slice a string");
    }
    cap = item.as_string().size();
  } else if (item.is_list()) {
    cap = item.elements().size();
  } else if (item.is_bytes()) {
    cap = item.as_string().size();
  } else {
    fail("can't slice item of type " + item.type_name());
  }
  std::array<std::int64_t, 3> idx{0, static_cast<std::int64_t>(cap), 0};
  for (std::size_t i = 0; i < n_indexes; ++i) {
    if (args[i + 1].iface) {
      fail("cannot index slice/array with type interface {}"); // slice does not look inside interfaces
    }
    idx[i] = index_arg(*args[i + 1].value, cap);
  }
  if (idx[0] > idx[1]) {
    fail("invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]));
  }
  if (n_indexes == 3 && idx[1] > idx[2]) {
    fail("invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]));
  }
  const auto lo = static_cast<std::size_t>(idx[0]);
  const auto hi = static_cast<std::size_t>(idx[1]);
  if (item.is_string()) {
    return Value(item.as_string().substr(lo, hi - lo));
  }
  if (item.is_bytes()) {
    return Value::bytes(item.as_string().substr(lo, hi - lo));
  }
  const auto& elems = item.elements();
  return Value::list(ListItems(elems.begin() + static_cast<std::ptrdiff_t>(lo),
                               elems.begin() + static_cast<std::ptrdiff_t>(hi)),
                     item.list_data().elem);
}

Value builtin_len(const BuiltinArg& arg)
{
  if (arg.iface && arg.value->is_nil()) {
    fail("len of nil pointer");
  }
  const Value& v = *arg.value;
  switch (v.kind()) {
  case Kind::nil: fail("reflect: call of reflect.Value.Type on zero Value");
  case Kind::string:
  case Kind::bytes: return Value(std::int64_t(v.as_string().size()), IntType::int_);
  case Kind::list: return Value(std::int64_t(v.elements().size()), IntType::int_);
  case Kind::map: return Value(std::int64_t(v.items().size()), IntType::int_);
  default: break;
  }
  if (auto data = object_data(v)) {
    if (data->is_map()) {
      return Value(std::int64_t(data->items().size()), IntType::int_);
    }
    if (data->is_list()) {
      return Value(std::int64_t(data->elements().size()), IntType::int_);
    }
  }
  fail("len of type " + indirect_type_name(v));
}

/// A pointer object seen through Go's indirect(): prints as its element.
class Indirected final : public Object
{
public:
  explicit Indirected(Value v) : m_v(std::move(v)) {}
  std::string type_name() const override { return indirect_type_name(m_v); }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override
  {
    return m_v.as_object().member(name, args);
  }
  std::string format() const override { return indirect_sprint(m_v); }

private:
  Value m_v;
};

/// evalArgs: the textual form html/js/urlquery escape (fmt.Sprint of the
/// arguments made printable: nil as "<no value>", pointers dereferenced).
std::string eval_args(std::span<const BuiltinArg> args)
{
  if (args.size() == 1 && args[0].value->is_string()) {
    return args[0].value->as_string();
  }
  std::vector<Value> printable;
  printable.reserve(args.size());
  for (const auto& a : args) {
    if (a.value->is_nil()) {
      printable.emplace_back(k_no_value);
    } else if (a.value->is_object() && a.value->as_object().kind_name() == "ptr") {
      printable.push_back(Value::object(std::make_shared<Indirected>(*a.value)));
    } else {
      printable.push_back(*a.value);
    }
  }
  return sprint(printable);
}

std::vector<Value> plain_values(std::span<const BuiltinArg> args)
{
  std::vector<Value> out;
  out.reserve(args.size());
  for (const auto& a : args) {
    out.push_back(*a.value);
  }
  return out;
}

} // namespace

Builtin find_builtin(std::string_view name)
{
  for (const auto& e : k_builtins) {
    if (e.name == name) {
      return e.id;
    }
  }
  return Builtin::none;
}

std::string_view builtin_name(Builtin b)
{
  for (const auto& e : k_builtins) {
    if (e.id == b) {
      return e.name;
    }
  }
  return "";
}

Value call_builtin(Builtin b, std::span<const BuiltinArg> args)
{
  switch (b) {
  case Builtin::index: return builtin_index(args);
  case Builtin::slice: return builtin_slice(args);
  case Builtin::len: return builtin_len(args[0]);
  case Builtin::not_: return Value(!args[0].value->truthy());
  case Builtin::call:
    if (args[0].value->is_nil()) {
      fail("call of nil");
    }
    fail("non-function of type " + args[0].value->type_name());
  case Builtin::html: return Value(html_escape(eval_args(args)));
  case Builtin::js: return Value(js_escape(eval_args(args)));
  case Builtin::urlquery: return Value(url_query_escape(eval_args(args)));
  case Builtin::print: return Value(sprint(plain_values(args)));
  case Builtin::println: return Value(sprintln(plain_values(args)));
  case Builtin::printf: {
    const auto rest = plain_values(args.subspan(1));
    return Value(sprintf(args[0].value->as_string(), rest));
  }
  case Builtin::eq: {
    std::vector<const Value*> others;
    others.reserve(args.size() - 1);
    for (std::size_t i = 1; i < args.size(); ++i) {
      others.push_back(args[i].value);
    }
    return Value(go_eq(*args[0].value, others));
  }
  case Builtin::ne: return Value(go_ne(*args[0].value, *args[1].value));
  case Builtin::lt: return Value(go_lt(*args[0].value, *args[1].value));
  case Builtin::le: return Value(go_le(*args[0].value, *args[1].value));
  case Builtin::gt: return Value(go_gt(*args[0].value, *args[1].value));
  case Builtin::ge: return Value(go_ge(*args[0].value, *args[1].value));
  case Builtin::and_:
  case Builtin::or_:
  case Builtin::none: break;
  }
  fail("unknown builtin");
}

std::string indirect_type_name(const Value& v)
{
  std::string name = v.type_name();
  if (v.is_object() && v.as_object().kind_name() == "ptr" && name.starts_with("*")) {
    name.erase(0, 1);
  }
  return name;
}

std::string indirect_sprint(const Value& v)
{
  std::string text = sprint_value(v);
  if (v.is_object() && v.as_object().kind_name() == "ptr" && text.starts_with("&{")) {
    text.erase(0, 1);
  }
  return text;
}

std::string html_escape(std::string_view s)
{
  if (s.find_first_of(std::string_view("'\"&<>\0", 6)) == std::string_view::npos) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size() + 16);
  for (const char c : s) {
    switch (c) {
    case '\0': out += "\xEF\xBF\xBD"; break;
    case '"': out += "&#34;"; break;
    case '\'': out += "&#39;"; break;
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    default: out.push_back(c);
    }
  }
  return out;
}

std::string js_escape(std::string_view s)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool special = c == '\\' || c == '\'' || c == '"' || c == '<' || c == '>' || c == '&' || c == '=' ||
                         c < ' ' || c >= 0x80;
    if (!special) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c < 0x80) {
      switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '"': out += "\\\""; break;
      case '<': out += "\\u003C"; break;
      case '>': out += "\\u003E"; break;
      case '&': out += "\\u0026"; break;
      case '=': out += "\\u003D"; break;
      default:
        out += "\\u00";
        out.push_back(k_hex[c >> 4]);
        out.push_back(k_hex[c & 0x0F]);
      }
      continue;
    }
    const auto d = go::decode_rune(s.substr(i));
    if (go::is_print(d.rune)) {
      out.append(s.substr(i, static_cast<std::size_t>(d.width)));
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(d.rune));
      out += buf;
    }
    i += static_cast<std::size_t>(d.width) - 1;
  }
  return out;
}

std::string url_query_escape(std::string_view s)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 16);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(ch);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 0x0F]);
    }
  }
  return out;
}

} // namespace pave::tmpl
