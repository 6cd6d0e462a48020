#define VALIJSON_USE_EXCEPTIONS 1
#include <pave/chart/schema.hpp>
#include <pave/chart/schema_quick.hpp>
#include <pave/codec/go_float.hpp>
#include <pave/util/base64.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>
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

/// The characters of a UTF-8 string (JSON strings are valid UTF-8): Go's utf8.RuneCountInString.
std::size_t rune_count(const std::string& s)
{
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// Walks a valijson context (["<root>", "[a]", "[0]"]) through the values and
/// the schema; either pointer may end up null.
void walk(const std::vector<std::string>& ctx, const json* value, const json* schema, std::string& path,
          const json*& v_out, const json*& s_out)
{
  const json* root = schema;
  // A schema that is only a local "$ref" stands for what it points to.
  const auto resolve = [root](const json* s) {
    for (int hops = 0; s != nullptr && s->is_object() && hops < 16; ++hops) {
      const auto ref = s->find("$ref");
      if (ref == s->end() || !ref->is_string() || !ref->get_ref<const std::string&>().starts_with("#")) {
        break;
      }
      try {
        const json::json_pointer ptr(ref->get<std::string>().substr(1));
        s = root->contains(ptr) ? &root->at(ptr) : nullptr;
      } catch (const json::exception&) {
        s = nullptr;
      }
    }
    return s;
  };
  schema = resolve(schema);
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
      schema = resolve(next);
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
    const json* e = sval("enum");
    return (e != nullptr && e->is_array() && e->size() == 1 ? "value must be " : "value must be one of ") + opts;
  }
  if (desc.starts_with("Failed to match expected value set by 'const'")) {
    if (const json* c = sval("const")) {
      return "value must be " + short_json(*c);
    }
  }
  // santhosh-tekuri/jsonschema v6 (Helm 4's validator) words a bound as
  // "KEYWORD: got VALUE, want LIMIT", numbers as Go's %v of a float64.
  auto bound = [&](const char* keyword, const json* limit, const json& got) -> std::optional<std::string> {
    if (limit == nullptr || !limit->is_number() || !got.is_number()) {
      return std::nullopt;
    }
    std::string out(keyword);
    out += ": got ";
    codec::append_go_float(out, got.get<double>(), 'g');
    out += ", want ";
    codec::append_go_float(out, limit->get<double>(), 'g');
    return out;
  };
  auto count = [&](const char* keyword, std::size_t got) -> std::optional<std::string> {
    const json* limit = sval(keyword);
    if (limit == nullptr || !limit->is_number()) {
      return std::nullopt;
    }
    std::string out(keyword);
    out += ": got ";
    out += std::to_string(got);
    out += ", want ";
    out += limit->dump();
    return out;
  };
  if (value != nullptr) {
    std::optional<std::string> v6;
    if (desc.starts_with("Expected number greater than or equal to")) {
      v6 = bound("minimum", sval("minimum"), *value);
    } else if (desc.starts_with("Expected number greater than")) {
      const json* m = sval("exclusiveMinimum");
      v6 = bound("exclusiveMinimum", m != nullptr && m->is_number() ? m : sval("minimum"), *value);
    } else if (desc.starts_with("Expected number less than or equal to")) {
      v6 = bound("maximum", sval("maximum"), *value);
    } else if (desc.starts_with("Expected number less than")) {
      const json* m = sval("exclusiveMaximum");
      v6 = bound("exclusiveMaximum", m != nullptr && m->is_number() ? m : sval("maximum"), *value);
    } else if (desc.starts_with("Value should be a multiple of")) {
      v6 = bound("multipleOf", sval("multipleOf"), *value);
    } else if (desc.starts_with("String should be no more than") && value->is_string()) {
      v6 = count("maxLength", rune_count(value->get_ref<const std::string&>()));
    } else if (desc.starts_with("String should be no fewer than") && value->is_string()) {
      v6 = count("minLength", rune_count(value->get_ref<const std::string&>()));
    } else if (desc.starts_with("Array should contain no more than") && value->is_array()) {
      v6 = count("maxItems", value->size());
    } else if (desc.starts_with("Array should contain no fewer than") && value->is_array()) {
      v6 = count("minItems", value->size());
    } else if (desc.starts_with("Object should have no more than") && value->is_object()) {
      v6 = count("maxProperties", value->size());
    } else if (desc.starts_with("Object should have no fewer than") && value->is_object()) {
      v6 = count("minProperties", value->size());
    }
    if (v6) {
      return *v6;
    }
  }
  if (desc.starts_with("Elements at indexes #")) { // "Elements at indexes #0 and #1 violate uniqueness constraint."
    const auto a = desc.find('#');
    const auto b = desc.find('#', a + 1);
    if (b != std::string::npos) {
      const std::string first = desc.substr(a + 1, desc.find(' ', a) - a - 1);
      const std::string second = desc.substr(b + 1, desc.find(' ', b) - b - 1);
      return "items at " + first + " and " + second + " are equal";
    }
  }
  if (desc.starts_with("Target should not validate against schema specified in 'not'")) {
    return "not failed";
  }
  if (desc.starts_with("Failed to validate against any schemas allowed by anyOf")) {
    return "anyOf failed";
  }
  if (desc.starts_with("Failed to validate against any child schemas allowed by oneOf")) {
    return "oneOf failed, none matched";
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

/// One error: its instance path (the sort key) and text, "at 'PATH': WHAT",
/// with the errors of an anyOf's or oneOf's subschemas under it.
struct Line
{
  std::string path;
  std::string what;
  std::vector<Line> causes;
  bool operator==(const Line&) const = default;
};

util::Result<std::vector<Line>> validate_lines(const json& doc, const json& schema_doc, int depth);

/// `sub`, a subschema of `root`, with the root's definitions (for its $refs).
json with_definitions(const json& sub, const json& root)
{
  json self_contained = sub;
  if (self_contained.is_object()) {
    for (const char* defs : {"definitions", "$defs"}) {
      if (root.contains(defs) && !self_contained.contains(defs)) {
        self_contained[defs] = root[defs];
      }
    }
  }
  return self_contained;
}

/// The errors of `value` against each subschema of `keyword` ("anyOf",
/// "oneOf") of `schema`, one list a subschema (empty: it matches), each
/// validated with the root's definitions (for its $refs). None when `schema`
/// has no such list.
util::Result<std::vector<std::vector<Line>>> subschema_errors(const json& value, const json* schema,
                                                              const char* keyword, const json& root, int depth)
{
  std::vector<std::vector<Line>> errors;
  if (schema == nullptr || !schema->is_object() || depth > 8) {
    return errors;
  }
  const auto list = schema->find(keyword);
  if (list == schema->end() || !list->is_array()) {
    return errors;
  }
  for (const auto& sub : *list) {
    PAVE_TRY_ASSIGN(auto lines, validate_lines(value, with_definitions(sub, root), depth + 1));
    errors.push_back(std::move(lines));
  }
  return errors;
}

util::Result<std::vector<Line>> validate_lines(const json& doc, const json& schema_doc, int depth)
{
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
  std::vector<Line> lines;
  std::vector<std::pair<std::string, std::vector<std::string>>> missing; // by object path, in order
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    if (is_wrapper(err.description)) {
      continue;
    }
    std::string path;
    const json* v = nullptr;
    const json* s = nullptr;
    walk(err.context, &doc, &schema_doc, path, v, s);
    std::string what = describe(err.description, v, s);
    if (what.starts_with("Failed to validate against exactly one child schema") && v != nullptr) {
      PAVE_TRY_ASSIGN(const auto errors, subschema_errors(*v, s, "oneOf", schema_doc, depth));
      std::vector<std::size_t> matched;
      for (std::size_t k = 0; k < errors.size(); ++k) {
        if (errors[k].empty()) {
          matched.push_back(k);
        }
      }
      if (matched.size() >= 2) {
        what = fmt::format("oneOf failed, subschemas {}, {} matched", matched[0], matched[1]);
      }
    }
    // v6 names all the missing properties of an object in one error:
    // "missing properties 'a', 'b'".
    if (what.starts_with("missing property ")) {
      const std::string name = what.substr(17);
      const auto same = std::find_if(missing.begin(), missing.end(), [&](const auto& m) { return m.first == path; });
      if (same != missing.end()) {
        if (std::find(same->second.begin(), same->second.end(), name) == same->second.end()) {
          same->second.push_back(name);
        }
        continue;
      }
      missing.emplace_back(path, std::vector<std::string>{name});
      lines.push_back(Line{path, {}, {}}); // worded below
      continue;
    }
    Line line{path, what, {}};
    const bool any = what == "anyOf failed";
    if (any || what == "oneOf failed, none matched") {
      // valijson reports the subschemas' errors just before; v6 nests them,
      // each with its own subschema's words.
      while (!lines.empty() && !lines.back().what.empty() &&
             (lines.back().path == path || lines.back().path.starts_with(path + "/"))) {
        lines.pop_back();
      }
      if (v != nullptr) {
        // v6 nests them under the keyword's error, in the subschemas' order.
        PAVE_TRY_ASSIGN(auto errors, subschema_errors(*v, s, any ? "anyOf" : "oneOf", schema_doc, depth));
        for (auto& sub : errors) {
          for (auto& l : sub) {
            l.path.insert(0, path);
            line.causes.push_back(std::move(l));
          }
        }
      }
    }
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) {
      lines.push_back(std::move(line));
    }
  }
  for (const auto& [path, names] : missing) {
    std::string what = names.size() == 1 ? "missing property " : "missing properties ";
    for (std::size_t i = 0; i < names.size(); ++i) {
      what += i > 0 ? ", " : "";
      what += names[i];
    }
    const auto slot =
        std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return l.path == path && l.what.empty(); });
    slot->what = std::move(what);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.path < b.path; });
  return lines;
}

void append_lines(std::string& out, const std::vector<Line>& lines, std::size_t indent)
{
  for (const auto& l : lines) {
    out.append(indent, ' ');
    out += "- at '";
    out += l.path;
    out += "': ";
    out += l.what;
    out += '\n';
    append_lines(out, l.causes, indent + 2);
  }
}

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
  PAVE_TRY_ASSIGN(const auto lines, validate_lines(doc, schema_doc, 0));
  std::string out;
  append_lines(out, lines, 0);
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
