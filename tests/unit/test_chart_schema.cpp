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
        "- at '/replicas': must be >= 1 but found 0\n");
  CHECK(check(Value::map(MapItems{{"replicas", 11.0}, {"image", Value::map()}}), schema) ==
        "- at '/replicas': must be <= 10 but found 11\n");
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
