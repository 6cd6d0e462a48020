#include <pave/chart/schema_quick.hpp>

#include <algorithm>
#include <regex>
#include <vector>

// RapidJSON skips white space and scans strings 16 bytes at a time with SSE2
// (every x86-64 CPU has it) or NEON; byte by byte otherwise. A schema is
// mostly indentation and strings: traefik's 181 KB one parsed in 3.4M
// instructions byte by byte.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#elif defined(__ARM_NEON) && !defined(RAPIDJSON_NEON)
#define RAPIDJSON_NEON
#endif
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <simdjson.h>
#include <string_view>
#include <unordered_map>

namespace pave::chart {

using json = nlohmann::json;
/// A schema node. The schema text is parsed with RapidJSON: nlohmann::json
/// took 60 instructions a byte (11M for traefik's 181 KB schema).
using Schema = rapidjson::Value;

std::string_view str(const Schema& s)
{
  return {s.GetString(), s.GetStringLength()};
}

namespace {

constexpr int k_max_depth = 200;

bool is_count(const Schema& j)
{
  return j.IsUint64();
}

bool is_type_name(const Schema& j)
{
  if (!j.IsString()) {
    return false;
  }
  const std::string_view s = str(j);
  return s == "null" || s == "boolean" || s == "object" || s == "array" || s == "number" || s == "integer" ||
         s == "string";
}

bool is_non_empty_array(const Schema& j)
{
  return j.IsArray() && !j.Empty();
}

/// True when an object has a key twice (the full validator's JSON library keeps
/// the last, RapidJSON finds the first).
bool has_duplicate_keys(const Schema& o)
{
  std::vector<std::string_view> keys;
  keys.reserve(o.MemberCount());
  for (const auto& m : o.GetObject()) {
    keys.push_back(str(m.name));
  }
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
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
bool well_formed(const Schema& schema, int depth)
{
  if (schema.IsBool()) {
    return true;
  }
  if (!schema.IsObject() || depth > k_max_depth || has_duplicate_keys(schema)) {
    return false;
  }
  auto sub = [&](const Schema& s) { return well_formed(s, depth + 1); };
  for (const auto& member : schema.GetObject()) {
    const std::string_view k = str(member.name);
    const Schema& v = member.value;
    if (k == "$schema" || k == "$id" || k == "$comment" || k == "title" || k == "description") {
      if (!v.IsString()) {
        return false;
      }
    } else if (k == "default" || k == "examples" || k == "readOnly" || k == "writeOnly" || k == "deprecated") {
      // Annotations: not checked.
    } else if (k == "type") {
      if (v.IsArray()) {
        if (v.Empty()) {
          return false;
        }
        for (const auto& t : v.GetArray()) {
          if (!is_type_name(t)) {
            return false;
          }
        }
      } else if (!is_type_name(v)) {
        return false;
      }
    } else if (k == "properties" || k == "definitions") {
      if (!v.IsObject() || has_duplicate_keys(v)) {
        return false;
      }
      for (const auto& m : v.GetObject()) {
        if (!sub(m.value)) {
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
      for (const auto& s : v.GetArray()) {
        if (!sub(s)) {
          return false;
        }
      }
    } else if (k == "required") {
      if (!is_non_empty_array(v)) {
        return false;
      }
      for (const auto& r : v.GetArray()) {
        if (!r.IsString()) {
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
      if (!v.IsNumber()) {
        return false;
      }
    } else if (k == "minLength" || k == "maxLength" || k == "minItems" || k == "maxItems" || k == "minProperties" ||
               k == "maxProperties") {
      if (!is_count(v)) {
        return false;
      }
    } else if (k == "pattern") {
      if (!v.IsString()) {
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
bool same_scalar(const json& a, const Schema& b)
{
  switch (a.type()) {
  case json::value_t::null: return b.IsNull();
  case json::value_t::boolean: return b.IsBool() && a.get<bool>() == b.GetBool();
  case json::value_t::string: return b.IsString() && a.get_ref<const std::string&>() == str(b);
  case json::value_t::number_integer: return b.IsInt64() && a.get<std::int64_t>() == b.GetInt64();
  case json::value_t::number_unsigned: return b.IsUint64() && a.get<std::uint64_t>() == b.GetUint64();
  case json::value_t::number_float: return b.IsDouble() && a.get<double>() == b.GetDouble();
  default: return false;
  }
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
  bool valid(const json& v, const Schema& schema, int depth)
  {
    if (schema.IsBool()) {
      return schema.GetBool();
    }
    if (depth > k_max_depth) {
      return false;
    }
    for (const auto& m : schema.GetObject()) {
      if (!keyword_ok(str(m.name), m.value, v, schema, depth)) {
        return false;
      }
    }
    return true;
  }

private:
  static bool type_ok(const json& v, std::string_view t)
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
  static bool above(const json& v, const Schema& bound)
  {
    return !v.is_number() || v.get<double>() > bound.GetDouble();
  }
  static bool below(const json& v, const Schema& bound)
  {
    return !v.is_number() || v.get<double>() < bound.GetDouble();
  }

  bool keyword_ok(std::string_view k, const Schema& kv, const json& v, const Schema& schema, int depth)
  {
    if (k == "type") {
      if (kv.IsString()) {
        return type_ok(v, str(kv));
      }
      for (const auto& t : kv.GetArray()) {
        if (type_ok(v, str(t))) {
          return true;
        }
      }
      return false;
    }
    if (k == "properties") {
      if (!v.is_object()) {
        return true;
      }
      for (const auto& m : kv.GetObject()) {
        if (auto it = v.find(std::string(str(m.name))); it != v.end() && !valid(*it, m.value, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "additionalProperties") {
      if (!v.is_object()) {
        return true;
      }
      const auto props = schema.FindMember("properties");
      for (const auto& [name, x] : v.items()) {
        if (props != schema.MemberEnd() &&
            props->value.FindMember(rapidjson::StringRef(name.data(), name.size())) != props->value.MemberEnd()) {
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
      for (const auto& r : kv.GetArray()) {
        if (!v.contains(std::string(str(r)))) {
          return false;
        }
      }
      return true;
    }
    if (k == "enum") {
      for (const auto& e : kv.GetArray()) {
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
      const auto limit = static_cast<unsigned long long>(kv.GetUint64());
      return n >= 0 && (k.starts_with("min") ? static_cast<unsigned long long>(n) >= limit
                                             : static_cast<unsigned long long>(n) <= limit);
    }
    if (k == "pattern") {
      return !v.is_string() || pattern_ok(std::string(str(kv)), v.get_ref<const std::string&>());
    }
    if (k == "allOf") {
      for (const auto& s : kv.GetArray()) {
        if (!valid(v, s, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (k == "anyOf") {
      for (const auto& s : kv.GetArray()) {
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

bool certainly_valid(const json& values, std::string_view schema_text)
{
  rapidjson::Document schema;
  // Iterative (no recursion on deep input), and only on valid UTF-8, like
  // the full validator's parser: a text that fails here goes the slow way,
  // which reports the error. simdjson checks the encoding at gigabytes a
  // second; RapidJSON's own check (kParseValidateEncodingFlag) went a
  // character at a time and cost half the parse of traefik's 181 KB schema.
  if (!simdjson::validate_utf8(schema_text.data(), schema_text.size())) {
    return false;
  }
  schema.Parse<rapidjson::kParseIterativeFlag>(schema_text.data(), schema_text.size());
  if (schema.HasParseError() || !well_formed(schema, 0)) {
    return false;
  }
  Checker checker;
  return checker.valid(values, schema, 0);
}

} // namespace pave::chart
