#pragma once
/// The dynamic value every template expression evaluates to. It models the Go
/// values Helm templates see (interface{} holding nil, bool, int, int64,
/// float64, string, []byte, []interface{}, map[string]interface{}, or a Go
/// object with fields and methods) closely enough to reproduce Go's printing,
/// comparison, truthiness and typeOf/kindOf results.
///
/// Maps, lists and objects have reference semantics, like Go maps and slices:
/// copying a Value shares the container. Sprig's `set` mutates a dict in place
/// and every holder sees it; use deep_copy() for an independent copy.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pave::tmpl {

class Value;
class Object;

/// Go kinds (reflect.Kind) a Value can have.
enum class Kind : std::uint8_t {
  nil,      ///< a nil interface{}: missing map key, YAML null, `nil`
  boolean,  ///< bool
  integer,  ///< int, int8..int64 (IntWidth says which)
  unsigned_,///< uint, uint8..uint64
  floating, ///< float64 (or float32)
  string,   ///< string
  bytes,    ///< []byte
  list,     ///< a slice ([]interface{}, []string, []int ...)
  map,      ///< map[string]X
  object,   ///< a Go struct or named type with fields/methods (Files, Capabilities, semver, time.Time ...)
};

/// Which Go integer type an integer holds; only its Go type name depends on it.
enum class IntType : std::uint8_t { int_, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8 };

/// Element type of a Go slice or map value; only type names depend on it.
enum class ElemType : std::uint8_t { any, string, int_, int64, float64, bytes, boolean };

/// The order of map keys: bytewise, as Go sorts them for printing. Lookups
/// in a values map mostly tell keys apart by their first bytes, which are
/// compared here in line; a call to memcmp for every comparison was most of
/// a large render's field lookups.
struct KeyLess
{
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept
  {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    std::size_t i = 0;
    for (const std::size_t head = n < 8 ? n : 8; i < head; ++i) {
      if (a[i] != b[i]) {
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
      }
    }
    if (i < n) {
      if (const int c = a.substr(i, n - i).compare(b.substr(i, n - i)); c != 0) {
        return c < 0;
      }
    }
    return a.size() < b.size();
  }
};

using MapItems = std::map<std::string, Value, KeyLess>;
using ListItems = std::vector<Value>;

/// Shared storage of a map value (map[string]X, keys sorted bytewise like Go's printing).
struct MapData
{
  MapItems items;
  ElemType elem = ElemType::any;
};

/// Shared storage of a list value ([]X).
struct ListData
{
  ListItems items;
  ElemType elem = ElemType::any;
};

class Value
{
public:
  Value() noexcept = default; ///< nil
  Value(std::nullptr_t) noexcept {}
  Value(bool b) noexcept : m_kind(Kind::boolean) { m_u.b = b; }
  Value(int i) noexcept : m_kind(Kind::integer), m_int(IntType::int_) { m_u.i = i; }
  Value(std::int64_t i, IntType t = IntType::int64) noexcept;
  Value(std::uint64_t u, IntType t = IntType::uint64) noexcept;
  Value(double f) noexcept : m_kind(Kind::floating) { m_u.f = f; }
  Value(std::string s) : m_kind(Kind::string) { std::construct_at(&m_u.str, std::move(s)); }
  Value(std::string_view s) : m_kind(Kind::string) { std::construct_at(&m_u.str, s); }
  Value(const char* s) : m_kind(Kind::string) { std::construct_at(&m_u.str, s); }

  Value(const Value& o) : m_kind(o.m_kind), m_int(o.m_int) { construct_from(o); }
  Value(Value&& o) noexcept : m_kind(o.m_kind), m_int(o.m_int) { construct_from(std::move(o)); }
  Value& operator=(const Value& o)
  {
    if (this != &o) {
      Value copy(o);
      *this = std::move(copy);
    }
    return *this;
  }
  Value& operator=(Value&& o) noexcept
  {
    if (this == &o) {
      return *this;
    }
    if (!holds_ref()) {
      // Nothing `o` could live inside: replace in place (the common case,
      // one string move instead of two).
      destroy();
      m_kind = o.m_kind;
      m_int = o.m_int;
      construct_from(std::move(o));
      return *this;
    }
    {
      // `o` may live inside this value (v = std::move(v.items()["x"])):
      // take it out before letting go of what this value holds.
      Value taken(std::move(o));
      destroy();
      m_kind = taken.m_kind;
      m_int = taken.m_int;
      construct_from(std::move(taken));
    }
    return *this;
  }
  ~Value() { destroy(); }

  /// A []byte value.
  static Value bytes(std::string data);
  /// A new empty map[string]interface{} (or map[string]E).
  static Value map(ElemType elem = ElemType::any);
  static Value map(MapItems items, ElemType elem = ElemType::any);
  /// A new list []interface{} (or []E).
  static Value list(ElemType elem = ElemType::any);
  static Value list(ListItems items, ElemType elem = ElemType::any);
  static Value object(std::shared_ptr<const Object> obj);

  Kind kind() const noexcept { return m_kind; }
  bool is_nil() const noexcept { return m_kind == Kind::nil; }
  bool is_bool() const noexcept { return m_kind == Kind::boolean; }
  bool is_int() const noexcept { return m_kind == Kind::integer; }
  bool is_uint() const noexcept { return m_kind == Kind::unsigned_; }
  bool is_float() const noexcept { return m_kind == Kind::floating; }
  bool is_number() const noexcept { return is_int() || is_uint() || is_float(); }
  bool is_string() const noexcept { return m_kind == Kind::string; }
  bool is_bytes() const noexcept { return m_kind == Kind::bytes; }
  bool is_list() const noexcept { return m_kind == Kind::list; }
  bool is_map() const noexcept { return m_kind == Kind::map; }
  bool is_object() const noexcept { return m_kind == Kind::object; }

