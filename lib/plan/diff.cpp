#include <pave/plan/diff.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include <pave/util/base64.hpp>

namespace pave::plan {

namespace {

constexpr std::array<const char*, 8> k_server_metadata = {
  "uid",      "resourceVersion", "generation",         "creationTimestamp",
  "selfLink", "managedFields",   "deletionTimestamp",  "deletionGracePeriodSeconds",
};

bool numbers_equal(const nlohmann::json& a, const nlohmann::json& b)
{
  if (a.is_number_float() || b.is_number_float()) {
    return a.get<double>() == b.get<double>();
  }
  if (a.is_number_unsigned() && b.is_number_unsigned()) {
    return a.get<std::uint64_t>() == b.get<std::uint64_t>();
  }
  return a.get<std::int64_t>() == b.get<std::int64_t>();
}

bool values_equal(const nlohmann::json& a, const nlohmann::json& b)
{
  if (a.is_number() && b.is_number()) {
    return numbers_equal(a, b);
  }
  if (a.type() != b.type()) {
    return false;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      const auto other = b.find(it.key());
      if (other == b.end() || !values_equal(*it, *other)) {
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!values_equal(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  return a == b;
}

bool plain_key(std::string_view key)
{
  return !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '-';
  });
}

struct Differ
{
  bool secret = false;
  std::vector<FieldChange> out;

  bool sensitive(const std::string& path) const
  {
    return secret && (path.starts_with(".data") || path.starts_with(".stringData"));
  }

  void add(const std::string& path, const nlohmann::json& before, const nlohmann::json& after)
  {
    FieldChange f;
    f.path = path;
    f.sensitive = sensitive(path);
    if (!f.sensitive) {
      f.before = before;
      f.after = after;
    }
    out.push_back(std::move(f));
  }

  void walk(const std::string& path, const nlohmann::json& before, const nlohmann::json& after)
  {
    if (before.is_object() && after.is_object()) {
      // Union of keys, in sorted order (nlohmann::json objects are sorted maps).
      auto b = before.begin();
      auto a = after.begin();
      while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && b.key() < a.key())) {
          add(path_key(path, b.key()), *b, nullptr);
          ++b;
        } else if (b == before.end() || a.key() < b.key()) {
          add(path_key(path, a.key()), nullptr, *a);
          ++a;
        } else {
          walk(path_key(path, a.key()), *b, *a);
          ++a;
          ++b;
        }
      }
      return;
    }
    if (before.is_array() && after.is_array() && before.size() == after.size()) {
      for (std::size_t i = 0; i < before.size(); ++i) {
        walk(fmt::format("{}[{}]", path, i), before[i], after[i]);
      }
      return;
    }
    if (!values_equal(before, after)) {
      add(path.empty() ? "." : path, before, after);
    }
  }
};

} // namespace

std::string path_key(std::string path, std::string_view key)
{
  if (plain_key(key)) {
    path += '.';
    path += key;
  } else {
    path += fmt::format("[\"{}\"]", key);
  }
  return path;
}

nlohmann::json strip_server_fields(nlohmann::json object)
{
  nlohmann::json out = std::move(object);
  if (!out.is_object()) {
    return out;
  }
  out.erase("status");
  if (auto meta = out.find("metadata"); meta != out.end() && meta->is_object()) {
    for (const char* key : k_server_metadata) {
      meta->erase(key);
    }
  }
  return out;
}

nlohmann::json project(const nlohmann::json& live, const nlohmann::json& shape)
{
  if (live.is_object() && shape.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = shape.begin(); it != shape.end(); ++it) {
      if (const auto l = live.find(it.key()); l != live.end()) {
        out[it.key()] = project(*l, *it);
      }
    }
    return out;
  }
  if (live.is_array() && shape.is_array() && live.size() == shape.size()) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < live.size(); ++i) {
      out.push_back(project(live[i], shape[i]));
    }
    return out;
  }
  return live;
}

nlohmann::json normalize_secret(const nlohmann::json& object)
{
  if (!object.is_object() || object.value("kind", "") != "Secret" || !object.contains("stringData")) {
    return object;
  }
  nlohmann::json out = object;
  const auto& string_data = object["stringData"];
  if (string_data.is_object()) {
    auto& data = out["data"];
    if (!data.is_object()) {
      data = nlohmann::json::object();
    }
    for (auto it = string_data.begin(); it != string_data.end(); ++it) {
      if (it->is_string()) {
        data[it.key()] = util::base64_encode(it->get_ref<const std::string&>());
      }
    }
  }
  out.erase("stringData");
  return out;
}

std::vector<FieldChange> diff(const nlohmann::json& before, const nlohmann::json& after, std::string_view kind)
{
  Differ d;
  d.secret = kind == "Secret";
  d.walk("", before, after);
  return std::move(d.out);
}

} // namespace pave::plan
