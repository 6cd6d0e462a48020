// State file entry points: syntax, checksum, format version and the upgrade chain.
#include <pave/state/state_file.hpp>

#include <cstdint>
#include <iterator>

#include <pave/util/sha256.hpp>

namespace pave::state {

namespace {

using nlohmann::json;

/// One upgrader per format step; index i upgrades format i to i+1.
using Upgrader = util::Result<json> (*)(const json&, std::string_view);
constexpr Upgrader k_upgraders[] = {upgrade_v0_to_v1};
static_assert(std::size(k_upgraders) == static_cast<std::size_t>(State::k_current_format - State::k_oldest_format));

util::Result<json> upgrade_chain(json doc, int from, std::string_view source)
{
  for (int v = from; v < State::k_current_format; ++v) {
    PAVE_TRY_ASSIGN(doc, k_upgraders[v - State::k_oldest_format](doc, source));
  }
  return doc;
}

} // namespace

std::string document_checksum(const json& doc)
{
  if (doc.is_object() && doc.contains("checksum")) {
    json copy = doc;
    copy.erase("checksum");
    return util::sha256_tagged(canonical_json(copy));
  }
  return util::sha256_tagged(canonical_json(doc));
}

util::Result<std::string> serialize_state(const State& s)
{
  try {
    json doc = write_v1(s);
    const std::string checksum = util::sha256_tagged(canonical_json(doc));
    doc["checksum"] = checksum;
    std::string out = doc.dump(2, ' ', false, json::error_handler_t::strict);
    out += '\n';
    return out;
  } catch (const json::exception& e) {
    return util::fail("cannot serialise the state of {}: {}", s.environment, e.what());
  }
}

namespace {

/// Syntax, format version and checksum of a state file. Returns the document
/// (with `checksum` removed) and its format.
util::Result<std::pair<json, int>> check_document(std::string_view bytes, std::string_view source,
                                                  const ParseOptions& options)
{
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return util::fail("state file {} is corrupt: it is empty (truncated)", source);
  }
  json doc;
  try {
    doc = json::parse(bytes);
  } catch (const json::parse_error& e) {
    return util::fail("state file {} is corrupt: not JSON (syntax error at byte {}; truncated or edited by hand)", source,
                      e.byte);
  } catch (const json::exception& e) { // a number out of range (out_of_range.406)
    return util::fail("state file {} is corrupt: not JSON ({}; edited by hand)", source, e.what());
  }
  if (!doc.is_object()) {
    return util::fail("state file {} is corrupt: not a JSON object", source);
  }
  const auto fv = doc.find("format_version");
  if (fv == doc.end() || !fv->is_number_integer()) {
    return util::fail("state file {} is not a pave state file: no integer format_version", source);
  }
  const std::int64_t format =
    fv->is_number_unsigned() && fv->get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX) ? INT32_MAX
                                                                                                  : fv->get<std::int64_t>();
  if (format > State::k_current_format) {
    return util::fail("state file {} was written by a newer pave (format {}; this pave reads formats {} to {})", source,
                      format, State::k_oldest_format, State::k_current_format);
  }
  if (format < State::k_oldest_format) {
    return util::fail("state file {} has format {}, older than this pave reads ({} to {})", source, format,
                      State::k_oldest_format, State::k_current_format);
  }
  if (format >= 1) {
    const auto cs = doc.find("checksum");
    if (cs == doc.end()) {
      if (options.require_checksum) {
        return util::fail("state file {} is corrupt: it has no checksum (truncated or written by hand)", source);
      }
    } else if (!cs->is_string()) {
      return util::fail("state file {} is corrupt: checksum is not a string", source);
    } else {
      const std::string want = cs->get<std::string>();
      doc.erase(cs); // in place: copying a large document costs more than hashing it
      if (util::sha256_tagged(canonical_json(doc)) != want) {
        return util::fail("state file {} is corrupt: checksum mismatch (truncated or edited by hand)", source);
      }
    }
  }
  return std::pair<json, int>(std::move(doc), static_cast<int>(format));
}

} // namespace

util::Result<State> parse_state(std::string_view bytes, std::string_view source, const ParseOptions& options)
{
  PAVE_TRY_ASSIGN(auto checked, check_document(bytes, source, options));
  PAVE_TRY_ASSIGN(auto doc, upgrade_chain(std::move(checked.first), checked.second, source));
  return read_v1(doc, source);
}

util::Result<StateHeader> parse_state_header(std::string_view bytes, std::string_view source)
{
  PAVE_TRY_ASSIGN(auto checked, check_document(bytes, source, {}));
  const json& doc = checked.first;
  StateHeader h;
  h.format_version = checked.second;
  const auto serial = doc.find("serial");
  const auto lineage = doc.find("lineage");
  if (serial == doc.end() || !serial->is_number_unsigned() || lineage == doc.end() || !lineage->is_string()) {
    return util::fail("state file {} is invalid: no serial or lineage", source);
  }
  h.serial = serial->get<std::uint64_t>();
  h.lineage = lineage->get<std::string>();
  return h;
}

util::Result<json> upgrade_v0_to_v1(const json& doc, std::string_view source)
{
  auto invalid = [&](std::string_view what) { return util::fail("state file {} (format 0) is invalid: {}", source, what); };
  json out = json::object();
  json pool = json::object();
  auto intern = [&pool](const json& object) -> json {
    if (!object.is_object()) {
      return object;
    }
    std::string key = object_digest(object);
    pool.emplace(key, object);
    return key;
  };
  for (const auto& [key, value] : doc.items()) {
    if (key == "resources") {
      if (!value.is_array()) {
        return invalid("resources: expected an array");
      }
      json resources = json::array();
      for (const auto& r : value) {
        if (!r.is_object()) {
          return invalid("resources: expected objects");
        }
        json nr = json::object();
        for (const auto& [k, v] : r.items()) {
          if (k == "apiVersion") {
            nr["api_version"] = v;
          } else if (k == "object") {
            if (!v.is_null()) {
              nr["applied"] = intern(v);
            }
          } else {
            nr[k] = v;
          }
        }
        resources.push_back(std::move(nr));
      }
      out["resources"] = std::move(resources);
    } else if (key == "revisions") {
      if (!value.is_array()) {
        return invalid("revisions: expected an array");
      }
      json revisions = json::array();
      for (const auto& r : value) {
        json nr = r;
        if (nr.is_object() && nr.contains("objects") && nr["objects"].is_object()) {
          for (auto& [address, object] : nr["objects"].items()) {
            object = intern(object);
          }
        }
        revisions.push_back(std::move(nr));
      }
      out["revisions"] = std::move(revisions);
    } else {
      out[key] = value;
    }
  }
  out["format_version"] = 1;
  out["sections"] = json::object();
  out["objects"] = std::move(pool);
  return out;
}

} // namespace pave::state
