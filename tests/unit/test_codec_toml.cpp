// Expected texts come from the oracle (helmref: BurntSushi/toml 1.2) via
// tests/oracle/gotpl.sh with toToml and fromToml.
#include <doctest/doctest.h>

#include <string>

#include <pave/codec/json.hpp>
#include <pave/codec/toml.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/template/format.hpp>

using pave::codec::parse_toml;
using pave::codec::to_toml;
using pave::tmpl::Value;

TEST_CASE("codec::to_toml")
{
  SUBCASE("direct keys first, tables after, arrays of tables, quoting, floats")
  {
    auto v = pave::codec::unmarshal_yaml(R"(a: 1
b: {c: 2, d: {e: 3}}
f: [{g: 1}, {g: 2}]
h: [1, "x", {i: 1, j: {k: 2}}, [2]]
"k y": "q\"\t\u007f\u00e9"
e: {}
l: []
o: {p: [{q: 1}], r: 2}
"": 1
"a.b": 2
x: 1e21
y: 0.000001
z: 100
big: 12345678912345678
t: true
s: "multi\nline"
)",
                                         pave::codec::YamlTarget::map);
    REQUIRE(v);
    auto t = to_toml(*v);
    REQUIRE(t);
    CHECK(*t == R"("" = 1.0
a = 1.0
"a.b" = 2.0
big = 12345678912345678.0
h = [1.0, "x", {i = 1.0, j = {k = 2.0}}, [2.0]]
"k y" = "q\"\t\u007fé"
l = []
s = "multi\nline"
t = true
true = 0.000001
x = 1000000000000000000000.0
z = 100.0

[b]
  c = 2.0
  [b.d]
    e = 3.0

[e]

[[f]]
  g = 1.0

[[f]]
  g = 2.0

[o]
  r = 2.0

  [[o.p]]
    q = 1.0
)");
  }

  SUBCASE("integers stay integers")
  {
    CHECK(*to_toml(Value::map({{"n", Value(std::int64_t{3})}})) == "n = 3\n");
  }

  SUBCASE("errors")
  {
    auto nil = to_toml(Value::map({{"m", Value::list({Value(1), Value()})}}));
    REQUIRE(!nil);
    CHECK(nil.error().message == "toml: cannot encode array with nil element");
    auto top = to_toml(Value("x"));
    REQUIRE(!top);
    CHECK(top.error().message == "toml: top-level values must be Go maps or structs");
    auto list = to_toml(Value::list({Value(1)}));
    REQUIRE(!list);
    CHECK(list.error().message == "toml: top-level values must be Go maps or structs");
  }
}

TEST_CASE("codec::parse_toml")
{
  auto v = parse_toml(R"(a = 1
b = 1.5
c = "x"
d = 1979-05-27T07:32:00Z
e = 1979-05-27
od = 1979-05-27T00:32:00.5-07:00
l = 1979-05-27T07:32:00
lt = 07:32:00
f = [1, 2]
[[t]]
x = 1
[s.u]
v = true
)");
  REQUIRE(v);
  CHECK(*pave::codec::to_json(*v) ==
        R"({"a":1,"b":1.5,"c":"x","d":"1979-05-27T07:32:00Z","e":"1979-05-27T00:00:00Z","f":[1,2],)"
        R"("l":"1979-05-27T07:32:00Z","lt":"0000-01-01T07:32:00Z","od":"1979-05-27T00:32:00.5-07:00",)"
        R"("s":{"u":{"v":true}},"t":[{"x":1}]})");
  CHECK(v->find("a")->type_name() == "int64");
  CHECK(v->find("b")->type_name() == "float64");
  CHECK(v->find("d")->type_name() == "time.Time");
  CHECK(pave::tmpl::sprint_value(*v->find("d")) == "1979-05-27 07:32:00 +0000 UTC");
  CHECK(pave::tmpl::sprint_value(*v->find("e")) == "1979-05-27 00:00:00 +0000 date-local");
  CHECK(pave::tmpl::sprint_value(*v->find("l")) == "1979-05-27 07:32:00 +0000 datetime-local");
  CHECK(pave::tmpl::sprint_value(*v->find("lt")) == "0000-01-01 07:32:00 +0000 time-local");
  CHECK(pave::tmpl::sprint_value(*v->find("od")) == "1979-05-27 00:32:00.5 -0700 -0700");

  // BurntSushi's texts ("toml: line 2 (last key \"a\"): Key 'a' has already
  // been defined.") are not reproduced; toml++ describes the problem instead.
  auto e = parse_toml("a = 1\na = 2");
  REQUIRE(!e);
  CHECK(e.error().message.starts_with("toml: line 2: "));
}
