#include <pave/backup/manifest.hpp>

#include <fmt/format.h>

namespace pave::backup {

namespace {

using json = nlohmann::json;

util::Result<std::string> str(const json& j, std::string_view what, const char* key, bool required = true)
{
  const auto it = j.find(key);
  if (it == j.end()) {
    if (required) {
      return util::fail("{}: missing {}", what, key);
    }
    return std::string();
  }
  if (!it->is_string()) {
    return util::fail("{}: {} is not a string", what, key);
  }
  return it->get<std::string>();
}

util::Result<std::int64_t> integer(const json& j, std::string_view what, const std::string& key)
{
  const auto it = j.find(key);
  if (it == j.end()) {
    return util::fail("{}: missing {}", what, key);
  }
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(INT64_MAX)) {
      return util::fail("{}: {} is out of range", what, key);
    }
    return static_cast<std::int64_t>(v);
  }
  if (!it->is_number_integer()) {
    return util::fail("{}: {} is not an integer", what, key);
  }
  return it->get<std::int64_t>();
}

util::Result<Counts> parse_counts(const json& j, std::string_view what)
{
  if (!j.is_object()) {
    return util::fail("{}: counts is not an object", what);
  }
  Counts c;
  const std::string w = fmt::format("{}: counts", what);
  for (auto [key, out] : {std::pair{"resources", &c.resources}, {"namespaces", &c.namespaces}, {"files", &c.files}}) {
    PAVE_TRY_ASSIGN(const std::int64_t v, integer(j, w, key));
    if (v < 0 || v > INT32_MAX) {
      return util::fail("{}.{} is out of range", w, key);
    }
    *out = static_cast<int>(v);
  }
  const auto st = j.find("state");
  if (st == j.end() || !st->is_boolean()) {
    return util::fail("{}.state is not a boolean", w);
  }
  c.state = st->get<bool>();
  if (const auto k = j.find("kinds"); k != j.end()) {
    if (!k->is_object()) {
      return util::fail("{}.kinds is not an object", w);
    }
    for (const auto& [kind, n] : k->items()) {
      if (!n.is_number_integer() || n.get<std::int64_t>() < 0 || n.get<std::int64_t>() > INT32_MAX) {
        return util::fail("{}.kinds.{} is not a count", w, kind);
      }
      c.kinds[kind] = n.get<int>();
    }
  }
  return c;
}

} // namespace

bool is_sha256_hex(std::string_view s)
{
  if (s.size() != 64) {
    return false;
  }
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

nlohmann::ordered_json to_json(const Counts& c)
{
  nlohmann::ordered_json j;
  j["resources"] = c.resources;
  j["namespaces"] = c.namespaces;
  j["files"] = c.files;
  j["state"] = c.state;
  j["kinds"] = nlohmann::ordered_json::object();
  for (const auto& [k, n] : c.kinds) {
    j["kinds"][k] = n;
  }
  return j;
}

void write_header(nlohmann::ordered_json& j, const BackupHeader& h)
{
  j["format_version"] = h.format_version;
  j["id"] = h.id;
  j["environment"] = h.environment;
  j["created"] = h.created;
  j["cluster"] = h.cluster;
  j["pave_version"] = h.pave_version;
  j["scope"] = h.scope;
  j["counts"] = to_json(h.counts);
}

nlohmann::ordered_json to_json(const ManifestEntry& e)
{
  nlohmann::ordered_json x;
  x["path"] = e.path;
  x["type"] = e.type;
  if (!e.address.empty()) {
    x["address"] = e.address;
  }
  x["size"] = e.size;
  x["sha256"] = e.sha256;
  return x;
}

nlohmann::ordered_json to_json(const Manifest& m)
{
  nlohmann::ordered_json j;
  write_header(j, m.header);
  j["entries"] = nlohmann::ordered_json::array();
  for (const auto& e : m.entries) {
    j["entries"].push_back(to_json(e));
  }
  return j;
}

util::Result<BackupHeader> parse_header(const json& j, std::string_view what)
{
  if (!j.is_object()) {
    return util::fail("{}: not a JSON object", what);
  }
  BackupHeader h;
  PAVE_TRY_ASSIGN(const std::int64_t version, integer(j, what, "format_version"));
  if (version != k_manifest_format) {
    return util::fail("{}: unsupported format_version {} (this pave reads {})", what, version, k_manifest_format);
  }
  h.format_version = static_cast<int>(version);
  PAVE_TRY_ASSIGN(h.id, str(j, what, "id"));
  if (h.id.empty() || h.id.find('/') != std::string::npos || h.id.find("..") != std::string::npos) {
    return util::fail("{}: id {:?} is not a backup id", what, h.id);
  }
  PAVE_TRY_ASSIGN(h.environment, str(j, what, "environment"));
  PAVE_TRY_ASSIGN(h.created, str(j, what, "created"));
  PAVE_TRY_ASSIGN(h.cluster, str(j, what, "cluster", false));
  PAVE_TRY_ASSIGN(h.pave_version, str(j, what, "pave_version", false));
  PAVE_TRY_ASSIGN(h.scope, str(j, what, "scope", false));
  const auto c = j.find("counts");
  if (c == j.end()) {
    return util::fail("{}: missing counts", what);
  }
  PAVE_TRY_ASSIGN(h.counts, parse_counts(*c, what));
  return h;
}

util::Result<Manifest> parse_manifest(std::string_view text)
{
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return util::fail("manifest: not valid JSON");
  }
  Manifest m;
  PAVE_TRY_ASSIGN(m.header, parse_header(j, "manifest"));
  const auto es = j.find("entries");
  if (es == j.end() || !es->is_array()) {
    return util::fail("manifest: entries is not an array");
  }
  for (std::size_t i = 0; i < es->size(); ++i) {
    const json& e = (*es)[i];
    const std::string what = fmt::format("manifest: entries[{}]", i);
    if (!e.is_object()) {
      return util::fail("{} is not an object", what);
    }
    ManifestEntry x;
    PAVE_TRY_ASSIGN(x.path, str(e, what, "path"));
    PAVE_TRY_ASSIGN(x.type, str(e, what, "type"));
    PAVE_TRY_ASSIGN(x.address, str(e, what, "address", false));
    PAVE_TRY_ASSIGN(const std::int64_t size, integer(e, what, "size"));
    if (size < 0) {
      return util::fail("{}.size is negative", what);
    }
    x.size = static_cast<std::uint64_t>(size);
    PAVE_TRY_ASSIGN(x.sha256, str(e, what, "sha256"));
    if (!is_sha256_hex(x.sha256)) {
      return util::fail("{}.sha256 is not 64 hex digits", what);
    }
    if (x.type != "resource" && x.type != "state" && x.type != "file") {
      return util::fail("{}.type {:?} is not resource, state or file", what, x.type);
    }
    if (x.path.empty() || x.path == k_manifest_entry) {
      return util::fail("{}.path {:?} is not allowed", what, x.path);
    }
    m.entries.push_back(std::move(x));
  }
  return m;
}

std::string resource_entry_path(const std::string& api_version, const std::string& kind, const std::string& ns,
                                const std::string& name)
{
  const auto slash = api_version.find('/');
  const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
  return fmt::format("resources/{}/{}{}{}/{}.json", ns.empty() ? "_cluster" : ns, kind, group.empty() ? "" : ".", group,
                     name);
}

} // namespace pave::backup
