#pragma once
/// Shared plumbing of the Sprig function files: registration with Go
/// signatures, argument accessors, Go's reflect-style views of slices, and
/// the panics/errors Sprig's Go code produces (as tmpl::FunctionError).
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pave/template/function.hpp>
#include <pave/template/value.hpp>

namespace pave::tmpl::sprig {

using Args = std::span<const Value>;
using P = Param;

/// A Go function signature: parameter types, whether the last one is `...T`,
/// and whether it returns (T, error).
struct Sig
{
  ParamList params;
  bool variadic = false;
  bool returns_error = false;
};

/// Registers `impl` as `name` with signature `sig`.
void def(FunctionTable& table, std::string name, Sig sig, FunctionImpl impl);

// --- Function groups, one per file (registered by add_sprig_functions) -----
void add_string_functions(FunctionTable& t);     // strings.cpp
void add_text_functions(FunctionTable& t);       // text.cpp
void add_random_functions(FunctionTable& t);     // random.cpp
void add_list_functions(FunctionTable& t);       // lists.cpp
void add_dict_functions(FunctionTable& t);       // dicts.cpp
void add_math_functions(FunctionTable& t);       // math.cpp
void add_conversion_functions(FunctionTable& t); // conversion.cpp
void add_default_functions(FunctionTable& t);    // defaults.cpp
void add_json_functions(FunctionTable& t);       // json.cpp
void add_encoding_functions(FunctionTable& t);   // encoding.cpp
void add_crypto_functions(FunctionTable& t);     // crypto.cpp
void add_cert_functions(FunctionTable& t);       // certs.cpp
void add_date_functions(FunctionTable& t);       // dates.cpp
void add_semver_functions(FunctionTable& t);     // semver.cpp
void add_regex_functions(FunctionTable& t);      // regex.cpp
void add_reflect_functions(FunctionTable& t);    // reflect.cpp
void add_network_functions(FunctionTable& t);    // network.cpp
void add_path_functions(FunctionTable& t);       // paths.cpp
void add_url_functions(FunctionTable& t);        // urls.cpp

// --- Arguments ---------------------------------------------------------------

/// A `string` parameter (also accepts []byte; nil reads as "").
std::string_view arg_string(const Value& v);
/// An `int`/`int64` parameter.
std::int64_t arg_int(const Value& v);
/// A `float64` parameter.
double arg_float(const Value& v);
/// A `bool` parameter.
bool arg_bool(const Value& v);
/// A `map[string]interface{}` parameter: nullptr for a nil map.
const MapItems* arg_map(const Value& v);
/// A `[]interface{}` or `[]string` parameter: nullptr for a nil slice.
const ListItems* arg_list(const Value& v);

/// Go's reflect view of a slice held in an interface{}: a list or a []byte.
class SliceView
{
public:
  /// Empty view when v is not a slice (check is_slice()).
  explicit SliceView(const Value& v);
  bool is_slice() const noexcept { return m_is_slice; }
  std::size_t size() const noexcept { return m_items != nullptr ? m_items->size() : m_bytes.size(); }
  /// Element i as interface{} (a []byte element is a uint8).
  Value at(std::size_t i) const;
  /// Go element type of the slice.
  ElemType elem() const noexcept { return m_elem; }

private:
  const ListItems* m_items = nullptr;
  std::string_view m_bytes;
  ElemType m_elem = ElemType::any;
  bool m_is_slice = false;
};

// --- Values ------------------------------------------------------------------

/// A []string value.
Value string_list(std::vector<std::string> items);
/// A map[string]string value.
Value string_map(MapItems items);
/// int64 and int results.
inline Value int64_value(std::int64_t i) { return Value(i, IntType::int64); }
inline Value int_value(std::int64_t i) { return Value(i, IntType::int_); }

/// Sprig's strval: strings and []byte as is, Stringers via String(), else fmt %v.
std::string strval(const Value& v);
/// Sprig's empty(): nil, false, 0, "", and empty collections are empty; structs never.
bool is_empty(const Value& v);
/// reflect.DeepEqual for template values.
bool deep_equal(const Value& a, const Value& b);

// --- Go errors -----------------------------------------------------------------

/// Throws FunctionError(message).
[[noreturn]] void fail(std::string message);
/// Guards against hostile arguments (`repeat 100000000000 "x"`): throws
/// FunctionError("result too large: N bytes or items, over the limit of M") when a
/// result of `n` bytes (or list elements) would exceed ctx.max_result. Go
/// would try to allocate it; pave ends the render with this error instead.
void check_result_size(const CallContext& ctx, long double n);
/// The panic of reflect.TypeOf(nil).Kind(): a nil pointer dereference.
[[noreturn]] void fail_nil_deref();
/// "interface conversion: interface {} is T, not WANT" (a failed type assertion).
[[noreturn]] void fail_conversion(const Value& v, std::string_view want);
/// Go's panic text for s[lo:hi] out of range, given len(s); lo/hi may be absent (-1 = omitted).
[[noreturn]] void fail_slice_bounds(std::int64_t lo, std::int64_t hi, std::size_t len, bool lo_given, bool hi_given);
/// Go's string slicing s[lo:hi] with runtime bounds checks (omit = -1 with the flags).
std::string_view go_slice(std::string_view s, std::int64_t lo, std::int64_t hi, bool lo_given, bool hi_given);

/// Go's float64 -> int64 conversion on amd64: NaN and out of range give INT64_MIN.
std::int64_t go_float_to_int(double f) noexcept;

} // namespace pave::tmpl::sprig

namespace pave::tmpl::sprig {

/// A uniform cryptographically random index in [0, n), n > 0.
std::size_t random_bytes_index(std::size_t n);
/// base64.StdEncoding.EncodeToString.
std::string base64_encode(std::string_view data);
/// base64.StdEncoding.DecodeString; false with Go's error text on bad input.
bool base64_decode(std::string_view text, std::string& out, std::string& error);

} // namespace pave::tmpl::sprig
