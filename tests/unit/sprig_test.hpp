#pragma once
/// Helpers for the Sprig unit tests: call a Sprig function directly through
/// its FunctionTable entry, the way the executor does after it has converted
/// the arguments to the declared Go parameter types.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include <pave/template/format.hpp>
#include <pave/template/function.hpp>
#include <pave/template/sprig/sprig.hpp>

namespace pave::test {

/// An Executor for functions that never call back into the engine.
class NullExecutor : public tmpl::Executor
{
public:
  std::string execute_named(std::string_view, const tmpl::Value&) override { return {}; }
  std::string execute_text(std::string_view, std::string_view, const tmpl::Value&) override { return {}; }
};

inline const tmpl::FunctionTable& sprig_table()
{
  static const tmpl::FunctionTable table = [] {
    tmpl::FunctionTable t;
    tmpl::sprig::add_sprig_functions(t);
    return t;
  }();
  return table;
}

/// Calls Sprig function `name`; fails the test when it does not exist.
inline tmpl::Value sprig_call(std::string_view name, std::initializer_list<tmpl::Value> args)
{
  const tmpl::Function* f = sprig_table().find(name);
  REQUIRE_MESSAGE(f != nullptr, "no sprig function ", std::string(name));
  NullExecutor exec;
  tmpl::CallContext ctx{exec};
  std::vector<tmpl::Value> v(args);
  return f->impl(ctx, v);
}

/// "TYPE|VALUE" of a call, as the oracle prints {{ printf "%T|%v" $r $r }}.
inline std::string sprig_tv(std::string_view name, std::initializer_list<tmpl::Value> args)
{
  tmpl::Value r = sprig_call(name, args);
  return r.type_name() + "|" + tmpl::sprint_value(r);
}

/// The value of a call printed with %v.
inline std::string sprig_v(std::string_view name, std::initializer_list<tmpl::Value> args)
{
  return tmpl::sprint_value(sprig_call(name, args));
}

/// The FunctionError message of a failing call ("" when it succeeds).
inline std::string sprig_err(std::string_view name, std::initializer_list<tmpl::Value> args)
{
  try {
    sprig_call(name, args);
  } catch (const tmpl::FunctionError& e) {
    return e.what();
  }
  return "";
}

} // namespace pave::test