  // Accessors: precondition is the matching kind (checked by assert in debug).
  // Scalars of another kind read as 0 / false, the string of a non-string as "".
  bool as_bool() const noexcept { return holds_scalar() && m_u.b; }
  std::int64_t as_int() const noexcept { return holds_scalar() ? m_u.i : 0; }
  std::uint64_t as_uint() const noexcept { return holds_scalar() ? m_u.u : 0; }
  double as_float() const noexcept { return holds_scalar() ? m_u.f : 0.0; }
  /// The string of a string value, or the bytes of a []byte value.
  const std::string& as_string() const noexcept { return holds_string() ? m_u.str : empty_string(); }
  IntType int_type() const noexcept { return m_int; }

  /// Map storage; precondition is_map(). Mutations are visible to every holder.
  MapData& map_data() const noexcept { return *static_cast<MapData*>(m_u.ref.get()); }
  MapItems& items() const noexcept { return map_data().items; }
  /// List storage; precondition is_list().
  ListData& list_data() const noexcept { return *static_cast<ListData*>(m_u.ref.get()); }
  ListItems& elements() const noexcept { return list_data().items; }
  /// Object; precondition is_object().
  const Object& as_object() const noexcept { return *static_cast<const Object*>(m_u.ref.get()); }
  std::shared_ptr<const Object> object_ptr() const { return std::static_pointer_cast<const Object>(m_u.ref); }

  /// Map lookup; nullptr when this is not a map or has no such key.
  const Value* find(std::string_view key) const;

  /// Go's truthiness (text/template `if`): false for nil, false, 0, 0.0, "",
  /// and empty maps/lists/bytes; objects ask Object::truth().
  bool truthy() const;

  /// Go type name as reflect/fmt %T prints it: "int", "float64", "string",
  /// "[]interface {}", "map[string]interface {}", "chartutil.Files" ...; "<nil>" for nil.
  std::string type_name() const;
  /// Go kind name as reflect.Kind.String(): "int", "float64", "slice", "map", "struct", "ptr", "invalid".
  std::string kind_name() const;

  /// Shallow identity for maps/lists/objects, value equality for scalars.
  bool same(const Value& other) const noexcept;

private:
  bool holds_string() const noexcept { return m_kind == Kind::string || m_kind == Kind::bytes; }
  bool holds_ref() const noexcept { return m_kind >= Kind::list; }
  bool holds_scalar() const noexcept { return !holds_string() && !holds_ref(); }
  static const std::string& empty_string() noexcept;
  void set_ref(Kind k, std::shared_ptr<void> ref) noexcept;
  /// Constructs the member of `o`'s kind (m_kind is already o's); copies or moves it.
  void construct_from(const Value& o);
  void construct_from(Value&& o) noexcept
  {
    if (o.holds_string()) {
      std::construct_at(&m_u.str, std::move(o.m_u.str));
    } else if (o.holds_ref()) {
      std::construct_at(&m_u.ref, std::move(o.m_u.ref));
    } else {
      m_u.i = o.m_u.i;
      return; // a moved-from scalar keeps its value, as before
    }
    o.destroy();
  }
  /// Ends the lifetime of a string or shared member (the value is nil
  /// afterwards); a number needs nothing.
  void destroy() noexcept
  {
    if (holds_string()) {
      std::destroy_at(&m_u.str);
    } else if (holds_ref()) {
      std::destroy_at(&m_u.ref);
    } else {
      return;
    }
    m_kind = Kind::nil;
    m_int = IntType::int_;
    m_u.i = 0;
  }

  Kind m_kind = Kind::nil;
  IntType m_int = IntType::int_;
  /// One member is alive, chosen by m_kind: a number, the string (or bytes),
  /// or the shared MapData, ListData or const Object. A Value is 40 bytes
  /// (64 with each a field of its own), and a values tree of a large chart is
  /// made of hundreds of thousands of them.
  union Storage {
    bool b;
    std::int64_t i;
    std::uint64_t u;
    double f;
    std::string str;
    std::shared_ptr<void> ref;
    Storage() noexcept : i(0) {}
    ~Storage() {}
  } m_u;
};

static_assert(sizeof(Value) == 40);

/// An independent copy: maps and lists are copied recursively, objects shared.
Value deep_copy(const Value& v);

/// A native Go-like object (struct or named type) exposed to templates.
/// Field access `.Name` first asks method(name, {}) semantics like Go: a
/// niladic method or a field.
class Object
{
public:
  virtual ~Object() = default;
  /// Go type name, e.g. "chartutil.Files" or "*semver.Version".
  virtual std::string type_name() const = 0;
  /// Go kind name, e.g. "struct", "map", "ptr".
  virtual std::string kind_name() const { return "struct"; }
  /// Field or method lookup for `.name` with args (empty for a field or niladic method).
  /// Returns nullopt when there is no such field or method. Throws
  /// tmpl::FunctionError for a bad call (wrong argument count or type).
  virtual std::optional<Value> member(std::string_view name, std::span<const Value> args) const = 0;
  /// True when `name` is a method (so `.X a b` may pass arguments).
  virtual bool has_method(std::string_view name) const { (void)name; return false; }
  /// fmt %v formatting of the object.
  virtual std::string format() const = 0;
  /// Value converted for toYaml/toJson (structs become maps); nil when not representable.
  virtual Value to_data() const { return {}; }
  /// Truthiness: structs are always true in Go; named maps/slices are true when non-empty.
  virtual bool truth() const { return true; }
};

} // namespace pave::tmpl
