#pragma once
/// HttpClient over libcurl (loaded on first use, see curl_lib.hpp).
///
/// Connection reuse: easy handles live in a pool and go back to it after
/// each request, so every handle keeps its connections alive between
/// requests; concurrent callers each take their own handle. A CURLSH share
/// handle (with one mutex per data kind) shares the DNS cache and TLS
/// sessions between all handles, so new connections resume TLS sessions.
/// The connection cache itself is not shared: libcurl documents sharing it
/// between concurrently running threads as unsupported (CURLSHOPT_SHARE,
/// CURL_LOCK_DATA_CONNECT), so each pooled handle owns its connections.
///
/// HTTP/2 is negotiated over TLS when the server offers it (ALPN);
/// proxies come from the environment the way libcurl reads it (http_proxy,
/// HTTPS_PROXY/https_proxy, ALL_PROXY, NO_PROXY) unless `proxy` is set.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pave/http/client.hpp>
#include <pave/util/expected.hpp>

namespace pave::http {

struct TlsOptions
{
  std::string ca_file;         ///< PEM bundle to verify the server with
  std::string ca_pem;          ///< PEM data, instead of or besides ca_file
  std::string client_cert_file; ///< PEM client certificate
  std::string client_key_file;
  std::string client_cert_pem; ///< PEM data, instead of the files
  std::string client_key_pem;
  std::string server_name;     ///< verify the server as this name (and send it as SNI)
  bool insecure = false;       ///< skip verification; only when configured explicitly
};

struct CurlOptions
{
  TlsOptions tls;
  std::string proxy; ///< explicit proxy URL; empty: from the environment
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds timeout{std::chrono::seconds(60)}; ///< total, unless Request::timeout
  long low_speed_limit = 1;                                     ///< bytes/s ...
  std::chrono::seconds low_speed_time{30};                      ///< ... below which for this long is a timeout
  std::string user_agent;                                       ///< empty: "pave/VERSION"
  bool http2 = true;
};

struct CurlStats
{
  std::uint64_t requests = 0;    ///< transfers attempted
  std::uint64_t connections = 0; ///< new connections opened (sum of CURLINFO_NUM_CONNECTS)
};

class CurlHttpClient final : public HttpClient
{
public:
  /// Loads libcurl if needed. Error: "cannot load libcurl: ...".
  static util::Result<std::unique_ptr<CurlHttpClient>> create(CurlOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  Result<Response> send(const Request& req) override;
  /// Drives every request at once through one curl multi handle.
  std::vector<Result<Response>> send_all(std::span<const Request> reqs) override;

  CurlStats stats() const;

  struct Share; ///< the CURLSH and its locks (curl_client.cpp)

private:
  explicit CurlHttpClient(CurlOptions options);
  struct Pending; ///< one transfer's handle and what libcurl points into (curl_client.cpp)
  /// A pooled handle set up for `req`; a Failure when no handle can be had.
  Result<std::unique_ptr<Pending>> start(const Request& req);
  /// The outcome of a finished transfer (`code`: its CURLcode).
  Result<Response> finish(Pending& p, int code);
  void* acquire_handle();
  void release_handle(void* handle);

  CurlOptions m_options;
  std::unique_ptr<Share> m_share;
  std::mutex m_pool_mutex;
  std::vector<void*> m_idle; ///< CURL* handles not in use
  std::atomic<std::uint64_t> m_requests{0};
  std::atomic<std::uint64_t> m_connections{0};
};

/// "pave/VERSION".
std::string default_user_agent();

} // namespace pave::http
