#define VALIJSON_USE_EXCEPTIONS 1
#include <pave/chart/schema.hpp>
#include <pave/chart/schema_quick.hpp>
#include <pave/util/base64.hpp>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace pave::chart {

using json = nlohmann::json;
using tmpl::Value;

namespace {

/// The JSON document Go's encoding/json would produce for the values (integral
/// floats become JSON integers, as they print without a fraction).
json to_json(const Value& v)
{
  switch (v.kind()) {
  case tmpl::Kind::nil: return nullptr;
  case tmpl::Kind::boolean: return v.as_bool();
  case tmpl::Kind::integer: return v.as_int();
  case tmpl::Kind::unsigned_: return v.as_uint();
  case tmpl::Kind::floating: {
    const double f = v.as_float();
    if (std::isfinite(f) && std::floor(f) == f && std::fabs(f) < 9.2e18) {
      return static_cast<std::int64_t>(f);
    }
    return f;
  }
  case tmpl::Kind::string: return v.as_string();
  case tmpl::Kind::bytes: return util::base64_encode(v.as_string());
  case tmpl::Kind::list: {
    json a = json::array();
    for (const auto& x : v.elements()) {
      a.push_back(to_json(x));
    }
    return a;
  }
  case tmpl::Kind::map: {
    json o = json::object();
    for (const auto& [k, x] : v.items()) {
      o[k] = to_json(x);
    }
    return o;
  }
  case tmpl::Kind::object: return to_json(v.as_object().to_data());
  }
  return nullptr;
}

std::string json_type(const json& j)
{
  switch (j.type()) {
  case json::value_t::null: return "null";
  case json::value_t::boolean: return "boolean";
  case json::value_t::number_integer:
  case json::value_t::number_unsigned: return "integer";
  case json::value_t::number_float: return "number";
  case json::value_t::string: return "string";
  case json::value_t::array: return "array";
  default: return "object";
  }
}

std::string short_json(const json& j)
{
  if (j.is_string()) {
    return "'" + j.get<std::string>() + "'";
  }
  return j.dump();
}

/// Walks a valijson context (["<root>", "[a]", "[0]"]) through the values and
/// the schema; either pointer may end up null.
void walk(const std::vector<std::string>& ctx, const json* value, const json* schema, std::string& path,
          const json*& v_out, const json*& s_out)
{
  for (std::size_t i = 1; i < ctx.size(); ++i) {
    std::string key = ctx[i];
    if (key.size() >= 2 && key.front() == '[' && key.back() == ']') {
      key = key.substr(1, key.size() - 2);
    }
    path += "/" + key;
    const bool is_index = value && value->is_array();
    if (value) {
      if (value->is_object() && value->contains(key)) {
        value = &(*value)[key];
      } else if (is_index) {
        const std::size_t idx = std::strtoul(key.c_str(), nullptr, 10);
        value = idx < value->size() ? &(*value)[idx] : nullptr;
      } else {
        value = nullptr;
      }
    }
    if (schema && schema->is_object()) {
      const json* next = nullptr;
      if (is_index) {
        if (auto it = schema->find("items"); it != schema->end() && it->is_object()) {
          next = &*it;
        }
      } else if (auto props = schema->find("properties"); props != schema->end() && props->contains(key)) {
        next = &(*props)[key];
      } else if (auto ap = schema->find("additionalProperties"); ap != schema->end() && ap->is_object()) {
        next = &*ap;
      }
      schema = next;
    } else {
      schema = nullptr;
    }
  }
  v_out = value;
  s_out = schema;
}

std::string describe(const std::string& desc, const json* value, const json* schema)
{
  auto sval = [&](const char* k) -> const json* {
    if (schema && schema->is_object()) {
      if (auto it = schema->find(k); it != schema->end()) {
        return &*it;
      }
    }
    return nullptr;
  };
  if (desc.starts_with("Value type not permitted") && value) {
    std::string want;
    if (const json* t = sval("type")) {
      if (t->is_string()) {
        want = t->get<std::string>();
      } else if (t->is_array()) {
        for (const auto& x : *t) {
          want += (want.empty() ? "" : " or ") + (x.is_string() ? x.get<std::string>() : x.dump());
        }
      }
    }
    return "got " + json_type(*value) + (want.empty() ? "" : ", want " + want);
  }
  if (desc.starts_with("Missing required property '")) {
    return "missing property " + desc.substr(desc.find('\''), desc.rfind('\'') - desc.find('\'') + 1);
  }
  if (desc.starts_with("Failed to match against any enum values") && value) {
    std::string opts;
    if (const json* e = sval("enum"); e && e->is_array()) {
      for (const auto& x : *e) {
        opts += (opts.empty() ? "" : ", ") + short_json(x);
      }
    }
    return "value must be one of " + opts;
  }
  if (desc.starts_with("Failed to match expected value set by 'const'")) {
    if (const json* c = sval("const")) {
      return "value must be " + short_json(*c);
    }
  }
  if (desc.starts_with("Expected number greater than or equal to") && value) {
    if (const json* m = sval("minimum")) {
      return "must be >= " + m->dump() + " but found " + value->dump();
    }
  }
  if (desc.starts_with("Expected number less than or equal to") && value) {
    if (const json* m = sval("maximum")) {
      return "must be <= " + m->dump() + " but found " + value->dump();
    }
  }
  if (desc.starts_with("Failed to match regex specified by 'pattern'") && value && value->is_string()) {
    if (const json* p = sval("pattern"); p && p->is_string()) {
      return short_json(*value) + " does not match pattern '" + p->get<std::string>() + "'";
    }
  }
  if (desc.starts_with("Object contains a property that could not be validated using 'properties' or "
                       "'additionalProperties' constraints: '")) {
    const auto end = desc.rfind('\'');
    const auto start = desc.rfind('\'', end - 1);
    return "additional properties " + desc.substr(start, end - start + 1) + " not allowed";
  }
  return desc;
}

/// Errors that only say a child failed; the child's own error is reported.
bool is_wrapper(const std::string& d)
{
  return d.starts_with("Failed to validate against schema associated with property name") ||
         d.starts_with("Failed to validate item #") ||
         d.starts_with("Failed to validate against additional properties schema") ||
         d.starts_with("Failed to validate against schema associated with pattern") ||
         d.starts_with("Failed to validate against child schema") ||
         d.starts_with("Failed to validate against dependent schema");
}

} // namespace

