#include <pave/http/curl_client.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/http/curl_lib.hpp>
#include <pave/http/redact.hpp>
#include <pave_build_info.hpp>

namespace pave::http {

std::string default_user_agent()
{
  return "pave/" PAVE_VERSION;
}

/// The share handle: DNS cache and TLS sessions, one mutex per data kind as
/// CURLSHOPT_LOCKFUNC asks.
struct CurlHttpClient::Share
{
  const CurlApi* api = nullptr;
  CURLSH* handle = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self)
  {
    static_cast<Share*>(self)->locks[static_cast<std::size_t>(data)].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* self)
  {
    static_cast<Share*>(self)->locks[static_cast<std::size_t>(data)].unlock();
  }
};

namespace {

/// What the callbacks of one transfer write into.
struct Transfer
{
  const Request* req = nullptr;
  Response resp;
  long status = 0;            ///< of the latest status line, for the body sink
  std::uint64_t delivered = 0; ///< bytes handed to the body sink
  bool sink_refused = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user)
{
  auto& t = *static_cast<Transfer*>(user);
  const std::string_view chunk(data, size * n);
  if (t.req->body_sink && t.status >= 200 && t.status < 300) {
    if (!t.req->body_sink(t.delivered, chunk)) {
      t.sink_refused = true;
      return 0; // curl stops with CURLE_WRITE_ERROR
    }
    t.delivered += chunk.size();
    return chunk.size();
  }
  t.resp.body.append(chunk);
  return chunk.size();
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user)
{
  auto& resp = static_cast<Transfer*>(user)->resp;
  std::string_view line(data, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.starts_with("HTTP/")) {
    resp.headers.clear(); // a new response (after 100 Continue, a proxy's CONNECT reply, a redirect)
    const auto space = line.find(' ');
    static_cast<Transfer*>(user)->status =
        space == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(space + 1, 3)).c_str(), nullptr, 10);
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    resp.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    if (iequals(line.substr(0, colon), "Content-Length") && !static_cast<Transfer*>(user)->req->body_sink) {
      // One allocation of the announced size (capped) instead of doubling:
      // bounds the memory of large parallel transfers (ranged S3 GETs).
      const auto length = std::strtoull(std::string(value).c_str(), nullptr, 10);
      resp.body.reserve(std::min<unsigned long long>(length, 64ull << 20));
    }
  }
  return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel != nullptr && cancel->load() ? 1 : 0;
}

FailureKind classify(CURLcode code)
{
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT: return FailureKind::timeout;
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY: return FailureKind::dns;
  case CURLE_COULDNT_CONNECT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM: return FailureKind::connection;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED:
  case CURLE_SSL_ENGINE_INITFAILED:
  case CURLE_SSL_SHUTDOWN_FAILED: return FailureKind::tls;
  case CURLE_ABORTED_BY_CALLBACK: return FailureKind::cancelled;
  default: return FailureKind::protocol;
  }
}

std::string_view kind_phrase(FailureKind kind)
{
  switch (kind) {
  case FailureKind::timeout: return "timed out talking to";
  case FailureKind::dns: return "cannot resolve";
  case FailureKind::connection: return "connection failed to";
  case FailureKind::tls: return "TLS failure with";
  case FailureKind::cancelled: return "cancelled request to";
  default: return "request failed to";
  }
}

/// Splits "scheme://host:port/rest" for tls-server-name: returns the URL with
/// the host replaced by `name` and fills the CONNECT_TO entry that sends the
/// connection to the real host.
std::string with_server_name(const std::string& url, const std::string& name, std::string& connect_to)
{
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return url;
  }
  const auto host_start = scheme_end + 3;
  const auto host_end = url.find_first_of("/?#", host_start);
  const std::string authority = url.substr(host_start, host_end == std::string::npos ? url.npos : host_end - host_start);
  std::string host = authority;
  std::string port = url.compare(0, scheme_end, "https") == 0 ? "443" : "80";
  if (!authority.empty() && authority.front() == '[') { // [v6]:port
    const auto close = authority.find(']');
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      port = authority.substr(close + 2);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  connect_to = fmt::format("{}:{}:{}:{}", name, port, host, port);
  return url.substr(0, host_start) + name + ":" + port + (host_end == std::string::npos ? "" : url.substr(host_end));
}

