#pragma once
/// Helpers for the template engine tests: build data from JSON (numbers become
/// float64, as Helm's values do), and render a text as template "t".
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/template/format.hpp>
#include <pave/template/function.hpp>
#include <pave/template/template.hpp>
#include <pave/template/value.hpp>

namespace pave::test {

/// A Value from JSON: objects become map[string]interface{}, arrays
/// []interface{}, numbers float64 (like values read from YAML by Helm).
inline tmpl::Value from_json(const nlohmann::json& j)
{
  using tmpl::Value;
  switch (j.type()) {
  case nlohmann::json::value_t::object: {
    tmpl::MapItems items;
    for (const auto& [k, v] : j.items()) {
      items.emplace(k, from_json(v));
    }
    return Value::map(std::move(items));
  }
  case nlohmann::json::value_t::array: {
    tmpl::ListItems items;
    for (const auto& v : j) {
      items.push_back(from_json(v));
    }
    return Value::list(std::move(items));
  }
  case nlohmann::json::value_t::string: return Value(j.get<std::string>());
  case nlohmann::json::value_t::boolean: return Value(j.get<bool>());
  case nlohmann::json::value_t::number_integer:
  case nlohmann::json::value_t::number_unsigned:
  case nlohmann::json::value_t::number_float: return Value(j.get<double>());
  default: return Value();
  }
}

/// json_value of a JSON text.
inline tmpl::Value json_value(std::string_view text)
{
  return from_json(nlohmann::json::parse(text));
}

/// An empty function table (the builtins are always there).
inline const tmpl::FunctionTable& no_functions()
{
  static const tmpl::FunctionTable t;
  return t;
}

/// A Go object for tests, like the reference harness's *main.Obj: fields Name
/// ("n") and Tags ([]string{"a", "b"}), methods Get(k string) string,
/// Has(k string) bool, Fail() (string, error), Self() *Obj and
/// Join(sep string, a ...string) string.
class TestObject : public tmpl::Object, public std::enable_shared_from_this<TestObject>
{
public:
  std::string type_name() const override { return "*main.Obj"; }
  std::string kind_name() const override { return "ptr"; }
  bool has_method(std::string_view name) const override
  {
    return name == "Get" || name == "Has" || name == "Fail" || name == "Self" || name == "Join";
  }
  std::optional<tmpl::Value> member(std::string_view name, std::span<const tmpl::Value> args) const override
  {
    using tmpl::Value;
    auto want = [&](std::size_t n) {
      if (args.size() != n) {
        throw tmpl::ArgumentError("wrong number of args for " + std::string(name) + ": want " + std::to_string(n) +
                                  " got " + std::to_string(args.size()));
      }
    };
    if (name == "Name") {
      return Value("n");
    }
    if (name == "Tags") {
      return Value::list({Value("a"), Value("b")}, tmpl::ElemType::string);
    }
    if (name == "Get") {
      want(1);
      return Value("n:" + args[0].as_string());
    }
    if (name == "Has") {
      want(1);
      return Value(args[0].as_string() == "n");
    }
    if (name == "Fail") {
      want(0);
      throw tmpl::FunctionError("obj failed");
    }
    if (name == "Self") {
      want(0);
      return Value::object(shared_from_this());
    }
    if (name == "Join") {
      if (args.empty()) {
        throw tmpl::ArgumentError("wrong number of args for Join: want at least 1 got 0");
      }
      std::string out;
      for (std::size_t i = 1; i < args.size(); ++i) {
        out += (i > 1 ? args[0].as_string() : "") + args[i].as_string();
      }
      return Value(out);
    }
    return std::nullopt;
  }
  std::string format() const override { return "&{n [a b]}"; }
};

/// Small Go-typed functions for tests, the same as the Go reference harness
/// defines (upper func(string) string, fint func(int) int, fail func(string)
/// (string, error), ...), so expected results come from Go itself.
inline const tmpl::FunctionTable& test_functions()
{
  using tmpl::Function;
  using tmpl::Param;
  using tmpl::Value;
  using Args = std::span<const Value>;
  static const tmpl::FunctionTable t = [] {
    tmpl::FunctionTable f;
    f.add("upper", Function{{Param::string}, false, [](tmpl::CallContext&, Args a) {
                              std::string s = a[0].as_string();
                              for (char& c : s) {
                                if (c >= 'a' && c <= 'z') {
                                  c = static_cast<char>(c - 'a' + 'A');
                                }
                              }
                              return Value(s);
                            }});
    f.add("fint", Function{{Param::int_}, false, [](tmpl::CallContext&, Args a) {
                             return Value(a[0].as_int() * 2, tmpl::IntType::int_);
                           }});
    f.add("fint64", Function{{Param::int64}, false, [](tmpl::CallContext&, Args a) {
                               return Value(a[0].as_int() * 2, tmpl::IntType::int64);
                             }});
    f.add("ffloat", Function{{Param::float64}, false,
                             [](tmpl::CallContext&, Args a) { return Value(a[0].as_float() * 2); }});
    f.add("fbool", Function{{Param::boolean}, false,
                            [](tmpl::CallContext&, Args a) { return Value(!a[0].as_bool()); }});
    f.add("flist", Function{{Param::list}, false, [](tmpl::CallContext&, Args a) {
                              return Value(std::int64_t(a[0].elements().size()), tmpl::IntType::int_);
                            }});
    f.add("fstrs", Function{{Param::strings}, false, [](tmpl::CallContext&, Args a) {
                              return Value(std::int64_t(a[0].elements().size()), tmpl::IntType::int_);
                            }});
    f.add("fmap", Function{{Param::map}, false, [](tmpl::CallContext&, Args a) {
                             return Value(std::int64_t(a[0].items().size()), tmpl::IntType::int_);
                           }});
    f.add("join2", Function{{Param::string, Param::any}, true, [](tmpl::CallContext&, Args a) {
                              const Value parts[] = {a[0], Value::list(tmpl::ListItems(a.begin() + 1, a.end()))};
                              return Value(tmpl::sprint(parts));
                            }});
    f.add("fail", Function{{Param::string}, false,
                           [](tmpl::CallContext&, Args a) -> Value { throw tmpl::FunctionError(a[0].as_string()); },
                           true});
    f.add("list", Function{{Param::any}, true, [](tmpl::CallContext&, Args a) {
                             return Value::list(tmpl::ListItems(a.begin(), a.end()));
                           }});
    f.add("strs", Function{{Param::string}, true, [](tmpl::CallContext&, Args a) {
                             return Value::list(tmpl::ListItems(a.begin(), a.end()), tmpl::ElemType::string);
                           }});
    f.add("i64", Function{{}, false, [](tmpl::CallContext&, Args) { return Value(std::int64_t(7)); }});
    f.add("u8", Function{{}, false,
                         [](tmpl::CallContext&, Args) { return Value(std::uint64_t(7), tmpl::IntType::uint8); }});
    f.add("none", Function{{}, false, [](tmpl::CallContext&, Args) { return Value(); }});
    f.add("pair", Function{{Param::any, Param::any}, false, [](tmpl::CallContext&, Args a) {
                             const Value parts[] = {a[0], Value("/"), a[1]};
                             return Value(tmpl::sprint(parts));
                           }});
    // inc(name, data) and tplf(name, text, data): Helm's include and tpl, reduced.
    f.add("inc", Function{{Param::string, Param::any}, false, [](tmpl::CallContext& ctx, Args a) {
                            return Value(ctx.exec.execute_named(a[0].as_string(), a[1]));
                          }});
    f.add("tplf", Function{{Param::string, Param::string, Param::any}, false, [](tmpl::CallContext& ctx, Args a) {
                             return Value(ctx.exec.execute_text(a[0].as_string(), a[1].as_string(), a[2]));
                           }});
    return f;
  }();
  return t;
}

/// Parses `text` as template "t" and executes it with `data`: the output, or
/// "ERR: " and the parse or execution error.
inline std::string render(std::string_view text, const tmpl::Value& data = {},
                          const tmpl::FunctionTable& funcs = no_functions(), tmpl::Limits limits = {})
{
  tmpl::TemplateSet set(funcs, limits);
  if (auto r = set.parse("t", text); !r) {
    return "ERR: " + r.error().message;
  }
  std::string out;
  if (auto r = set.execute("t", data, out); !r) {
    return "ERR: " + r.error().message;
  }
  return out;
}

/// render with data {"Values": VALUES, "Obj": TestObject, "SM": map[string]string,
/// "SL": []string} (VALUES given as JSON), like the reference harness's root context.
inline std::string render_values(std::string_view text, std::string_view values_json = "{}",
                                 const tmpl::FunctionTable& funcs = test_functions())
{
  tmpl::MapItems root;
  root.emplace("Values", json_value(values_json));
  root.emplace("Obj", tmpl::Value::object(std::make_shared<TestObject>()));
  root.emplace("SM", tmpl::Value::map({{"a", tmpl::Value("x")}}, tmpl::ElemType::string)); // map[string]string
  root.emplace("SL", tmpl::Value::list({tmpl::Value("p"), tmpl::Value("q")}, tmpl::ElemType::string)); // []string
  return render(text, tmpl::Value::map(std::move(root)), funcs);
}

} // namespace pave::test