namespace {

util::Result<std::string> validate_json(const json& doc, std::string_view schema_json)
{
  if (certainly_valid(doc, schema_json)) {
    return std::string();
  }
  json schema_doc;
  try {
    schema_doc = json::parse(schema_json);
  } catch (const json::exception& e) {
    return util::fail("{}", e.what());
  }
  valijson::ValidationResults results;
  try {
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::adapters::NlohmannJsonAdapter target(doc);
    validator.validate(schema, target, &results);
  } catch (const std::exception& e) {
    return util::fail("unable to validate schema: {}", e.what());
  }
  // One line per failure, ordered by instance location.
  std::vector<std::pair<std::string, std::string>> lines;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    if (is_wrapper(err.description)) {
      continue;
    }
    std::string path;
    const json* v = nullptr;
    const json* s = nullptr;
    walk(err.context, &doc, &schema_doc, path, v, s);
    std::pair<std::string, std::string> line{path, "- at '" + path + "': " + describe(err.description, v, s) + "\n"};
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) {
      lines.push_back(std::move(line));
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& l : lines) {
    out += l.second;
  }
  return out;
}

} // namespace

util::Result<std::string> validate_against_single_schema(const Value& values, std::string_view schema_json)
{
  return validate_json(to_json(values), schema_json);
}

struct SchemaCheck::Impl
{
  struct Item
  {
    std::string chart;          ///< chart name
    std::string_view schema;    ///< schema text; empty for a type error entry
    json values;
    std::string message;        ///< a precomputed error entry ("invalid type for values ...")
  };
  std::vector<Item> items;

  void collect(const Chart& c, const Value& values)
  {
    if (!c.schema.empty()) {
      items.push_back(Item{c.name(), c.schema, to_json(values), {}});
    }
    for (const auto& sub : c.dependencies) {
      const Value* raw = values.find(sub->name());
      if (raw == nullptr || raw->is_nil()) {
        continue;
      }
      if (!raw->is_map()) {
        items.push_back(Item{sub->name(), {}, nullptr,
                             "invalid type for values: expected object (map), got " + raw->type_name() + "\n"});
        continue;
      }
      collect(*sub, *raw);
    }
  }
};

SchemaCheck::SchemaCheck() : m_impl(std::make_unique<Impl>()) {}
SchemaCheck::~SchemaCheck() = default;
SchemaCheck::SchemaCheck(SchemaCheck&&) noexcept = default;
SchemaCheck& SchemaCheck::operator=(SchemaCheck&&) noexcept = default;

SchemaCheck SchemaCheck::prepare(const Chart& c, const Value& values)
{
  SchemaCheck check;
  check.m_impl->collect(c, values);
  return check;
}

bool SchemaCheck::empty() const
{
  return m_impl->items.empty();
}

util::Result<void> SchemaCheck::run() const
{
  std::string sb;
  for (const auto& item : m_impl->items) {
    if (!item.message.empty()) {
      sb += item.chart + ":\n" + item.message;
      continue;
    }
    auto r = validate_json(item.values, item.schema);
    if (!r) {
      sb += item.chart + ":\n" + r.error().message + "\n";
    } else if (!r->empty()) {
      sb += item.chart + ":\n" + *r;
    }
  }
  if (!sb.empty()) {
    return util::fail("values don't meet the specifications of the schema(s) in the following chart(s):\n{}", sb);
  }
  return {};
}

util::Result<void> validate_against_schema(const Chart& c, const Value& values)
{
  return SchemaCheck::prepare(c, values).run();
}

} // namespace pave::chart
