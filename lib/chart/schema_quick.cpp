#include <pave/chart/schema_quick.hpp>

#include <regex>
#include <string_view>
#include <unordered_map>

namespace pave::chart {

using json = nlohmann::json;

namespace {

constexpr int k_max_depth = 200;

bool is_count(const json& j)
{
  return j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0);
}

bool is_type_name(const json& j)
{
  if (!j.is_string()) {
    return false;
  }
  const auto& s = j.get_ref<const std::string&>();
  return s == "null" || s == "boolean" || s == "object" || s == "array" || s == "number" || s == "integer" ||
         s == "string";
}

bool is_non_empty_array(const json& j)
{
  return j.is_array() && !j.empty();
}

/// Keywords the full validator (valijson, draft 7) acts on that this check
/// does not implement.
bool is_other_validator_keyword(std::string_view k)
{
  for (const std::string_view v : {"$ref", "id", "additionalItems", "contains", "dependencies", "else", "format", "if",
                                    "multipleOf", "not", "oneOf", "patternProperties", "propertyNames", "then",
                                    "uniqueItems", "extends", "disallow", "divisibleBy"}) {
    if (k == v) {
      return true;
    }
  }
  return false;
}

/// True when every keyword of `schema` (and of its subschemas) is one this
/// check knows, with a value of the type the full validator expects.
bool well_formed(const json& schema, int depth)
{
  if (schema.is_boolean()) {
    return true;
  }
  if (!schema.is_object() || depth > k_max_depth) {
    return false;
  }
  auto sub = [&](const json& s) { return well_formed(s, depth + 1); };
  for (const auto& [key, v] : schema.items()) {
    const std::string_view k = key;
    if (k == "$schema" || k == "$id" || k == "$comment" || k == "title" || k == "description") {
      if (!v.is_string()) {
        return false;
      }
    } else if (k == "default" || k == "examples" || k == "readOnly" || k == "writeOnly" || k == "deprecated") {
      // Annotations: not checked.
    } else if (k == "type") {
      if (v.is_array()) {
        if (v.empty()) {
          return false;
        }
        for (const auto& t : v) {
          if (!is_type_name(t)) {
            return false;
          }
        }
      } else if (!is_type_name(v)) {
        return false;
      }
    } else if (k == "properties" || k == "definitions") {
      if (!v.is_object()) {
        return false;
      }
      for (const auto& [name, s] : v.items()) {
        if (!sub(s)) {
          return false;
        }
      }
    } else if (k == "additionalProperties" || k == "items") {
      if (!sub(v)) {
        return false;
      }
    } else if (k == "allOf" || k == "anyOf") {
      if (!is_non_empty_array(v)) {
        return false;
      }
      for (const auto& s : v) {
        if (!sub(s)) {
          return false;
        }
      }
    } else if (k == "required") {
      if (!is_non_empty_array(v)) {
        return false;
      }
      for (const auto& r : v) {
        if (!r.is_string()) {
          return false;
        }
      }
    } else if (k == "enum") {
      if (!is_non_empty_array(v)) {
        return false;
      }
    } else if (k == "const") {
      // Any value.
    } else if (k == "minimum" || k == "maximum" || k == "exclusiveMinimum" || k == "exclusiveMaximum") {
      if (!v.is_number()) {
        return false;
      }
    } else if (k == "minLength" || k == "maxLength" || k == "minItems" || k == "maxItems" || k == "minProperties" ||
               k == "maxProperties") {
      if (!is_count(v)) {
        return false;
      }
    } else if (k == "pattern") {
      if (!v.is_string()) {
        return false;
      }
    } else if (is_other_validator_keyword(k)) {
      return false;
    }
    // Any other keyword ("form", "x-kubernetes-..."): ignored by the full
    // validator too.
  }
  return true;
}

/// Equality that never calls values equal that the full validator (with
/// strong types) might not: numbers only of the same JSON kind, no containers.
bool same_scalar(const json& a, const json& b)
{
  if (a.is_structured() || b.is_structured()) {
    return false;
  }
  if (a.is_number() && b.is_number()) {
    return a.is_number_float() == b.is_number_float() && a == b;
  }
  return a.type() == b.type() && a == b;
}

/// Code points of a UTF-8 string, or -1 when it holds a NUL byte (which the
/// full validator's C-string length would stop at).
long long rune_count(const std::string& s)
{
  long long n = 0;
  for (const char c : s) {
    if (c == '\0') {
      return -1;
    }
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return n;
}

class Checker
{
public:
  bool valid(const json& v, const json& schema, int depth)
  {
    if (schema.is_boolean()) {
      return schema.get<bool>();
    }
    if (depth > k_max_depth) {
      return false;
    }
    for (const auto& [key, kv] : schema.items()) {
      if (!keyword_ok(key, kv, v, schema, depth)) {
        return false;
      }
    }
    return true;
  }

private:
  static bool type_ok(const json& v, const std::string& t)
  {
    if (t == "null") return v.is_null();
    if (t == "boolean") return v.is_boolean();
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "number") return v.is_number();
    if (t == "integer") return v.is_number_integer();
    return v.is_string();
  }

  /// A number strictly inside the bound; a value on the bound is "not sure".
  static bool above(const json& v, const json& bound)
  {
    return !v.is_number() || v.get<double>() > bound.get<double>();
  }
  static bool below(const json& v, const json& bound)
  {
    return !v.is_number() || v.get<double>() < bound.get<double>();
  }

  bool keyword_ok(std::string_view k, const json& kv, const json& v, const json& schema, int depth)
  {
    if (k == "type") {
      if (kv.is_string()) {
        return type_ok(v, kv.get_ref<const std::string&>());
      }
      for (const auto& t : kv) {
        if (type_ok(v, t.get_ref<const std::string&>())) {
          return true;
        }
      }
      return false;
    }
    if (k == "properties") {
      if (!v.is_object()) {
        return true;
      }
      for (const auto& [name, sub] : kv.items()) {
        if (auto it = v.find(name); it != v.end() && !valid(*it, sub, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "additionalProperties") {
      if (!v.is_object()) {
        return true;
      }
      const auto props = schema.find("properties");
      for (const auto& [name, x] : v.items()) {
        if (props != schema.end() && props->contains(name)) {
          continue;
        }
        if (!valid(x, kv, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "items") {
      if (!v.is_array()) {
        return true;
      }
      for (const auto& x : v) {
        if (!valid(x, kv, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "required") {
      if (!v.is_object()) {
        return true;
      }
      for (const auto& r : kv) {
        if (!v.contains(r.get_ref<const std::string&>())) {
          return false;
        }
      }
      return true;
    }
    if (k == "enum") {
      for (const auto& e : kv) {
        if (same_scalar(v, e)) {
          return true;
        }
      }
      return false;
    }
    if (k == "const") {
      return same_scalar(v, kv);
    }
    if (k == "minimum" || k == "exclusiveMinimum") {
      return above(v, kv);
    }
    if (k == "maximum" || k == "exclusiveMaximum") {
      return below(v, kv);
    }
    if (k == "minLength" || k == "maxLength" || k == "minItems" || k == "maxItems" || k == "minProperties" ||
        k == "maxProperties") {
      // Each applies to one JSON type and counts its runes, items or properties.
      long long n = 0;
      if (k.ends_with("Length")) {
        if (!v.is_string()) {
          return true;
        }
        n = rune_count(v.get_ref<const std::string&>());
      } else if (k.ends_with("Items") ? v.is_array() : v.is_object()) {
        n = static_cast<long long>(v.size());
      } else {
        return true;
      }
      const auto limit = kv.get<unsigned long long>();
      return n >= 0 && (k.starts_with("min") ? static_cast<unsigned long long>(n) >= limit
                                             : static_cast<unsigned long long>(n) <= limit);
    }
    if (k == "pattern") {
      return !v.is_string() || pattern_ok(kv.get_ref<const std::string&>(), v.get_ref<const std::string&>());
    }
    if (k == "allOf") {
      for (const auto& s : kv) {
        if (!valid(v, s, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "anyOf") {
      for (const auto& s : kv) {
        if (valid(v, s, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    // Annotations and definitions.
    return true;
  }

  /// The full validator's pattern test: std::regex (ECMAScript) search.
  bool pattern_ok(const std::string& pattern, const std::string& s)
  {
    auto it = m_regexes.find(pattern);
    if (it == m_regexes.end()) {
      try {
        it = m_regexes.emplace(pattern, std::regex(pattern)).first;
      } catch (const std::regex_error&) {
        return false;
      }
    }
    return std::regex_search(s, it->second);
  }

  std::unordered_map<std::string, std::regex> m_regexes;
};

} // namespace

bool certainly_valid(const json& values, const json& schema)
{
  if (!well_formed(schema, 0)) {
    return false;
  }
  Checker checker;
  return checker.valid(values, schema, 0);
}

} // namespace pave::chart
