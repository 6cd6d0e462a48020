#pragma once
/// Template functions: the interface between the executor and every function
/// library (Go builtins, Sprig, Helm's own functions).
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pave/template/value.hpp>
#include <pave/util/strings.hpp>

namespace pave::tmpl {

/// Thrown by a function for a failed call. The executor reports it the way Go
/// does: `template: NAME:LINE:COL: executing "NAME" at <fn ...>: error calling fn: MESSAGE`.
class FunctionError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// Thrown by an Object method (or a function) for a call Go rejects before
/// making it, such as a wrong argument count: the executor reports MESSAGE as
/// is ("wrong number of args for Has: want 1 got 0"), without "error calling".
class ArgumentError : public FunctionError
{
public:
  using FunctionError::FunctionError;
};

/// Go parameter types a function declares, so the executor can check and
/// convert arguments exactly like text/template's evalArg (untyped number
/// constants convert to int/float64; a typed value of the wrong type is
/// "wrong type for value; expected string; got float64").
enum class Param : std::uint8_t {
  any,      ///< interface{}
  string,
  int_,     ///< int
  int64,
  float64,
  boolean,
  list,     ///< []interface{}
  strings,  ///< []string
  map,      ///< map[string]interface{}
  bytes,    ///< []byte
};

/// A function's declared parameters, stored inline: no template function
/// takes more than k_max, and the ~300 of them are registered at every start.
class ParamList
{
public:
  static constexpr std::size_t k_max = 8;
  ParamList() = default;
  ParamList(std::initializer_list<Param> params)
  {
    for (Param p : params) {
      push_back(p);
    }
  }
  void push_back(Param p)
  {
    if (m_size == k_max) {
      throw std::length_error("a template function takes at most 8 declared parameters");
    }
    m_items[m_size++] = p;
  }
  std::size_t size() const noexcept { return m_size; }
  bool empty() const noexcept { return m_size == 0; }
  Param operator[](std::size_t i) const noexcept { return m_items[i]; }
  Param back() const noexcept { return m_items[m_size - 1]; }
  const Param* begin() const noexcept { return m_items.data(); }
  const Param* end() const noexcept { return m_items.data() + m_size; }

private:
  std::array<Param, k_max> m_items{};
  std::uint8_t m_size = 0;
};

class Executor;

/// What a function sees besides its arguments.
struct CallContext
{
  Executor& exec; ///< for include/tpl: executes other templates
  /// The most bytes (or list elements) a function may build into one result:
  /// the execution's Limits::max_output. `repeat`, `until` and the like fail
  /// beyond it instead of exhausting memory.
  std::size_t max_result = std::size_t(1) << 30;
};

using FunctionImpl = std::function<Value(CallContext&, std::span<const Value>)>;

/// A function's Go signature and implementation.
struct Function
{
  ParamList params;          ///< declared parameters
  bool variadic = false;     ///< last entry of params repeats (Go's ...T)
  FunctionImpl impl;
  /// Go functions return (value, error) or just value; only matters for `call` docs.
  bool returns_error = false;
};

/// Name -> function, as Go's template.FuncMap.
class FunctionTable
{
public:
  FunctionTable() { m_funcs.reserve(512); } // Sprig and Helm's functions, without rehashing
  void add(std::string name, Function f) { m_funcs.insert_or_assign(std::move(name), std::move(f)); }
  void remove(std::string_view name)
  {
    if (auto it = m_funcs.find(name); it != m_funcs.end()) {
      m_funcs.erase(it);
    }
  }
  const Function* find(std::string_view name) const
  {
    auto it = m_funcs.find(name);
    return it == m_funcs.end() ? nullptr : &it->second;
  }
  bool contains(std::string_view name) const { return find(name) != nullptr; }

private:
  util::TextMap<Function> m_funcs;
};

/// Executes named templates for functions that need the engine (include, tpl).
class Executor
{
public:
  virtual ~Executor() = default;
  /// Executes template `name` with `data` and returns its output (include).
  /// Throws FunctionError when there is no such template or it fails.
  virtual std::string execute_named(std::string_view name, const Value& data) = 0;
  /// Parses `text` as a new template named `name` that can see the current
  /// templates, executes it with `data`, and returns the output (tpl).
  virtual std::string execute_text(std::string_view name, std::string_view text, const Value& data) = 0;
};

} // namespace pave::tmpl
