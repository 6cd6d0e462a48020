#pragma once
/// A Kubernetes REST client over HttpClient: discovery, get, paginated
/// list, server-side apply, delete, version. Thread-safe: the deploy engine
/// calls it from a bounded pool of threads.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/http/client.hpp>
#include <pave/http/retry.hpp>
#include <pave/kube/auth.hpp>
#include <pave/kube/discovery.hpp>
#include <pave/kube/kubeconfig.hpp>
#include <pave/kube/resource.hpp>
#include <pave/util/expected.hpp>

namespace pave::kube {

struct ApplyOptions
{
  std::string namespace_ = "default"; ///< for namespaced objects that name none
  std::string field_manager = "pave";
  bool force_conflicts = false; ///< take ownership of fields other managers own
  bool dry_run = false;         ///< dryRun=All: validated and defaulted, not persisted
};

enum class Propagation { background, foreground, orphan };

struct DeleteOptions
{
  Propagation propagation = Propagation::background;
  bool dry_run = false;
};

struct ServerVersion
{
  std::string major, minor, git_version, platform;
};

/// Builds an HttpClient for the credentials of the moment (exec plugins may
/// hand out client certificates, which live in the TLS layer).
using HttpFactory = std::function<util::Result<std::shared_ptr<http::HttpClient>>(const Credentials&)>;

struct ClientOptions
{
  std::string server; ///< https://host:port, no trailing slash
  std::shared_ptr<http::HttpClient> http; ///< used as is when `make_http` is empty
  HttpFactory make_http;                  ///< else called on first use and when exec client certificates change
  std::shared_ptr<CredentialSource> credentials; ///< null: anonymous
  http::RetryPolicy retry{};
  util::Clock* clock = &util::system_clock();
  std::filesystem::path discovery_cache; ///< this server's cache directory; empty: memory only
  std::chrono::seconds discovery_ttl = k_discovery_ttl;
  int parallelism = 8; ///< concurrent discovery requests
  std::chrono::milliseconds timeout{std::chrono::seconds(30)}; ///< per request
};

class Client
{
public:
  explicit Client(ClientOptions options);

  /// The resource for apiVersion + kind, from discovery (memory, then disk
  /// cache within its TTL, then the server). A miss refreshes discovery from
  /// the server once (a CRD may just have been created). Error:
  /// `no kind "Foo" in group version "example.com/v1" on https://...: is its CRD installed?`
  util::Result<ResourceInfo> resolve(std::string_view api_version, std::string_view kind);

  /// The object, or nullopt when it does not exist.
  util::Result<std::optional<nlohmann::json>> get(const ResourceInfo& r, std::string_view ns, std::string_view name);

  /// Every object of `r` in `ns` ("" = all namespaces, or cluster-scoped),
  /// fetched in pages of 500 with limit/continue. Items carry apiVersion and kind.
  util::Result<std::vector<nlohmann::json>> list(const ResourceInfo& r, std::string_view ns,
                                                 std::string_view label_selector = {});

  /// list() as a stream: each item is handed to `visit` as its page
  /// arrives, so memory holds one page whatever the count. An error of
  /// `visit` stops the listing and is returned.
  util::Result<void> list_each(const ResourceInfo& r, std::string_view ns, std::string_view label_selector,
                               const std::function<util::Result<void>(nlohmann::json&& item)>& visit);

  /// Server-side apply of `object` (apiVersion, kind, metadata.name needed);
  /// returns the object the server stored (or would store, with dry_run).
  /// A 409 conflict is an error listing the fields and their managers, with
  /// a hint about --force-conflicts.
  util::Result<nlohmann::json> apply(const nlohmann::json& object, const ApplyOptions& options);

  /// Deletes the object; one that is already gone (404) is success.
  util::Result<void> remove(const ResourceInfo& r, std::string_view ns, std::string_view name, DeleteOptions options);

  /// GET /version.
  util::Result<ServerVersion> version();

  /// Discovery as currently cached in memory, fetching it when needed.
  util::Result<std::vector<ResourceInfo>> resources();

  /// One authenticated request with retries; `path` includes the query.
  /// The response of any status, or a transport failure.
  http::Result<http::Response> request(std::string method, std::string_view path, std::string body = {},
                                       std::string content_type = {});

  const std::string& server() const { return m_options.server; }
  std::uint64_t requests_sent() const { return m_requests.load(); }

private:
  util::Result<nlohmann::json> get_json(const std::string& path);
  /// The parsed JSON of a GET's response to `path`; a status error otherwise.
  util::Result<nlohmann::json> json_body(const std::string& path, const http::Response& resp) const;
  /// GETs every path at once (HttpClient::send_all: one round of concurrent
  /// requests) and parses each body as get_json does. A path whose request
  /// failed in a way a retry could mend (no response, 401, 429, 5xx) is
  /// fetched again alone through get_json, with its retries and credential
  /// refresh. Results are in the order of `paths`.
  std::vector<util::Result<nlohmann::json>> get_json_all(const std::vector<std::string>& paths);
  util::Result<void> load_discovery(bool force_refresh);
  util::Result<std::shared_ptr<http::HttpClient>> transport(const Credentials& creds);
  std::optional<ResourceInfo> find_resource(std::string_view api_version, std::string_view kind) const;

  ClientOptions m_options;
  std::mutex m_http_mutex;
  std::shared_ptr<http::HttpClient> m_http;
  std::string m_http_cert; ///< client certificate m_http was built with
  mutable std::mutex m_discovery_mutex;
  std::optional<Discovery> m_discovery;
  std::uint64_t m_discovery_generation = 0; ///< bumped by every fetch from the server
  std::atomic<std::uint64_t> m_requests{0};
};

struct ConnectOptions
{
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
  std::filesystem::path discovery_cache_root = default_discovery_cache_root(); ///< empty: no disk cache
  /// Receives the curl client that is built, for statistics (benchmarks).
  std::function<void(const std::shared_ptr<http::HttpClient>&)> on_http_client;
};

/// A Client for `config` over libcurl: CA, client certificate and key,
/// insecure only when the kubeconfig says so, proxy-url, tls-server-name,
/// token/token file/exec credentials.
util::Result<std::unique_ptr<Client>> connect(const RestConfig& config, ConnectOptions options = {});

} // namespace pave::kube
