// Expected texts come from the oracle (helmref: Go's encoding/json) via
// tests/oracle/gotpl.sh with toJson, fromJson and fromJsonArray.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include <pave/codec/json.hpp>
#include <pave/codec/yaml.hpp>

using pave::codec::JsonTarget;
using pave::codec::to_json;
using pave::codec::unmarshal_json;
using pave::tmpl::Value;

namespace {

std::string json(const Value& v)
{
  auto r = to_json(v);
  REQUIRE(r);
  return *r;
}

std::string syntax_error(std::string_view text)
{
  auto d = unmarshal_json(text, JsonTarget::any);
  return d.error;
}

} // namespace

TEST_CASE("codec::to_json")
{
  SUBCASE("escaping, float formats, sorted keys (values read from YAML)")
  {
    auto v = pave::codec::unmarshal_yaml(
        "a: \"<b> & 'c' \\\"d\\\" \\\\ \\u2028 \\u2029 \\u007f \\x01 \\t\\n\\r é 😀\"\n"
        "b: [1, 1.5, 1e21, 1e20, 0.000001, 0.0000001, -0.0, 123456789, 1e-7, 12345678901234567890]\n"
        "c: {z: 1, a: [], b: {}}\nd: null\ne: true\n",
        pave::codec::YamlTarget::map);
    REQUIRE(v);
    CHECK(json(*v) == "{\"a\":\"\\u003cb\\u003e \\u0026 'c' \\\"d\\\" \\\\ \\u2028 \\u2029 \x7f \\u0001 \\t\\n\\r é 😀\","
                      "\"b\":[1,1.5,1e+21,100000000000000000000,0.000001,1e-7,-0,123456789,1e-7,12345678901234567000],"
                      "\"c\":{\"a\":[],\"b\":{},\"z\":1},\"d\":null,\"e\":true}");
  }

  SUBCASE("Go types")
  {
    CHECK(json(Value(42)) == "42");
    CHECK(json(Value(std::int64_t{-7})) == "-7");
    CHECK(json(Value(std::uint64_t{18446744073709551615u})) == "18446744073709551615");
    CHECK(json(Value::bytes("hello")) == "\"aGVsbG8=\"");
    CHECK(json(Value("bad \xff byte")) == "\"bad \\ufffd byte\"");
    CHECK(json(Value::list()) == "[]");
    CHECK(json(Value()) == "null");
  }

  SUBCASE("unsupported values")
  {
    auto r = to_json(Value::map({{"a", Value(std::numeric_limits<double>::infinity())}}));
    REQUIRE(!r);
    CHECK(r.error().message == "json: unsupported value: +Inf");
    auto n = to_json(Value(std::nan("")));
    REQUIRE(!n);
    CHECK(n.error().message == "json: unsupported value: NaN");
  }
}

TEST_CASE("codec::unmarshal_json")
{
  SUBCASE("values")
  {
    auto d = unmarshal_json(R"({"k": [1, 2.5, "x\u00e9\ud83d\ude00\ud800z", null, true, {"n": -0}], "dup": 1, "dup": 2})",
                            JsonTarget::map);
    CHECK(d.error.empty());
    CHECK(json(d.value) == "{\"dup\":2,\"k\":[1,2.5,\"xé😀\xEF\xBF\xBDz\",null,true,{\"n\":-0}]}");
    CHECK(d.value.find("dup")->type_name() == "float64");
  }

  SUBCASE("targets and partial results")
  {
    auto big = unmarshal_json(R"({"a":1,"b":1e400})", JsonTarget::map);
    CHECK(big.error == "json: cannot unmarshal number 1e400 into Go value of type float64");
    CHECK(json(big.value) == R"({"a":1,"b":null})");
    auto list = unmarshal_json(R"([1, "a"])", JsonTarget::list);
    CHECK(list.error.empty());
    CHECK(json(list.value) == R"([1,"a"])");
    CHECK(unmarshal_json(R"({"a": 1})", JsonTarget::list).error ==
          "json: cannot unmarshal object into Go value of type []interface {}");
    CHECK(unmarshal_json("[1]", JsonTarget::map).error ==
          "json: cannot unmarshal array into Go value of type map[string]interface {}");
    CHECK(unmarshal_json("\"x\"", JsonTarget::map).error ==
          "json: cannot unmarshal string into Go value of type map[string]interface {}");
    CHECK(unmarshal_json("\"a\\tb\"", JsonTarget::map).error ==
          "json: cannot unmarshal string into Go value of type map[string]interface {}");
  }

  SUBCASE("syntax errors")
  {
    CHECK(syntax_error("tru") == "invalid character ' ' in literal true (expecting 'e')");
    CHECK(syntax_error("[1,") == "unexpected end of JSON input");
    CHECK(syntax_error("") == "unexpected end of JSON input");
    CHECK(syntax_error(R"({"a" 1})") == "invalid character '1' after object key");
    CHECK(syntax_error(R"({"a":1,})") == "invalid character '}' looking for beginning of object key string");
    CHECK(syntax_error("[1 2]") == "invalid character '2' after array element");
    CHECK(syntax_error(R"("\x01")") == "invalid character 'x' in string escape code");
    CHECK(syntax_error("01") == "invalid character '1' after top-level value");
    CHECK(syntax_error("-") == "invalid character ' ' in numeric literal");
    CHECK(syntax_error("1.") == "invalid character ' ' after decimal point in numeric literal");
    CHECK(syntax_error("1e") == "invalid character ' ' in exponent of numeric literal");
    CHECK(syntax_error("[1]x") == "invalid character 'x' after top-level value");
    CHECK(syntax_error(R"({"a":nul})") == "invalid character '}' in literal null (expecting 'l')");
    CHECK(syntax_error("{'a':1}") == "invalid character '\\'' looking for beginning of object key string");
    CHECK(syntax_error(R"({"a":1}})") == "invalid character '}' after top-level value");
    CHECK(syntax_error("é") == "invalid character 'Ã' looking for beginning of value");
    CHECK(syntax_error(R"("\u12")") == "invalid character '\"' in \\u hexadecimal character escape");
  }
}

TEST_CASE("codec::parse_json")
{
  auto v = pave::codec::parse_json(R"({"a": [true]})");
  REQUIRE(v);
  CHECK(json(*v) == R"({"a":[true]})");
  auto e = pave::codec::parse_json("{");
  REQUIRE(!e);
  CHECK(e.error().message == "unexpected end of JSON input");
}
