// values.schema.json validation. Which values are valid follows JSON Schema;
// the error lines imitate santhosh-tekuri/jsonschema v6 as Helm 4 prints
// them ("- at '/path': ..."), under Helm's own header.
#include <doctest/doctest.h>

#include <pave/chart/schema.hpp>

using pave::tmpl::MapItems;
using pave::tmpl::Value;

namespace {

std::string check(const Value& v, std::string_view schema)
{
  auto r = pave::chart::validate_against_single_schema(v, schema);
  return r ? *r : "error: " + r.error().message;
}

} // namespace

TEST_CASE("chart::validate_against_single_schema")
{
  const std::string schema = R"({
    "type": "object",
    "required": ["image"],
    "properties": {
      "replicas": {"type": "integer", "minimum": 1, "maximum": 10},
      "mode": {"enum": ["a", "b"]},
      "name": {"type": ["string", "null"], "pattern": "^[a-z]+$"},
      "image": {"type": "object", "additionalProperties": false,
                "properties": {"tag": {"type": "string"}}}
    }
  })";
  const Value ok = Value::map(MapItems{{"replicas", 3.0}, {"mode", "a"}, {"name", "web"},
                                       {"image", Value::map(MapItems{{"tag", "1"}})}});
  CHECK(check(ok, schema).empty());
  // Integral float64 values from YAML count as integers, like Go's JSON round trip.
  CHECK(check(Value::map(MapItems{{"replicas", 2.0}, {"image", Value::map()}}), schema).empty());

  CHECK(check(Value::map(MapItems{{"replicas", 2.5}, {"image", Value::map()}}), schema) ==
        "- at '/replicas': got number, want integer\n");
  CHECK(check(Value::map(MapItems{{"replicas", 0.0}, {"image", Value::map()}}), schema) ==
        "- at '/replicas': minimum: got 0, want 1\n");
  CHECK(check(Value::map(MapItems{{"replicas", 11.0}, {"image", Value::map()}}), schema) ==
        "- at '/replicas': maximum: got 11, want 10\n");
  CHECK(check(Value::map(MapItems{{"mode", "c"}, {"image", Value::map()}}), schema) ==
        "- at '/mode': value must be one of 'a', 'b'\n");
  CHECK(check(Value::map(MapItems{{"name", "Web"}, {"image", Value::map()}}), schema) ==
        "- at '/name': 'Web' does not match pattern '^[a-z]+$'\n");
  CHECK(check(Value::map(MapItems{{"name", Value()}, {"image", Value::map()}}), schema).empty());
  CHECK(check(Value::map(), schema) == "- at '': missing property 'image'\n");
  CHECK(check(Value::map(MapItems{{"image", Value::map(MapItems{{"repo", "x"}})}}), schema) ==
        "- at '/image': additional properties 'repo' not allowed\n");
  CHECK(check(ok, "{not json").starts_with("error: "));
}