std::string log_headers(const HeaderList& headers)
{
  std::string out;
  for (const auto& [k, v] : headers) {
    out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", k, redact_header(k, v));
  }
  return out;
}

} // namespace

CurlHttpClient::CurlHttpClient(CurlOptions options) : m_options(std::move(options)), m_share(std::make_unique<Share>())
{
  if (m_options.user_agent.empty()) {
    m_options.user_agent = default_user_agent();
  }
}

util::Result<std::unique_ptr<CurlHttpClient>> CurlHttpClient::create(CurlOptions options)
{
  PAVE_TRY_ASSIGN(const CurlApi* api, curl());
  std::unique_ptr<CurlHttpClient> client(new CurlHttpClient(std::move(options)));
  Share& share = *client->m_share;
  share.api = api;
  share.handle = api->share_init();
  if (share.handle == nullptr) {
    return util::fail("cannot initialise libcurl: curl_share_init failed");
  }
  api->share_setopt(share.handle, CURLSHOPT_LOCKFUNC, &Share::lock);
  api->share_setopt(share.handle, CURLSHOPT_UNLOCKFUNC, &Share::unlock);
  api->share_setopt(share.handle, CURLSHOPT_USERDATA, &share);
  api->share_setopt(share.handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  api->share_setopt(share.handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  return client;
}

CurlHttpClient::~CurlHttpClient()
{
  if (m_share->api == nullptr) {
    return;
  }
  for (void* h : m_idle) {
    m_share->api->easy_cleanup(static_cast<CURL*>(h));
  }
  if (m_share->handle != nullptr) {
    m_share->api->share_cleanup(m_share->handle);
  }
}

void* CurlHttpClient::acquire_handle()
{
  {
    std::lock_guard lock(m_pool_mutex);
    if (!m_idle.empty()) {
      void* h = m_idle.back();
      m_idle.pop_back();
      return h;
    }
  }
  return m_share->api->easy_init();
}

void CurlHttpClient::release_handle(void* handle)
{
  std::lock_guard lock(m_pool_mutex);
  m_idle.push_back(handle);
}

CurlStats CurlHttpClient::stats() const
{
  return CurlStats{m_requests.load(), m_connections.load()};
}

/// One transfer in flight: its pooled handle and everything libcurl points
/// into until the transfer ends (so it never moves).
struct CurlHttpClient::Pending
{
  CurlHttpClient& owner;
  const Request& req;
  CURL* h;
  std::string host;
  std::string url;
  std::string connect_to;
  curl_slist* headers = nullptr;
  curl_slist* connect_list = nullptr;
  curl_blob ca_blob{};
  curl_blob cert_blob{};
  curl_blob key_blob{};
  char error_buffer[CURL_ERROR_SIZE] = {};
  Transfer transfer;
  std::chrono::steady_clock::time_point started;

  Pending(CurlHttpClient& o, const Request& r, CURL* handle) : owner(o), req(r), h(handle), host(url_host(r.url)) {}
  Pending(const Pending&) = delete;
  Pending& operator=(const Pending&) = delete;
  ~Pending()
  {
    const CurlApi& api = *owner.m_share->api;
    api.slist_free_all(headers);
    api.slist_free_all(connect_list);
    // The handle keeps pointers to this transfer's data until the next reset.
    api.easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    api.easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    api.easy_setopt(h, CURLOPT_CONNECT_TO, nullptr);
    owner.release_handle(h);
  }
};

Result<std::unique_ptr<CurlHttpClient::Pending>> CurlHttpClient::start(const Request& req)
{
  const CurlApi& api = *m_share->api;
  auto* h = static_cast<CURL*>(acquire_handle());
  if (h == nullptr) {
    const std::string host = url_host(req.url);
    return std::unexpected(Failure{FailureKind::protocol, host, fmt::format("request failed to {}: curl_easy_init failed", host)});
  }
  auto p = std::make_unique<Pending>(*this, req, h);

  // Options are set afresh for every transfer; reset keeps the handle's
  // connections, DNS entries and TLS sessions.
  api.easy_reset(h);
  const TlsOptions& tls = m_options.tls;
  p->url = req.url;
  if (!tls.server_name.empty()) {
    p->url = with_server_name(req.url, tls.server_name, p->connect_to);
  }
  api.easy_setopt(h, CURLOPT_URL, p->url.c_str());
  api.easy_setopt(h, CURLOPT_SHARE, m_share->handle);
  api.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(h, CURLOPT_USERAGENT, m_options.user_agent.c_str());
  api.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  api.easy_setopt(h, CURLOPT_HTTP_VERSION, m_options.http2 ? long{CURL_HTTP_VERSION_2TLS} : long{CURL_HTTP_VERSION_1_1});
  api.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
  const auto total = req.timeout.count() > 0 ? req.timeout : m_options.timeout;
  api.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  api.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_limit);
  api.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(m_options.low_speed_time.count()));
  api.easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  // Paths go out as given: S3 object keys may hold "." and ".." segments,
  // which libcurl would otherwise squash (and the signature would not match).
  api.easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
  if (!m_options.proxy.empty()) {
    api.easy_setopt(h, CURLOPT_PROXY, m_options.proxy.c_str());
  }

  // TLS.
  if (!p->connect_to.empty()) {
    p->connect_list = api.slist_append(nullptr, p->connect_to.c_str());
    api.easy_setopt(h, CURLOPT_CONNECT_TO, p->connect_list);
  }
  if (tls.insecure) {
    api.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    api.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!tls.ca_file.empty()) {
    api.easy_setopt(h, CURLOPT_CAINFO, tls.ca_file.c_str());
  }
  p->ca_blob = curl_blob{const_cast<char*>(tls.ca_pem.data()), tls.ca_pem.size(), CURL_BLOB_NOCOPY};
  if (!tls.ca_pem.empty()) {
    api.easy_setopt(h, CURLOPT_CAINFO_BLOB, &p->ca_blob);
  }
  p->cert_blob = curl_blob{const_cast<char*>(tls.client_cert_pem.data()), tls.client_cert_pem.size(), CURL_BLOB_NOCOPY};
  p->key_blob = curl_blob{const_cast<char*>(tls.client_key_pem.data()), tls.client_key_pem.size(), CURL_BLOB_NOCOPY};
  if (!tls.client_cert_pem.empty()) {
    api.easy_setopt(h, CURLOPT_SSLCERT_BLOB, &p->cert_blob);
    api.easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
  } else if (!tls.client_cert_file.empty()) {
    api.easy_setopt(h, CURLOPT_SSLCERT, tls.client_cert_file.c_str());
  }
  if (!tls.client_key_pem.empty()) {
    api.easy_setopt(h, CURLOPT_SSLKEY_BLOB, &p->key_blob);
    api.easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
  } else if (!tls.client_key_file.empty()) {
    api.easy_setopt(h, CURLOPT_SSLKEY, tls.client_key_file.c_str());
  }

  // Method and body.
  if (req.method == "GET") {
    api.easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (req.method == "HEAD") {
    api.easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else {
    api.easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  if (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
    api.easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
    api.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  }
    for (const auto& [k, v] : req.headers) {
    p->headers = api.slist_append(p->headers, (k + ": " + v).c_str());
  }
  p->headers = api.slist_append(p->headers, "Expect:"); // no 100-continue round trip
  api.easy_setopt(h, CURLOPT_HTTPHEADER, p->headers);

  p->transfer.req = &req;
  api.easy_setopt(h, CURLOPT_ERRORBUFFER, p->error_buffer);
  api.easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  api.easy_setopt(h, CURLOPT_WRITEDATA, &p->transfer);
  api.easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  api.easy_setopt(h, CURLOPT_HEADERDATA, &p->transfer);
  if (req.cancel != nullptr) {
    api.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    api.easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(req.cancel));
  }
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("http: > {} {} [{}] {} bytes", req.method, redact_url(req.url), log_headers(req.headers),
                  req.body.size());
  }
  p->started = std::chrono::steady_clock::now();
  return p;
}

Result<Response> CurlHttpClient::finish(Pending& p, int curl_code)
{
  const CurlApi& api = *m_share->api;
  const auto code = static_cast<CURLcode>(curl_code);
  const Request& req = p.req;
  long connects = 0;
  api.easy_getinfo(p.h, CURLINFO_NUM_CONNECTS, &connects);
  m_requests.fetch_add(1, std::memory_order_relaxed);
  m_connections.fetch_add(static_cast<std::uint64_t>(connects), std::memory_order_relaxed);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - p.started).count();
  const bool debug = spdlog::should_log(spdlog::level::debug);

  if (code != CURLE_OK) {
    Failure f;
    f.kind = p.transfer.sink_refused ? FailureKind::cancelled : classify(code);
    f.host = p.host;
    const char* detail = p.transfer.sink_refused        ? "the response body could not be stored"
                         : p.error_buffer[0] != '\0' ? p.error_buffer
                                                       : api.easy_strerror(code);
    f.message = fmt::format("{} {}: {}", kind_phrase(f.kind), p.host, detail);
    if (debug) {
      spdlog::debug("http: < {} {} failed after {} ms ({}): {}", req.method, redact_url(req.url), ms, to_string(f.kind),
                    detail);
    }
    return std::unexpected(std::move(f));
  }
  Response& resp = p.transfer.resp;
  api.easy_getinfo(p.h, CURLINFO_RESPONSE_CODE, &resp.status);
  long version = 0;
  api.easy_getinfo(p.h, CURLINFO_HTTP_VERSION, &version);
  resp.http_version = version == CURL_HTTP_VERSION_2_0 ? "2" : version == CURL_HTTP_VERSION_1_0 ? "1.0"
                      : version == CURL_HTTP_VERSION_3   ? "3"
                                                         : "1.1";
  if (debug) {
    spdlog::debug("http: < {} {} {} (HTTP/{}, {} bytes, {} ms, {} new connections) [{}]", resp.status, req.method,
                  redact_url(req.url), resp.http_version, resp.body.size(), ms, connects, log_headers(resp.headers));
  }
  return std::move(resp);
}

