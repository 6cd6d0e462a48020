// The upgraders of the state file format, one per step (state_file.hpp).
#include <pave/state/state_file.hpp>

#include <map>
#include <set>

#include <fmt/format.h>

namespace pave::state {

using nlohmann::json;

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

util::Result<json> upgrade_v1_to_v2(const json& doc, std::string_view source)
{
  // Shapes other than the ones rewritten here are left for the format-2
  // reader to refuse, with the same messages as format 1's reader had.
  static const json k_empty = json::object();
  const auto pool_it = doc.find("objects");
  const json& pool = pool_it != doc.end() && pool_it->is_object() ? *pool_it : k_empty;
  auto missing = [&](const std::string& where, const std::string& key) {
    return util::fail("state file {} is invalid: {}: no object {} in `objects`", source, where, key);
  };
  auto not_a_reference = [&](const std::string& where) {
    return util::fail("state file {} is invalid: {}: expected an object reference", source, where);
  };
  json out = doc;
  out["format_version"] = 2;
  std::map<std::string, std::string, std::less<>> applied_keys; // address -> key of its applied object
  if (auto resources = out.find("resources"); resources != out.end() && resources->is_array()) {
    for (std::size_t i = 0; i < resources->size(); ++i) {
      json& r = (*resources)[i];
      if (!r.is_object() || !r.contains("applied")) {
        continue;
      }
      const std::string where = fmt::format("resources[{}].applied", i);
      const json& ref = r["applied"];
      if (!ref.is_string()) {
        return not_a_reference(where);
      }
      const std::string key = ref.get<std::string>();
      const auto object = pool.find(key);
      if (object == pool.end()) {
        return missing(where, key);
      }
      if (const auto address = r.find("address"); address != r.end() && address->is_string()) {
        applied_keys[address->get<std::string>()] = key;
      }
      r["applied"] = *object;
    }
  }
  json kept = json::object();
  if (auto revisions = out.find("revisions"); revisions != out.end() && revisions->is_array()) {
    for (std::size_t i = 0; i < revisions->size(); ++i) {
      json& r = (*revisions)[i];
      if (!r.is_object() || !r.contains("objects") || !r["objects"].is_object()) {
        continue;
      }
      for (auto& [address, ref] : r["objects"].items()) {
        if (ref.is_null()) {
          continue;
        }
        const std::string where = fmt::format("revisions[{}].objects[{}]", i, address);
        if (!ref.is_string()) {
          return not_a_reference(where);
        }
        const std::string key = ref.get<std::string>();
        const auto object = pool.find(key);
        if (object == pool.end()) {
          return missing(where, key);
        }
        if (const auto applied = applied_keys.find(address); applied != applied_keys.end() && applied->second == key) {
          ref = true;
        } else {
          kept[key] = *object;
        }
      }
    }
  }
  out["objects"] = std::move(kept);
  return out;
}

} // namespace pave::state
