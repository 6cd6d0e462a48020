#pragma once
/// A quick check for the common case of values.schema.json validation: the
/// values satisfy the schema. Building valijson's schema model costs far more
/// than checking, so this checks the JSON schema directly and answers only
/// "certainly valid" or "not sure"; for "not sure" the caller runs the full
/// validator (schema.cpp), which gives the verdict and Helm's error lines.
///
/// It knows the draft 7 keywords charts use (type, properties,
/// additionalProperties, required, items, enum, const, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, min/maxLength, min/maxItems,
/// min/maxProperties, pattern, allOf, anyOf, definitions and annotations).
/// Any other keyword the full validator knows, or a keyword whose value is
/// of an unexpected type anywhere in the schema, makes the answer "not sure",
/// so a schema the full validator would reject is never accepted here.
/// Keywords unknown to both (custom annotations such as "form") are ignored.
#include <string_view>

#include <nlohmann/json.hpp>

namespace pave::chart {

/// True when `values` certainly satisfy the JSON schema `schema_text` and
/// the schema is well-formed; false when not sure (invalid values, a schema
/// this check does not fully understand, or a text that is not JSON).
bool certainly_valid(const nlohmann::json& values, std::string_view schema_text);

} // namespace pave::chart
