// Expected texts come from the oracle (helmref: sigs.k8s.io/yaml stand-in
// ghodss/yaml + yaml.v2/yaml.v3 as Helm uses them), via tests/oracle/gotpl.sh
// with {{ toYaml .Values }}, {{ toYamlPretty .Values }} and fromYaml.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include <fmt/format.h>

#include <pave/codec/json.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/codec/yaml_fast.hpp>

using pave::codec::to_json;
using pave::codec::to_yaml;
using pave::codec::to_yaml_pretty;
using pave::codec::unmarshal_yaml;
using pave::codec::YamlTarget;
using pave::tmpl::Value;

namespace {

/// What {{ toYaml .Values }} prints for a values file (Marshal minus its final newline).
std::string values_to_yaml(std::string_view values)
{
  auto v = unmarshal_yaml(values, YamlTarget::map);
  REQUIRE(v);
  auto y = to_yaml(*v);
  REQUIRE(y);
  REQUIRE(!y->empty());
  CHECK(y->back() == '\n');
  return y->substr(0, y->size() - 1);
}

std::string values_to_yaml_pretty(std::string_view values)
{
  auto v = unmarshal_yaml(values, YamlTarget::map);
  REQUIRE(v);
  auto y = to_yaml_pretty(*v);
  REQUIRE(y);
  return y->substr(0, y->size() - 1);
}

std::string json_of(std::string_view yaml, YamlTarget target = YamlTarget::any)
{
  auto v = unmarshal_yaml(yaml, target);
  REQUIRE(v);
  return *to_json(*v);
}

std::string yaml_error(std::string_view yaml, YamlTarget target = YamlTarget::map)
{
  auto v = unmarshal_yaml(yaml, target);
  REQUIRE(!v);
  return v.error().message;
}

} // namespace

