// Format 1 of the state file: the document <-> State mapping (see state_file.hpp).
#include <pave/state/state_file.hpp>

#include <cstdint>
#include <map>
#include <set>

#include <fmt/format.h>

namespace pave::state {

namespace {

using nlohmann::json;

/// Reads the members of one JSON object by name, with errors that name the
/// member's path, and rejects members nobody asked for.
class Fields
{
public:
  Fields(const json& obj, std::string path, std::string_view source) : m_obj(obj), m_path(std::move(path)), m_source(source)
  {
  }

  util::Result<std::string> str(const char* key, bool required = true)
  {
    const json* v = get(key);
    if (v == nullptr) {
      if (required) {
        return missing(key);
      }
      return std::string();
    }
    if (!v->is_string()) {
      return wrong(key, "a string");
    }
    return v->get<std::string>();
  }

  util::Result<std::int64_t> integer(const char* key, bool required = true)
  {
    const json* v = get(key);
    if (v == nullptr) {
      if (required) {
        return missing(key);
      }
      return 0;
    }
    if (!v->is_number_integer()) {
      return wrong(key, "an integer");
    }
    return v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
             ? INT64_MAX
             : v->get<std::int64_t>();
  }

  /// The member when it is of the JSON `type`; nullptr when absent and not required.
  util::Result<const json*> member(const char* key, json::value_t type, const char* what, bool required = true)
  {
    const json* v = get(key);
    if (v == nullptr) {
      if (required) {
        return missing(key);
      }
      return nullptr;
    }
    if (v->type() != type) {
      return wrong(key, what);
    }
    return v;
  }

  /// Fails on a member that no getter asked for.
  util::Result<void> done() const
  {
    for (const auto& [k, v] : m_obj.items()) {
      if (!m_seen.contains(k)) {
        return invalid("{}unknown field \"{}\"", m_path.empty() ? "" : m_path + ": ", k);
      }
    }
    return {};
  }

  template <typename... Args> std::unexpected<util::Error> invalid(fmt::format_string<Args...> f, Args&&... args) const
  {
    return util::fail("state file {} is invalid: {}", m_source, fmt::format(f, std::forward<Args>(args)...));
  }

private:
  const json* get(const char* key)
  {
    m_seen.insert(key);
    const auto it = m_obj.find(key);
    return it == m_obj.end() ? nullptr : &*it;
  }
  std::string where(const char* key) const { return m_path.empty() ? key : m_path + "." + key; }
  std::unexpected<util::Error> missing(const char* key) const { return invalid("{}: missing", where(key)); }
  std::unexpected<util::Error> wrong(const char* key, const char* what) const
  {
    return invalid("{}: expected {}", where(key), what);
  }

