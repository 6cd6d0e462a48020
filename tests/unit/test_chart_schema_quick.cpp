// The quick schema check answers "certainly valid" or "not sure"; it must
// never accept what the full validator rejects.
#include <doctest/doctest.h>

#include <pave/chart/schema_quick.hpp>

using nlohmann::json;
using pave::chart::certainly_valid;

TEST_CASE("chart::certainly_valid")
{
  const std::string schema = (R"({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["image"],
    "properties": {
      "replicas": {"type": "integer", "minimum": 1, "maximum": 10, "description": "how many"},
      "mode": {"enum": ["a", "b"], "default": "a"},
      "name": {"type": ["string", "null"], "pattern": "^[a-z]+$", "maxLength": 5},
      "ports": {"type": "array", "items": {"type": "integer"}, "minItems": 1},
      "image": {"type": "object", "additionalProperties": false,
                "properties": {"tag": {"type": "string"}}},
      "either": {"anyOf": [{"type": "string"}, {"type": "boolean"}]}
    }
  })");
  SUBCASE("valid values")
  {
    CHECK(certainly_valid(json::parse(R"({"replicas": 3, "mode": "b", "name": "web", "ports": [80],
                                          "image": {"tag": "1"}, "either": true, "extra": {}})"),
                          schema));
    CHECK(certainly_valid(json::parse(R"({"name": null, "image": {}})"), schema));
  }
  SUBCASE("invalid values are not certain")
  {
    CHECK_FALSE(certainly_valid(json::parse(R"({"replicas": 3})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"replicas": 2.5, "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"replicas": 11, "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"mode": "c", "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"name": "Web", "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"name": "abcdef", "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"ports": [], "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"ports": ["80"], "image": {}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"image": {"tag": "1", "x": 1}})"), schema));
    CHECK_FALSE(certainly_valid(json::parse(R"({"either": 1, "image": {}})"), schema));
  }
  SUBCASE("values on a bound are not certain")
  {
    CHECK_FALSE(certainly_valid(json::parse(R"({"replicas": 1, "image": {}})"), schema));
  }
  SUBCASE("schemas it does not fully understand are not certain")
  {
    const json v = json::parse(R"({"a": 1})");
    CHECK(certainly_valid(v, (R"({"properties": {"a": {"type": "integer"}}})")));
    CHECK_FALSE(certainly_valid(v, (R"({"properties": {"a": {"oneOf": [{"type": "integer"}]}}})")));
    CHECK_FALSE(certainly_valid(v, (R"({"properties": {"a": {"$ref": "#/definitions/x"}}})")));
    CHECK_FALSE(certainly_valid(v, (R"({"type": "object", "patternProperties": {}})")));
    // Malformed keywords anywhere, even where no value goes.
    CHECK_FALSE(certainly_valid(v, (R"({"properties": {"b": {"type": "int"}}})")));
    CHECK_FALSE(certainly_valid(v, (R"({"properties": {"b": {"minimum": "1"}}})")));
    CHECK_FALSE(certainly_valid(v, R"({"required": []})"));
    CHECK_FALSE(certainly_valid(v, (R"({"properties": {"b": {"format": "date"}}})")));
    CHECK_FALSE(certainly_valid(json::parse(R"({"a": "x"})"), (R"({"properties": {"a": {"pattern": "("}}})")));
    CHECK_FALSE(certainly_valid(v, "[]"));
    // Texts that are not JSON, and keys given twice, go to the full validator.
    CHECK_FALSE(certainly_valid(v, R"({"properties": {})"));
    CHECK_FALSE(certainly_valid(v, R"({"properties": {"a": {"type": "string"}, "a": {"type": "integer"}}})"));
    CHECK_FALSE(certainly_valid(v, "{\"title\": \"\xff\"}"));
    // Keywords no validator knows are annotations.
    CHECK(certainly_valid(v, (R"({"form": true, "properties": {"a": {"type": "integer", "hidden": {"x": 1}}}})")));
  }
}
