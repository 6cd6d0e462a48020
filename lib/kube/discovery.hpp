#pragma once
/// API discovery: which kinds the server serves, under which resource
/// names and scope. Reads /api, /apis and every group-version's resource
/// list (concurrently), skipping subresources (deployments/status). The
/// result is cached on disk, versioned, like kubectl's ~/.kube/cache.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/kube/resource.hpp>
#include <pave/util/expected.hpp>

namespace pave::kube {

/// Version of the on-disk cache format.
inline constexpr int k_discovery_format_version = 1;
/// How long a disk cache is trusted (kubectl: 6 hours).
inline constexpr std::chrono::hours k_discovery_ttl{6};

struct Discovery
{
  std::vector<ResourceInfo> resources;
  std::chrono::system_clock::time_point fetched_at;
  bool complete = true; ///< false when some group-version failed (then it is not written to disk)
};

/// GETs an API path and parses the JSON body.
using GetJson = std::function<util::Result<nlohmann::json>(const std::string& path)>;
/// GETs several API paths at once; one result per path, in order.
using GetJsonAll = std::function<std::vector<util::Result<nlohmann::json>>(const std::vector<std::string>& paths)>;

/// Fetches discovery: /api and /apis with `get`, then the group-versions
/// they list with `get_all`, `parallelism` paths per batch. /api and /apis
/// failing is an error; a failing group-version (an aggregated API that is
/// down) is logged, skipped and marks the result incomplete.
util::Result<Discovery> fetch_discovery(const GetJson& get, const GetJsonAll& get_all, int parallelism,
                                        std::chrono::system_clock::time_point now);

/// The resources of one APIResourceList body, subresources skipped.
std::vector<ResourceInfo> parse_resource_list(const nlohmann::json& list);

/// Serialises for the disk cache ({"format_version":1,"fetched_at":...,"resources":[...]}).
std::string encode_discovery(const Discovery& d);
/// Reads the disk cache. Error on malformed data or another format version.
util::Result<Discovery> decode_discovery(std::string_view text);

/// The cache directory for a server under `root`: host and port with
/// unsafe characters replaced ("https://10.0.0.1:6443" -> ROOT/10.0.0.1_6443).
std::filesystem::path discovery_cache_dir(const std::filesystem::path& root, std::string_view server);

/// ~/.cache/pave/discovery ($XDG_CACHE_HOME/pave/discovery when set); empty when HOME is unset.
std::filesystem::path default_discovery_cache_root();

} // namespace pave::kube