  const json& m_obj;
  std::string m_path;
  std::string_view m_source;
  std::set<std::string, std::less<>> m_seen;
};

/// Pools `object` under its digest and returns the reference stored in its
/// place. `known` is an object whose digest is `known_key`: when equal (a
/// revision's copy of the applied object, the common case) its digest is
/// reused instead of serialising and hashing the object again.
json intern(json& pool, const json& object, const json* known = nullptr, const std::string* known_key = nullptr)
{
  if (!object.is_object()) {
    return object; // null (no object) stays inline
  }
  if (known != nullptr && known_key != nullptr && *known == object) {
    return *known_key;
  }
  std::string key = object_digest(object);
  if (!pool.contains(key)) {
    pool[key] = object;
  }
  return key;
}

util::Result<json> resolve(const json& pool, const json& ref, const std::string& where, std::string_view source)
{
  if (ref.is_null()) {
    return json();
  }
  if (ref.is_string()) {
    if (const auto it = pool.find(ref.get_ref<const std::string&>()); it != pool.end()) {
      return *it;
    }
    return util::fail("state file {} is invalid: {}: no object {} in `objects`", source, where, ref.get<std::string>());
  }
  return util::fail("state file {} is invalid: {}: expected an object reference", source, where);
}

util::Result<ResourceRecord> read_resource(const json& j, const json& pool, std::size_t i, std::string_view source)
{
  const std::string path = fmt::format("resources[{}]", i);
  if (!j.is_object()) {
    return util::fail("state file {} is invalid: {}: expected an object", source, path);
  }
  Fields f(j, path, source);
  ResourceRecord r;
  PAVE_TRY_ASSIGN(r.address, f.str("address"));
  PAVE_TRY_ASSIGN(r.app, f.str("app"));
  PAVE_TRY_ASSIGN(r.api_version, f.str("api_version"));
  PAVE_TRY_ASSIGN(r.kind, f.str("kind"));
  PAVE_TRY_ASSIGN(r.namespace_, f.str("namespace"));
  PAVE_TRY_ASSIGN(r.name, f.str("name"));
  PAVE_TRY_ASSIGN(r.digest, f.str("digest"));
  PAVE_TRY_ASSIGN(const auto rev, f.integer("revision"));
  r.revision = static_cast<int>(rev);
  PAVE_TRY_ASSIGN(const json* applied, f.member("applied", json::value_t::string, "an object reference", false));
  if (applied != nullptr) {
    PAVE_TRY_ASSIGN(r.applied, resolve(pool, *applied, path + ".applied", source));
  }
  PAVE_TRY(f.done());
  return r;
}

util::Result<Revision> read_revision(const json& j, const json& pool, std::size_t i, std::string_view source)
{
  const std::string path = fmt::format("revisions[{}]", i);
  if (!j.is_object()) {
    return util::fail("state file {} is invalid: {}: expected an object", source, path);
  }
  Fields f(j, path, source);
  Revision r;
  PAVE_TRY_ASSIGN(const auto number, f.integer("number"));
  r.number = static_cast<int>(number);
  PAVE_TRY_ASSIGN(r.time, f.str("time"));
  PAVE_TRY_ASSIGN(r.operation, f.str("operation"));
  PAVE_TRY_ASSIGN(r.status, f.str("status"));
  PAVE_TRY_ASSIGN(r.description, f.str("description", false));
  PAVE_TRY_ASSIGN(const json* apps, f.member("apps", json::value_t::object, "an object", false));
  if (apps != nullptr) {
    r.apps = *apps;
  }
  PAVE_TRY_ASSIGN(const json* objects, f.member("objects", json::value_t::object, "an object", false));
  if (objects != nullptr) {
    for (const auto& [address, ref] : objects->items()) {
      PAVE_TRY_ASSIGN(r.objects[address], resolve(pool, ref, path + ".objects[" + address + "]", source));
    }
  }
  PAVE_TRY(f.done());
  return r;
}

} // namespace

json write_v1(const State& s)
{
  json doc = json::object();
  json pool = json::object();
  doc["format_version"] = 1;
  doc["serial"] = s.serial;
  doc["lineage"] = s.lineage;
  doc["environment"] = s.environment;
  doc["pave_version"] = s.pave_version;
  json& resources = doc["resources"] = json::array();
  std::map<std::string_view, std::pair<const json*, std::string>> applied_keys; // address -> applied, its key
  for (const auto& r : s.resources) {
    json j = {{"address", r.address},     {"app", r.app},   {"api_version", r.api_version},
              {"kind", r.kind},           {"namespace", r.namespace_}, {"name", r.name},
              {"digest", r.digest},       {"revision", r.revision}};
    if (!r.applied.is_null()) {
      j["applied"] = intern(pool, r.applied);
      if (j["applied"].is_string()) {
        applied_keys.emplace(r.address, std::pair(&r.applied, j["applied"].get<std::string>()));
      }
    }
    resources.push_back(std::move(j));
  }
  json& revisions = doc["revisions"] = json::array();
  for (const auto& r : s.revisions) {
    json j = {{"number", r.number}, {"time", r.time}, {"operation", r.operation},
              {"status", r.status}, {"description", r.description}, {"apps", r.apps}};
    json objects = json::object();
    for (const auto& [address, object] : r.objects.items()) {
      const auto known = applied_keys.find(address);
      objects[address] = known == applied_keys.end() ? intern(pool, object)
                                                     : intern(pool, object, known->second.first, &known->second.second);
    }
    j["objects"] = std::move(objects);
    revisions.push_back(std::move(j));
  }
  doc["sections"] = s.sections.is_object() ? s.sections : json::object();
  doc["objects"] = std::move(pool);
  return doc;
}

util::Result<State> read_v1(const json& doc, std::string_view source)
{
  Fields f(doc, "", source);
  (void)f.member("checksum", json::value_t::string, "a string", false); // verified by parse_state
  State s;
  PAVE_TRY_ASSIGN(const auto format, f.integer("format_version"));
  if (format != 1) {
    return f.invalid("format_version: expected 1, got {}", format);
  }
  PAVE_TRY_ASSIGN(const auto serial, f.integer("serial"));
  if (serial < 0) {
    return f.invalid("serial: expected a non-negative integer");
  }
  s.serial = static_cast<std::uint64_t>(serial);
  PAVE_TRY_ASSIGN(s.lineage, f.str("lineage"));
  PAVE_TRY_ASSIGN(s.environment, f.str("environment"));
  PAVE_TRY_ASSIGN(s.pave_version, f.str("pave_version", false));
  PAVE_TRY_ASSIGN(const json* pool_ptr, f.member("objects", json::value_t::object, "an object", false));
  static const json k_empty = json::object();
  const json& pool = pool_ptr != nullptr ? *pool_ptr : k_empty;
  PAVE_TRY_ASSIGN(const json* resources, f.member("resources", json::value_t::array, "an array"));
  s.resources.reserve(resources->size());
  for (std::size_t i = 0; i < resources->size(); ++i) {
    PAVE_TRY_ASSIGN(auto r, read_resource((*resources)[i], pool, i, source));
    if (!s.resources.empty() && s.resources.back().address >= r.address) {
      return f.invalid("resources[{}]: address \"{}\" is out of order or repeated", i, r.address);
    }
    s.resources.push_back(std::move(r));
  }
  PAVE_TRY_ASSIGN(const json* revisions, f.member("revisions", json::value_t::array, "an array"));
  for (std::size_t i = 0; i < revisions->size(); ++i) {
    PAVE_TRY_ASSIGN(auto r, read_revision((*revisions)[i], pool, i, source));
    s.revisions.push_back(std::move(r));
  }
  PAVE_TRY_ASSIGN(const json* sections, f.member("sections", json::value_t::object, "an object", false));
  if (sections != nullptr) {
    s.sections = *sections;
  }
  PAVE_TRY(f.done());
  s.format_version = State::k_current_format;
  return s;
}

} // namespace pave::state
