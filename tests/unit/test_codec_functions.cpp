// Helm's codec template functions; expected results from the oracle
// (helmref's funcMap) via tests/oracle/gotpl.sh.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <pave/codec/functions.hpp>
#include <pave/codec/json.hpp>
#include <pave/template/format.hpp>

using pave::tmpl::Value;

namespace {

class NoExecutor : public pave::tmpl::Executor
{
public:
  std::string execute_named(std::string_view, const Value&) override { return {}; }
  std::string execute_text(std::string_view, std::string_view, const Value&) override { return {}; }
};

struct Functions
{
  pave::tmpl::FunctionTable table;
  NoExecutor exec;
  Functions() { pave::codec::add_codec_functions(table); }

  Value call(std::string_view name, std::vector<Value> args)
  {
    const pave::tmpl::Function* f = table.find(name);
    REQUIRE(f != nullptr);
    REQUIRE(f->params.size() == args.size());
    pave::tmpl::CallContext ctx{exec};
    return f->impl(ctx, args);
  }

  /// What {{ fn args }} prints.
  std::string print(std::string_view name, std::vector<Value> args)
  {
    return pave::tmpl::sprint_value(call(name, std::move(args)));
  }

  std::string failure(std::string_view name, std::vector<Value> args)
  {
    try {
      call(name, std::move(args));
    } catch (const pave::tmpl::FunctionError& e) {
      return e.what();
    }
    FAIL("no error");
    return {};
  }
};

Value values()
{
  return Value::map({{"a", Value(1.0)}, {"l", Value::list({Value("x"), Value("y")})}});
}

const double k_nan = std::numeric_limits<double>::quiet_NaN();

} // namespace

TEST_CASE("codec::add_codec_functions")
{
  Functions f;

  SUBCASE("encoders")
  {
    CHECK(f.print("toYaml", {values()}) == "a: 1\nl:\n- x\n- \"y\"");
    CHECK(f.print("toYaml", {Value::list({Value("x"), Value("y")})}) == "- x\n- \"y\"");
    CHECK(f.print("mustToYaml", {values()}) == "a: 1\nl:\n- x\n- \"y\"");
    CHECK(f.print("toYamlPretty", {values()}) == "a: 1\nl:\n  - x\n  - \"y\"");
    CHECK(f.print("toJson", {values()}) == R"({"a":1,"l":["x","y"]})");
    CHECK(f.print("mustToJson", {Value(1.0)}) == "1");
    CHECK(f.print("toToml", {values()}) == "a = 1.0\nl = [\"x\", \"y\"]\n");
    CHECK(f.print("mustToToml", {values()}) == "a = 1.0\nl = [\"x\", \"y\"]\n");
    CHECK(f.print("toYaml", {Value()}) == "null");
  }

  SUBCASE("encoder failures")
  {
    CHECK(f.print("toYaml", {Value(k_nan)}) == "");
    CHECK(f.print("toJson", {Value(std::numeric_limits<double>::infinity())}) == "");
    CHECK(f.print("toYamlPretty", {Value(k_nan)}) == ".nan");
    CHECK(f.print("toToml", {Value::map({{"a", Value(-std::numeric_limits<double>::infinity())}})}) == "a = -inf\n");
    CHECK(f.print("toToml", {Value("x")}) == "toml: top-level values must be Go maps or structs");
    CHECK(f.failure("mustToYaml", {Value(k_nan)}) == "error marshaling into JSON: json: unsupported value: NaN");
    CHECK(f.failure("mustToJson", {Value(k_nan)}) == "json: unsupported value: NaN");
    CHECK(f.failure("mustToToml", {Value("x")}) == "toml: top-level values must be Go maps or structs");
    CHECK(f.failure("toToml", {Value()}) == "reflect: call of reflect.Value.Type on zero Value");
  }

  SUBCASE("decoders")
  {
    CHECK(f.print("fromYaml", {Value("a: [1]")}) == "map[a:[1]]");
    CHECK(f.print("fromYamlArray", {Value("[1, a]")}) == "[1 a]");
    CHECK(f.print("fromToml", {Value("a = 1")}) == "map[a:1]");
    CHECK(*pave::codec::to_json(f.call("fromYaml", {Value("")})) == "{}");
    CHECK(*pave::codec::to_json(f.call("fromYamlArray", {Value("")})) == "[]");
  }

  SUBCASE("decoder failures")
  {
    CHECK(f.print("fromYaml", {Value("a: [")}) ==
          "map[Error:error converting YAML to JSON: yaml: line 1: did not find expected node content]");
    CHECK(f.print("fromYamlArray", {Value("a: 1")}) == "[error unmarshaling JSON: while decoding JSON: json: cannot "
                                                        "unmarshal object into Go value of type []interface {}]");
    CHECK(f.print("fromJson", {Value("{")}) == "map[Error:unexpected end of JSON input]");
    CHECK(f.print("fromJsonArray", {Value("{")}) == "[unexpected end of JSON input]");
    CHECK(f.print("fromJson", {Value(R"({"a":1,"b":1e400})")}) ==
          "map[Error:json: cannot unmarshal number 1e400 into Go value of type float64 a:1 b:<nil>]");
    const Value toml_error = f.call("fromToml", {Value("a = ")});
    CHECK(toml_error.items().size() == 1);
    CHECK(toml_error.find("Error")->as_string().starts_with("toml: line "));
  }
}