TEST_CASE("chart::validate_against_single_schema: every keyword worded as jsonschema v6")
{
  // The wording of santhosh-tekuri/jsonschema v6's kind package, which Helm 4 validates with.
  const std::string schema = R"({
    "type": "object",
    "required": ["x", "y", "z"],
    "properties": {
      "ex": {"exclusiveMinimum": 5, "exclusiveMaximum": 9.5},
      "mul": {"multipleOf": 3},
      "s": {"type": "string", "minLength": 2, "maxLength": 3},
      "l": {"type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": true},
      "o": {"type": "object", "minProperties": 2, "maxProperties": 3},
      "n": {"not": {"type": "string"}},
      "any": {"anyOf": [{"type": "string"}, {"type": "boolean"}]},
      "one": {"oneOf": [{"type": "string"}, {"type": "boolean"}]},
      "only": {"enum": ["only"]},
      "big": {"maximum": 1e21}
    }
  })";
  const auto line = [&](MapItems items) {
    items.emplace("x", 1.0);
    items.emplace("y", 1.0);
    items.emplace("z", 1.0);
    return check(Value::map(std::move(items)), schema);
  };
  CHECK(line({{"ex", 5.0}}) == "- at '/ex': exclusiveMinimum: got 5, want 5\n");
  CHECK(line({{"ex", 9.5}}) == "- at '/ex': exclusiveMaximum: got 9.5, want 9.5\n");
  CHECK(line({{"mul", 4.0}}) == "- at '/mul': multipleOf: got 4, want 3\n");
  CHECK(line({{"s", "abcd"}}) == "- at '/s': maxLength: got 4, want 3\n");
  CHECK(line({{"s", "\u00e9"}}) == "- at '/s': minLength: got 1, want 2\n"); // characters, not bytes
  CHECK(line({{"l", Value::list({1.0, 2.0, 3.0})}}) == "- at '/l': maxItems: got 3, want 2\n");
  CHECK(line({{"l", Value::list()}}) == "- at '/l': minItems: got 0, want 1\n");
  CHECK(line({{"l", Value::list({1.0, 1.0})}}) == "- at '/l': items at 0 and 1 are equal\n");
  CHECK(line({{"o", Value::map(MapItems{{"a", 1.0}})}}) == "- at '/o': minProperties: got 1, want 2\n");
  CHECK(line({{"o", Value::map(MapItems{{"a", 1.0}, {"b", 1.0}, {"c", 1.0}, {"d", 1.0}})}}) ==
        "- at '/o': maxProperties: got 4, want 3\n");
  CHECK(line({{"n", "s"}}) == "- at '/n': not failed\n");
  // The subschemas' errors are nested under anyOf's and oneOf's, each in its own words.
  CHECK(line({{"any", 1.0}}) == "- at '/any': anyOf failed\n"
                                 "  - at '/any': got integer, want string\n"
                                 "  - at '/any': got integer, want boolean\n");
  CHECK(line({{"one", 1.5}}) == "- at '/one': oneOf failed, none matched\n"
                                 "  - at '/one': got number, want string\n"
                                 "  - at '/one': got number, want boolean\n");
  CHECK(line({{"one", 1.0}}).starts_with("- at '/one': oneOf failed, none matched\n"));
  const std::string both = R"({"properties": {"v": {"oneOf": [{"type": "number"}, {"minimum": 0}, {"type": "string"}]}}})";
  CHECK(check(Value::map(MapItems{{"v", 1.0}}), both) == "- at '/v': oneOf failed, subschemas 0, 1 matched\n");
  CHECK(line({{"only", "other"}}) == "- at '/only': value must be 'only'\n");
  CHECK(line({{"big", 2e21}}) == "- at '/big': maximum: got 2e+21, want 1e+21\n");
  CHECK(check(Value::map(MapItems{{"y", 1.0}}), schema) == "- at '': missing properties 'x', 'z'\n");
  // A subschema's $ref to the root's definitions, and errors below the anyOf's location.
  const std::string refs = R"({
    "definitions": {"port": {"type": "object", "required": ["port"],
                             "properties": {"port": {"type": "integer", "maximum": 65535}}}},
    "properties": {"svc": {"anyOf": [{"$ref": "#/definitions/port"}, {"type": "string"}]}}
  })";
  CHECK(check(Value::map(MapItems{{"svc", Value::map(MapItems{{"port", 70000.0}})}}), refs) ==
        "- at '/svc': anyOf failed\n"
        "  - at '/svc/port': maximum: got 70000, want 65535\n"
        "  - at '/svc': got object, want string\n");
  CHECK(check(Value::map(MapItems{{"svc", "http"}}), refs).empty());
}

TEST_CASE("chart::validate_against_schema")
{
  using pave::chart::Chart;
  auto top = std::make_shared<Chart>();
  top->metadata.name = "top";
  top->schema = R"({"properties": {"a": {"type": "string"}}})";
  auto sub = std::make_shared<Chart>();
  sub->metadata.name = "sub";
  sub->schema = R"({"required": ["b"]})";
  top->add_dependency(sub);
  auto other = std::make_shared<Chart>();
  other->metadata.name = "other";
  top->add_dependency(other);

  const Value good = Value::map(MapItems{{"a", "x"}, {"sub", Value::map(MapItems{{"b", 1.0}})}});
  CHECK(pave::chart::validate_against_schema(*top, good));

  const Value bad = Value::map(MapItems{{"a", 1.0}, {"sub", Value::map()}, {"other", "str"}});
  auto r = pave::chart::validate_against_schema(*top, bad);
  REQUIRE(!r);
  CHECK(r.error().message == "values don't meet the specifications of the schema(s) in the following chart(s):\n"
                             "top:\n- at '/a': got integer, want string\n"
                             "sub:\n- at '': missing property 'b'\n"
                             "other:\ninvalid type for values: expected object (map), got string\n");
}