Result<Response> CurlHttpClient::send(const Request& req)
{
  PAVE_TRY_ASSIGN(auto p, start(req));
  return finish(*p, m_share->api->easy_perform(p->h));
}

std::vector<Result<Response>> CurlHttpClient::send_all(std::span<const Request> reqs)
{
  const CurlApi& api = *m_share->api;
  std::vector<Result<Response>> out(reqs.size());
  CURLM* multi = reqs.size() > 1 ? api.multi_init() : nullptr;
  if (multi == nullptr) { // one request, or no multi handle to be had: one at a time
    for (std::size_t i = 0; i < reqs.size(); ++i) {
      out[i] = send(reqs[i]);
    }
    return out;
  }
  std::vector<std::unique_ptr<Pending>> pending(reqs.size());
  std::size_t running = 0;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    auto p = start(reqs[i]);
    if (!p) {
      out[i] = std::unexpected(std::move(p.error()));
      continue;
    }
    api.easy_setopt((*p)->h, CURLOPT_PRIVATE, reinterpret_cast<char*>(i));
    if (api.multi_add_handle(multi, (*p)->h) != CURLM_OK) {
      out[i] = send(reqs[i]); // p releases its handle first
      continue;
    }
    pending[i] = std::move(*p);
    ++running;
  }
  while (running > 0) {
    int active = 0;
    if (api.multi_perform(multi, &active) != CURLM_OK) {
      break;
    }
    int queued = 0;
    while (CURLMsg* msg = api.multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      char* index = nullptr;
      api.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &index);
      const auto i = reinterpret_cast<std::size_t>(index);
      const CURLcode result = msg->data.result;
      api.multi_remove_handle(multi, msg->easy_handle);
      out[i] = finish(*pending[i], result);
      pending[i].reset();
      --running;
    }
    if (running > 0 && api.multi_poll(multi, nullptr, 0, 1000, nullptr) != CURLM_OK) {
      break;
    }
  }
  for (std::size_t i = 0; i < pending.size(); ++i) { // only after a multi handle error
    if (pending[i]) {
      api.multi_remove_handle(multi, pending[i]->h);
      pending[i].reset();
      out[i] = send(reqs[i]);
    }
  }
  api.multi_cleanup(multi);
  return out;
}

} // namespace pave::http
