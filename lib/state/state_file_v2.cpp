// Format 2 of the state file: State -> document -> bytes in the layout of
// state_file.hpp, one record a line, with the checksum line.
#include <pave/state/state_file.hpp>

#include <algorithm>
#include <array>

#include <pave/util/xxh3.hpp>

namespace pave::state {

namespace {

using nlohmann::json;

/// The members of the header line, in this order; any other top-level member
/// but the lists follows them (and is refused by the reader: fields are closed).
constexpr std::array<std::string_view, 5> k_header_members{"format_version", "serial", "lineage", "environment",
                                                           "pave_version"};
constexpr std::array<std::string_view, 5> k_list_members{"resources", "revisions", "sections", "objects", "checksum"};

void append_json(std::string& out, const json& value)
{
  out += value.dump(-1, ' ', false, json::error_handler_t::strict);
}

void append_member(std::string& out, std::string_view key, const json& value)
{
  append_json(out, json(key));
  out += ':';
  append_json(out, value);
}

/// Lines "[\n" RECORD ",\n" ... RECORD "\n" CLOSE: an empty list is "[\n" CLOSE.
template <typename Range, typename Fn> void append_lines(std::string& out, const Range& range, Fn&& record)
{
  bool first = true;
  for (const auto& item : range) {
    out += first ? "\n" : ",\n";
    first = false;
    record(item);
  }
  out += '\n';
}

/// The layout of a document whose shape was checked. Throws json::type_error
/// on strings that are not UTF-8.
std::string lay_out(const json& doc, bool checksum)
{
  std::string body;
  bool first = true;
  auto header = [&](std::string_view key, const json& value) {
    if (!first) {
      body += ',';
    }
    first = false;
    append_member(body, key, value);
  };
  for (const auto key : k_header_members) {
    if (const auto it = doc.find(key); it != doc.end()) {
      header(key, *it);
    }
  }
  for (const auto& [key, value] : doc.items()) {
    if (std::find(k_header_members.begin(), k_header_members.end(), key) == k_header_members.end() &&
        std::find(k_list_members.begin(), k_list_members.end(), key) == k_list_members.end()) {
      header(key, value);
    }
  }
  body += ",\n\"resources\":[";
  append_lines(body, doc.at("resources"), [&](const json& r) { append_json(body, r); });
  body += "],\n\"revisions\":[";
  append_lines(body, doc.at("revisions"), [&](const json& r) { append_json(body, r); });
  static const json k_empty = json::object();
  body += "],\n\"sections\":";
  append_json(body, doc.contains("sections") ? doc.at("sections") : k_empty);
  body += ",\n\"objects\":{";
  const json& pool = doc.contains("objects") ? doc.at("objects") : k_empty;
  append_lines(body, pool.items(), [&](const auto& item) { append_member(body, item.key(), item.value()); });
  body += "}}\n";
  std::string out = "{\n";
  if (checksum) {
    out += "\"checksum\":\"" + util::xxh3_128_tagged(body) + "\",\n";
  }
  return out + body;
}

} // namespace

json write_v2(const State& s)
{
  json doc = json::object();
  doc["format_version"] = 2;
  doc["serial"] = s.serial;
  doc["lineage"] = s.lineage;
  doc["environment"] = s.environment;
  doc["pave_version"] = s.pave_version;
  json& resources = doc["resources"] = json::array();
  for (const auto& r : s.resources) {
    json j = {{"address", r.address}, {"app", r.app},   {"api_version", r.api_version}, {"kind", r.kind},
              {"namespace", r.namespace_}, {"name", r.name}, {"digest", r.digest},         {"revision", r.revision}};
    if (!r.applied.is_null()) {
      j["applied"] = r.applied;
    }
    resources.push_back(std::move(j));
  }
  json pool = json::object();
  json& revisions = doc["revisions"] = json::array();
  for (const auto& r : s.revisions) {
    json j = {{"number", r.number}, {"time", r.time},           {"operation", r.operation},
              {"status", r.status}, {"description", r.description}, {"apps", r.apps}};
    json objects = json::object();
    for (const auto& [address, object] : r.objects.items()) {
      if (object.is_null()) {
        objects[address] = nullptr;
        continue;
      }
      const ResourceRecord* current = s.find(address);
      if (current != nullptr && current->applied == object) {
        objects[address] = true; // the common case: a revision's copy of what is applied now
        continue;
      }
      std::string key = object_digest(object);
      if (!pool.contains(key)) {
        pool[key] = object;
      }
      objects[address] = std::move(key);
    }
    j["objects"] = std::move(objects);
    revisions.push_back(std::move(j));
  }
  doc["sections"] = s.sections.is_object() ? s.sections : json::object();
  doc["objects"] = std::move(pool);
  return doc;
}

util::Result<std::string> lay_out_v2(const json& doc, std::string_view source, bool checksum)
{
  auto invalid = [&](std::string_view what) { return util::fail("state file {} is invalid: {}", source, what); };
  if (!doc.is_object()) {
    return util::fail("state file {} is corrupt: not a JSON object", source);
  }
  for (const char* list : {"resources", "revisions"}) {
    const auto it = doc.find(list);
    if (it == doc.end()) {
      return invalid(std::string(list) + ": missing");
    }
    if (!it->is_array()) {
      return invalid(std::string(list) + ": expected an array");
    }
  }
  for (const char* map : {"sections", "objects"}) {
    if (const auto it = doc.find(map); it != doc.end() && !it->is_object()) {
      return invalid(std::string(map) + ": expected an object");
    }
  }
  try {
    return lay_out(doc, checksum);
  } catch (const json::exception& e) {
    return invalid(e.what());
  }
}

util::Result<std::string> serialize_state(const State& s)
{
  try {
    return lay_out(write_v2(s), true);
  } catch (const json::exception& e) {
    return util::fail("cannot serialise the state of {}: {}", s.environment, e.what());
  }
}

} // namespace pave::state
