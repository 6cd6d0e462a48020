#include <pave/kube/discovery.hpp>

#include <pave/codec/json_integer.hpp>

#include <algorithm>
#include <cstdlib>

#include <spdlog/spdlog.h>


namespace pave::kube {

std::vector<ResourceInfo> parse_resource_list(const nlohmann::json& list)
{
  std::vector<ResourceInfo> out;
  const std::string gv = list.value("groupVersion", "");
  const auto slash = gv.find('/');
  const std::string group = slash == std::string::npos ? "" : gv.substr(0, slash);
  const std::string version = slash == std::string::npos ? gv : gv.substr(slash + 1);
  const auto resources = list.find("resources");
  if (resources == list.end() || !resources->is_array()) {
    return out;
  }
  for (const auto& r : *resources) {
    const std::string name = r.value("name", "");
    if (name.empty() || name.find('/') != std::string::npos) {
      continue; // subresource: deployments/status, pods/log
    }
    ResourceInfo info;
    info.group = r.contains("group") && r["group"].is_string() ? r["group"].get<std::string>() : group;
    info.version = r.contains("version") && r["version"].is_string() ? r["version"].get<std::string>() : version;
    info.kind = r.value("kind", "");
    info.resource = name;
    info.namespaced = r.value("namespaced", false);
    out.push_back(std::move(info));
  }
  return out;
}

util::Result<Discovery> fetch_discovery(const GetJson& get, const GetJsonAll& get_all, int parallelism,
                                        std::chrono::system_clock::time_point now)
{
  std::vector<std::string> paths;
  PAVE_TRY_ASSIGN(const nlohmann::json core, get("/api"));
  if (const auto v = core.find("versions"); v != core.end() && v->is_array()) {
    for (const auto& version : *v) {
      paths.push_back("/api/" + version.get<std::string>());
    }
  }
  PAVE_TRY_ASSIGN(const nlohmann::json groups, get("/apis"));
  if (const auto g = groups.find("groups"); g != groups.end() && g->is_array()) {
    for (const auto& group : *g) {
      if (const auto vs = group.find("versions"); vs != group.end() && vs->is_array()) {
        for (const auto& v : *vs) {
          paths.push_back("/apis/" + v.value("groupVersion", ""));
        }
      }
    }
  }

  Discovery d;
  d.fetched_at = now;
  const auto batch = static_cast<std::size_t>(std::max(parallelism, 1));
  for (std::size_t first = 0; first < paths.size(); first += batch) {
    const std::vector<std::string> some(paths.begin() + static_cast<std::ptrdiff_t>(first),
                                        paths.begin() + static_cast<std::ptrdiff_t>(std::min(first + batch, paths.size())));
    auto lists = get_all(some);
    for (std::size_t i = 0; i < some.size(); ++i) {
      if (!lists[i]) {
        spdlog::warn("kube: discovery of {} failed, skipping it: {}", some[i], lists[i].error().message);
        d.complete = false;
        continue;
      }
      auto resources = parse_resource_list(*lists[i]);
      d.resources.insert(d.resources.end(), resources.begin(), resources.end());
    }
  }
  return d;
}

std::string encode_discovery(const Discovery& d)
{
  nlohmann::json out;
  out["format_version"] = k_discovery_format_version;
  out["fetched_at"] = std::chrono::duration_cast<std::chrono::seconds>(d.fetched_at.time_since_epoch()).count();
  auto& rs = out["resources"] = nlohmann::json::array();
  for (const auto& r : d.resources) {
    rs.push_back({{"group", r.group}, {"version", r.version}, {"kind", r.kind}, {"resource", r.resource},
                  {"namespaced", r.namespaced}});
  }
  return out.dump() + "\n";
}

util::Result<Discovery> decode_discovery(std::string_view text)
{
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return util::fail("discovery cache: not JSON");
  }
  const nlohmann::json format = doc.value("format_version", nlohmann::json());
  if (codec::json_integer(format) != k_discovery_format_version) {
    return util::fail("discovery cache: format_version {} is not {}", format.dump(), k_discovery_format_version);
  }
  Discovery d;
  const auto fetched_at = codec::json_integer(doc.value("fetched_at", nlohmann::json()), 0, codec::k_max_epoch_seconds);
  d.fetched_at = std::chrono::system_clock::time_point(std::chrono::seconds(fetched_at.value_or(0)));
  try {
    for (const auto& r : doc.at("resources")) {
      d.resources.push_back({r.at("group").get<std::string>(), r.at("version").get<std::string>(),
                             r.at("kind").get<std::string>(), r.at("resource").get<std::string>(),
                             r.at("namespaced").get<bool>()});
    }
  } catch (const nlohmann::json::exception& e) {
    return util::fail("discovery cache: {}", e.what());
  }
  return d;
}

std::filesystem::path discovery_cache_dir(const std::filesystem::path& root, std::string_view server)
{
  std::string_view host = server;
  if (const auto s = host.find("://"); s != std::string_view::npos) {
    host = host.substr(s + 3);
  }
  std::string name;
  for (const char c : host) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    name += safe ? c : '_';
  }
  return root / name;
}

std::filesystem::path default_discovery_cache_root()
{
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "pave" / "discovery";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "pave" / "discovery";
  }
  return {};
}

} // namespace pave::kube