TEST_CASE("codec::to_yaml")
{
  SUBCASE("scalars, folding at 80 columns, numbers through JSON, natural key order")
  {
    CHECK(values_to_yaml(R"(a: [1, 2.5, "x: y", yes, "yes", null, 1e3, 0x10, "multi\nline"]
b: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt"
c: 1234567
d: 1e21
e: 0.000001
f: 1e20
g: ""
h: {}
i: []
k10: 1
k9: 2
"a b": 3
)") == R"(a:
- 1
- 2.5
- 'x: y'
- true
- "yes"
- null
- 1000
- 16
- |-
  multi
  line
a b: 3
b: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp
  qqqq rrrr ssss tttt
c: 1234567
d: 1e+21
e: 1e-06
f: 1e+20
g: ""
h: {}
i: []
k9: 2
k10: 1)");
  }

  SUBCASE("quoting rules")
  {
    CHECK(values_to_yaml(R"(s1: "trailing space "
s2: " leading"
s3: "a\n b"
s4: "a \nb"
s5: "\ttab"
s7: "#comment"
s8: "a #b"
s9: "a# b"
s10: "- a"
s11: "-a"
s12: ":a"
s13: "a:"
s14: "a: b"
s15: "[x]"
s17: "a,b"
s18: "*x"
s20: "!x"
s23: "'x'"
s24: "\"x\""
s28: "---"
s30: "1:20"
s31: "2001-12-14"
s32: "2001-02-30"
s33: "0x1F"
s35: "~"
s36: "null"
s37: "Yes"
s38: "ON"
s39: "y"
s40: ".inf"
s41: "+1"
s43: "é"
s46: "\ufeffab"
s47: "line1\nline2\n"
s48: "line1\n\n"
s49: "\nstart"
s51: "\x01"
s52: "it's"
s53: "it's: here"
s57: "<<"
)") == R"(s1: 'trailing space '
s2: ' leading'
s3: |-
  a
   b
s4: "a \nb"
s5: "\ttab"
s7: '#comment'
s8: 'a #b'
s9: a# b
s10: '- a'
s11: -a
s12: :a
s13: 'a:'
s14: 'a: b'
s15: '[x]'
s17: a,b
s18: '*x'
s20: '!x'
s23: '''x'''
s24: '"x"'
s28: '---'
s30: "1:20"
s31: "2001-12-14"
s32: 2001-02-30
s33: "0x1F"
s35: "~"
s36: "null"
s37: "Yes"
s38: "ON"
s39: "y"
s40: ".inf"
s41: "+1"
s43: é
s46: "\uFEFF\x61\x62"
s47: |
  line1
  line2
s48: |+
  line1

s49: |2-

  start
s51: "\x01"
s52: it's
s53: 'it''s: here'
s57: <<)");
  }

  SUBCASE("nesting, complex keys, indentless sequences")
  {
    CHECK(values_to_yaml(R"(list:
- a: 1
  b: [1, 2]
  c: []
- - x
  - y
- []
- {}
nested:
  deeper:
    key: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt"
"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": 1
"multi\nline key": 2
)") == R"(? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
: 1
list:
- a: 1
  b:
  - 1
  - 2
  c: []
- - x
  - true
- []
- {}
? |-
  multi
  line key
: 2
nested:
  deeper:
    key: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
      pppp qqqq rrrr ssss tttt)");
  }

  SUBCASE("float64 values print like their JSON text re-read by YAML")
  {
    CHECK(values_to_yaml(R"(f1: 0.1
f2: -0.0
f3: 1.5e300
f4: 123456789.123
f5: 1e-7
f6: 100000
f7: 1000000
f8: 12345678901234567890
f9: 9223372036854775807
f11: 1152921504606846976
)") == R"(f1: 0.1
f2: 0
f3: 1.5e+300
f4: 1.23456789123e+08
f5: 1e-07
f6: 100000
f7: 1000000
f8: 12345678901234567000
f9: 9223372036854776000
f11: 1152921504606847000)");
  }

  SUBCASE("key order")
  {
    CHECK(values_to_yaml(R"(a10: 1
a2: 2
b: 7
A: 8
_x: 9
"1": 10
"10": 11
"9": 12
"-": 13
x1y: 17
x01y: 18
)") == R"('-': 13
_x: 9
"1": 10
"9": 12
"10": 11
A: 8
a2: 2
a10: 1
b: 7
x1y: 17
x01y: 18)");
  }

  SUBCASE("top-level values")
  {
    CHECK(*to_yaml(Value(1)) == "1\n");
    CHECK(*to_yaml(Value("abc")) == "abc\n");
    CHECK(*to_yaml(Value()) == "null\n");
    CHECK(*to_yaml(Value::list()) == "[]\n");
    CHECK(*to_yaml(Value::map()) == "{}\n");
    CHECK(*to_yaml(Value("multi\nline")) == "|-\n  multi\n  line\n");
    CHECK(*to_yaml(Value::list({Value(1), Value("a")})) == "- 1\n- a\n");
  }

  SUBCASE("errors")
  {
    auto nan = to_yaml(Value::list({Value(std::numeric_limits<double>::quiet_NaN())}));
    REQUIRE(!nan);
    CHECK(nan.error().message == "error marshaling into JSON: json: unsupported value: NaN");
    // JSON leaves DEL raw, and yaml.v2's reader rejects it when reading the JSON back.
    auto del = to_yaml(Value("a\x7f"));
    REQUIRE(!del);
    CHECK(del.error().message == "error converting JSON to YAML: yaml: control characters are not allowed");
    // A NEL in a key makes the key of the JSON text span two lines.
    auto nel_key = to_yaml(Value::map({{"k\u0085", Value(1)}}));
    REQUIRE(!nel_key);
    CHECK(nel_key.error().message == "error converting JSON to YAML: yaml: line 1: did not find expected ',' or '}'");
  }

  SUBCASE("NEL is a line break when yaml.v2 reads the JSON text back")
  {
    CHECK(*to_yaml(Value::map({{"a", Value("x\u0085y")}, {"b", Value("p\u0085\u0085q")}})) == "a: x y\nb: |-\n  p\n  q\n");
  }
}

TEST_CASE("codec::to_yaml_pretty")
{
  CHECK(values_to_yaml_pretty(R"(a: 1234567
b: [1, "x", {c: d}]
c: {d: "multi\nline"}
e: "\nstart"
f: "yes"
g: on
h: [[1, 2], []]
i: "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt"
j: 1.5
k: {}
)") == R"(a: 1.234567e+06
b:
  - 1
  - x
  - c: d
c:
  d: |-
    multi
    line
e: |2-
  start
f: "yes"
g: true
h:
  - - 1
    - 2
  - []
i: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt
j: 1.5
k: {})");
}

TEST_CASE("codec::unmarshal_yaml")
{
  SUBCASE("YAML 1.1 resolution, keys as YAMLToJSON converts them, numbers as float64")
  {
    auto v = unmarshal_yaml(R"(a: 08
b: 0o17
c: 1_000
d: +12
e: .5
g: 1e5
h: 2001-12-14
i: 0b101
l: 1:20
n: ._
q: 2001-12-14t21:59:43.10-05:00
r: 0777
s: 1e
u: +0x10
w: 1.2.3
x: 9223372036854775808
y: yes
z: ~
1.5: float key
2: int key
true: bool key
3.14159265358979: f32 key
)",
                            YamlTarget::map);
    REQUIRE(v);
    CHECK(*to_json(*v) == R"({"1.5":"float key","2":"int key","3.1415927":"f32 key","a":8,"b":15,"c":1000,"d":12,)"
                          R"("e":0.5,"false":"._","g":100000,"h":"2001-12-14","i":5,"l":"1:20",)"
                          R"("q":"2001-12-14t21:59:43.10-05:00","r":511,"s":"1e","true":"bool key","u":16,"w":"1.2.3",)"
                          R"("x":9223372036854776000,"z":null})");
    CHECK(v->find("a")->type_name() == "float64");
    CHECK(v->find("h")->type_name() == "string");
    CHECK(v->find("z")->is_nil());
  }

  SUBCASE("anchors, merge keys, explicit tags")
  {
    CHECK(json_of(R"(base: &a {x: 1, y: 2}
b:
  <<: *a
  y: 3
c:
  y: 4
  <<: [*a, {z: 5}]
d: *a
e: !!str 123
f: !!binary aGVsbG8=
g: ! 12
h: "<<"
)") == R"({"b":{"true":3,"x":1},"base":{"true":2,"x":1},"c":{"true":2,"x":1,"z":5},"d":{"true":2,"x":1},)"
       R"("e":"123","f":"hello","g":"12","h":"\u003c\u003c"})");
  }

  SUBCASE("targets, empty and multi-document input")
  {
    CHECK(json_of("- 1\n- b: c", YamlTarget::list) == R"([1,{"b":"c"}])");
    CHECK(json_of("", YamlTarget::list) == "[]");
    CHECK(json_of("", YamlTarget::map) == "{}");
    CHECK(json_of("# only a comment", YamlTarget::map) == "{}");
    CHECK(json_of("~", YamlTarget::map) == "{}");
    CHECK(json_of("", YamlTarget::any) == "null");
    CHECK(json_of("a: 1\n---\nb: 2", YamlTarget::map) == R"({"a":1})");
    CHECK(json_of("---\n# c\n---\na: 1", YamlTarget::map) == "{}");
    CHECK(json_of("a: 1\n---\nb: : :", YamlTarget::map) == R"({"a":1})");
    CHECK(yaml_error("a: 1", YamlTarget::list) == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                                                  "object into Go value of type []interface {}");
    CHECK(yaml_error("[") == "error converting YAML to JSON: yaml: line 1: did not find expected node content");
  }

  SUBCASE("error texts")
  {
    CHECK(yaml_error("a: b: c") == "error converting YAML to JSON: yaml: mapping values are not allowed in this context");
    CHECK(yaml_error("a: [1, 2") == "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'");
    CHECK(yaml_error("a:\n\tb: 1") ==
          "error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
    CHECK(yaml_error("key: 'unterminated") == "error converting YAML to JSON: yaml: found unexpected end of stream");
    CHECK(yaml_error("- a\nb: c") == "error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator");
    CHECK(yaml_error("a:\n  b: 1\n c: 2") == "error converting YAML to JSON: yaml: line 2: did not find expected key");
    CHECK(yaml_error("*unknown") == "error converting YAML to JSON: yaml: unknown anchor 'unknown' referenced");
    CHECK(yaml_error("a: 1\nb: {{ x }}") == "error converting YAML to JSON: yaml: invalid map key: "
                                           "map[interface {}]interface {}{\"x\":interface {}(nil)}");
    CHECK(yaml_error("x: 1\n\n\ny: \"abc") == "error converting YAML to JSON: yaml: line 4: found unexpected end of stream");
    CHECK(yaml_error("[1,2]") == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
                                 "value of type map[string]interface {}");
    CHECK(yaml_error("a: !!int x") == "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int");
    CHECK(yaml_error("a: @b") == "error converting YAML to JSON: yaml: found character that cannot start any token");
    CHECK(yaml_error("~: 1") ==
          "error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: 1");
    CHECK(yaml_error("a: .nan") == "error converting YAML to JSON: json: unsupported value: NaN");
    CHECK(yaml_error("? [a]\n: 1") == "error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}");
    CHECK(yaml_error("a: &x [*x]") == "error converting YAML to JSON: yaml: anchor 'x' value contains itself");
    CHECK(yaml_error("a: b\x01") == "error converting YAML to JSON: yaml: control characters are not allowed");
    CHECK(yaml_error("a: {b: 1") == "error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'");
    CHECK(yaml_error("a: |\n  x\n b") == "error converting YAML to JSON: yaml: line 2: did not find expected key");
    CHECK(yaml_error("a:\n  - b\n  c: d") ==
          "error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator");
    CHECK(yaml_error("x") == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
                             "value of type map[string]interface {}");
    CHECK(yaml_error("%YAML 1.2\n---\na: 1") == "error converting YAML to JSON: yaml: found incompatible YAML document");
    CHECK(yaml_error("a: 'x'y") == "error converting YAML to JSON: yaml: did not find expected key");
    CHECK(yaml_error("<<: 1") ==
          "error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value");
    CHECK(yaml_error("18446744073709551615: x") == "error converting YAML to JSON: Unsupported map key of type: "
                                                   "uint64, key: 0xffffffffffffffff, value: \"x\"");
  }

  SUBCASE("a NaN replaced by a later duplicate key is no error")
  {
    CHECK(json_of("a: .nan\na: 1") == R"({"a":1})");
  }
}

namespace {

/// The tree as text: kinds, styles, values, positions and structure.
std::string tree_text(const pave::codec::YamlTree& t, std::uint32_t i)
{
  const auto& n = t.node(i);
  std::string out = fmt::format("{}{}{}@{}:{}", static_cast<int>(n.kind), n.implicit ? "i" : "",
                                static_cast<int>(n.style), n.line, n.column);
  if (n.kind == pave::codec::YamlNode::Kind::scalar) {
    return out + "'" + std::string(n.value) + "'";
  }
  out += "(";
  for (std::uint32_t k = 0; k < n.count; ++k) {
    out += tree_text(t, t.child(n, k)) + ",";
  }
  return out + ")";
}

/// The fast path's tree, or "declined"; and the full parser's tree.
std::pair<std::string, std::string> both_trees(std::string_view text)
{
  pave::codec::YamlTree fast;
  std::string fast_text = "declined";
  if (pave::codec::parse_simple_yaml_tree(text, fast)) {
    fast_text = tree_text(fast, static_cast<std::uint32_t>(fast.root));
  }
  pave::codec::YamlText input(text);
  pave::codec::YamlTree full;
  std::string error;
  std::string full_text = "error: ";
  if (pave::codec::parse_yaml_tree(input, full, error)) {
    full_text = tree_text(full, static_cast<std::uint32_t>(full.root));
  } else {
    full_text += error;
  }
  return {fast_text, full_text};
}

} // namespace

TEST_CASE("codec::parse_simple_yaml_tree builds the full parser's tree")
{
  for (std::string_view text : {"a:\n  {}\nb: 1\n", "a:\n  [] # none\nb:\n- x\n", "- \n  {}\n- y\n",
                                "a:\n  b:\n    {}\n  c: 'q'\n", "metadata:\n  annotations:\n    {}\n  name: x\n"}) {
    CAPTURE(text);
    const auto [fast, full] = both_trees(text);
    CHECK(fast != "declined");
    CHECK(fast == full);
  }
  // Content under the empty collection is an error for the full parser.
  for (std::string_view text : {"a:\n  {}\n  b: 1\n", "a:\n  {}\n   - x\n", "a:\n  {a: 1}\n", "a:\n  [1]\n"}) {
    CAPTURE(text);
    CHECK(both_trees(text).first == "declined");
  }
}

TEST_CASE("codec::parse_simple_yaml_tree")
{
  // The fast path takes plain block YAML and declines the rest, which the
  // full parser then handles: results are the same either way.
  pave::codec::YamlTree tree;
  CHECK(pave::codec::parse_simple_yaml_tree("a: 1\nb:\n- x\n- {}\nc:\n  d: 'q' # c\n", tree));
  CHECK(json_of("a: 1\nb:\n- x\n- {}\nc:\n  d: 'q' # c\n") == R"({"a":1,"b":["x",{}],"c":{"d":"q"}})");
  for (std::string_view declined : {"a: b\n  c", "a: &x 1", "a: [1]", "a: |\n  x", "a: \"x\\ny\"", "a:\tb", "a: b: c", "x"}) {
    pave::codec::YamlTree t;
    CHECK_FALSE(pave::codec::parse_simple_yaml_tree(declined, t));
  }
  CHECK(json_of("a: b\n  c") == R"({"a":"b c"})");
}

TEST_CASE("codec::parse_yaml")
{
  auto v = pave::codec::parse_yaml("a: [1", "values.yaml");
  REQUIRE(!v);
  CHECK(v.error().message ==
        "values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'");
  auto ok = pave::codec::parse_yaml("- x", "f");
  REQUIRE(ok);
  CHECK(*to_json(*ok) == R"(["x"])");
}
