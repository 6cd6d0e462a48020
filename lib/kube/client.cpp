#include <pave/kube/client.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/http/curl_client.hpp>
#include <pave/kube/status.hpp>
#include <pave/util/fs.hpp>

namespace pave::kube {

namespace {

constexpr std::string_view k_apply_patch = "application/apply-patch+yaml";
constexpr int k_page_size = 500;

/// "Deployment shop/web", "ClusterRole admin".
std::string describe(std::string_view kind, std::string_view ns, std::string_view name)
{
  return ns.empty() ? fmt::format("{} {}", kind, name) : fmt::format("{} {}/{}", kind, ns, name);
}

util::Error prefixed(util::Error e, std::string_view prefix)
{
  e.message.insert(0, fmt::format("{}: ", prefix));
  return e;
}

/// The manager named in a FieldManagerConflict cause: `conflict with "kubectl" using apps/v1`.
std::string conflict_manager(std::string_view message)
{
  const auto open = message.find('"');
  const auto close = open == std::string_view::npos ? open : message.find('"', open + 1);
  return close == std::string_view::npos ? std::string(message) : std::string(message.substr(open + 1, close - open - 1));
}

util::Error conflict_error(std::string_view what, const http::Request& req, const http::Response& resp)
{
  const auto status = parse_status(resp.body);
  if (!status || status->causes.empty()) {
    return prefixed(status_error(req, resp), what);
  }
  std::string fields;
  for (const auto& c : status->causes) {
    fields += fmt::format("{}{} (managed by \"{}\")", fields.empty() ? "" : ", ", c.field, conflict_manager(c.message));
  }
  const auto n = status->causes.size();
  util::Error e;
  e.message = fmt::format("{}: apply conflict on {} field{} owned by another manager: {}", what, n, n == 1 ? "" : "s", fields);
  e.detail = "Re-run with --force-conflicts to take ownership of these fields, or stop setting them in the chart.";
  return e;
}

std::pair<std::string, std::string> split_api_version(std::string_view api_version)
{
  const auto slash = api_version.find('/');
  if (slash == std::string_view::npos) {
    return {"", std::string(api_version)};
  }
  return {std::string(api_version.substr(0, slash)), std::string(api_version.substr(slash + 1))};
}

} // namespace

Client::Client(ClientOptions options) : m_options(std::move(options))
{
  m_http = m_options.http;
}

util::Result<std::shared_ptr<http::HttpClient>> Client::transport(const Credentials& creds)
{
  std::lock_guard lock(m_http_mutex);
  if (m_options.make_http && (!m_http || creds.client_cert_pem != m_http_cert)) {
    PAVE_TRY_ASSIGN(m_http, m_options.make_http(creds));
    m_http_cert = creds.client_cert_pem;
  }
  if (!m_http) {
    return util::fail("kube client has no HTTP transport");
  }
  return m_http;
}

http::Result<http::Response> Client::request(std::string method, std::string_view path, std::string body,
                                             std::string content_type)
{
  http::Request req;
  req.method = std::move(method);
  req.url = m_options.server + std::string(path);
  req.body = std::move(body);
  req.timeout = m_options.timeout;
  req.headers.emplace_back("Accept", "application/json");
  if (!content_type.empty()) {
    req.headers.emplace_back("Content-Type", content_type);
  }
  if (content_type == k_apply_patch) {
    req.idempotent = true; // applying the same configuration twice is harmless
  }
  const std::string host = http::url_host(req.url);
  auto send_with = [&](const Credentials& creds) -> http::Result<http::Response> {
    auto h = transport(creds);
    if (!h) {
      return std::unexpected(http::Failure{http::FailureKind::protocol, host, h.error().message});
    }
    http::Request r = req;
    if (const auto auth = authorization_header(creds); !auth.empty()) {
      r.headers.emplace_back("Authorization", auth);
    }
    m_requests.fetch_add(1, std::memory_order_relaxed);
    return (*h)->send(r);
  };
  auto attempt = [&]() -> http::Result<http::Response> {
    Credentials creds;
    if (m_options.credentials) {
      auto c = m_options.credentials->get();
      if (!c) {
        return std::unexpected(http::Failure{http::FailureKind::protocol, host, c.error().message});
      }
      creds = std::move(*c);
    }
    auto resp = send_with(creds);
    if (resp && resp->status == 401 && m_options.credentials) {
      // Expired or rotated credentials: refresh them once and resend.
      m_options.credentials->invalidate(creds);
      auto fresh = m_options.credentials->get();
      if (fresh && !(*fresh == creds)) {
        spdlog::debug("kube: 401 from {}; retrying with refreshed credentials", host);
        resp = send_with(*fresh);
      }
    }
    return resp;
  };
  return http::with_retries(m_options.retry, *m_options.clock, req, attempt);
}

util::Result<nlohmann::json> Client::json_body(const std::string& path, const http::Response& resp) const
{
  if (!resp.ok()) {
    return std::unexpected(status_error(http::Request{"GET", m_options.server + path}, resp));
  }
  auto doc = nlohmann::json::parse(resp.body, nullptr, false);
  if (doc.is_discarded()) {
    return util::fail("{}{}: response is not JSON", m_options.server, path);
  }
  return doc;
}

util::Result<nlohmann::json> Client::get_json(const std::string& path)
{
  auto resp = request("GET", path);
  if (!resp) {
    return std::unexpected(util::Error{resp.error().message});
  }
  return json_body(path, *resp);
}

std::vector<util::Result<nlohmann::json>> Client::get_json_all(const std::vector<std::string>& paths)
{
  std::vector<util::Result<nlohmann::json>> out(paths.size());
  Credentials creds;
  if (m_options.credentials) {
    if (auto c = m_options.credentials->get()) {
      creds = std::move(*c);
    }
  }
  auto h = transport(creds);
  std::vector<http::Result<http::Response>> batch;
  if (h) {
    std::vector<http::Request> reqs(paths.size());
    const std::string auth = authorization_header(creds);
    for (std::size_t i = 0; i < paths.size(); ++i) {
      reqs[i].url = m_options.server + paths[i];
      reqs[i].timeout = m_options.timeout;
      reqs[i].headers.emplace_back("Accept", "application/json");
      if (!auth.empty()) {
        reqs[i].headers.emplace_back("Authorization", auth);
      }
    }
    m_requests.fetch_add(reqs.size(), std::memory_order_relaxed);
    batch = (*h)->send_all(reqs);
  }
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const bool mendable = i >= batch.size() || !batch[i] || batch[i]->status == 401 || batch[i]->status == 429 ||
                          batch[i]->status >= 500;
    out[i] = mendable ? get_json(paths[i]) : json_body(paths[i], *batch[i]);
  }
  return out;
}

util::Result<void> Client::load_discovery(bool force_refresh)
{
  // Called with m_discovery_mutex held.
  if (!force_refresh && m_discovery) {
    return {};
  }
  const auto now = m_options.clock->now();
  const auto cache_file = m_options.discovery_cache.empty() ? std::filesystem::path()
                                                             : m_options.discovery_cache / "resources.json";
  if (!force_refresh && !cache_file.empty() && util::exists(cache_file)) {
    if (auto text = util::read_file(cache_file)) {
      auto d = decode_discovery(*text);
      if (d && now - d->fetched_at < m_options.discovery_ttl && now >= d->fetched_at) {
        spdlog::debug("kube: discovery from cache {}", cache_file.string());
        m_discovery = std::move(*d);
        return {};
      }
    }
  }
  PAVE_TRY_ASSIGN(Discovery d, fetch_discovery([this](const std::string& p) { return get_json(p); },
                                               [this](const std::vector<std::string>& p) { return get_json_all(p); },
                                               m_options.parallelism, now));
  ++m_discovery_generation;
  if (d.complete && !cache_file.empty()) {
    if (auto w = util::write_file_atomic(cache_file, encode_discovery(d)); !w) {
      spdlog::debug("kube: cannot write the discovery cache: {}", w.error().message);
    }
  }
  m_discovery = std::move(d);
  return {};
}

std::optional<ResourceInfo> Client::find_resource(std::string_view api_version, std::string_view kind) const
{
  const auto [group, version] = split_api_version(api_version);
  for (const auto& r : m_discovery->resources) {
    if (r.kind == kind && r.version == version && r.group == group) {
      return r;
    }
  }
  return std::nullopt;
}

util::Result<ResourceInfo> Client::resolve(std::string_view api_version, std::string_view kind)
{
  std::lock_guard lock(m_discovery_mutex);
  const auto generation = m_discovery_generation;
  PAVE_TRY(load_discovery(false));
  if (auto r = find_resource(api_version, kind)) {
    return *r;
  }
  if (m_discovery_generation == generation) { // not fetched from the server just now: refresh once
    spdlog::debug("kube: {} {} not in discovery; refreshing it", api_version, kind);
    PAVE_TRY(load_discovery(true));
    if (auto r = find_resource(api_version, kind)) {
      return *r;
    }
  }
  return util::fail("no kind \"{}\" in group version \"{}\" on {}: is its CRD installed?", kind, api_version,
                    m_options.server);
}

util::Result<std::vector<ResourceInfo>> Client::resources()
{
  std::lock_guard lock(m_discovery_mutex);
  PAVE_TRY(load_discovery(false));
  return m_discovery->resources;
}

util::Result<std::optional<nlohmann::json>> Client::get(const ResourceInfo& r, std::string_view ns, std::string_view name)
{
  const std::string path = resource_path(r, ns, name);
  auto resp = request("GET", path);
  const std::string what = "get " + describe(r.kind, r.namespaced ? ns : "", name);
  if (!resp) {
    return std::unexpected(prefixed(util::Error{resp.error().message}, what));
  }
  if (resp->status == 404) {
    return std::optional<nlohmann::json>();
  }
  if (!resp->ok()) {
    return std::unexpected(prefixed(status_error(http::Request{"GET", m_options.server + path}, *resp), what));
  }
  auto doc = nlohmann::json::parse(resp->body, nullptr, false);
  if (doc.is_discarded()) {
    return util::fail("{}: response is not JSON", what);
  }
  return std::optional<nlohmann::json>(std::move(doc));
}

util::Result<std::vector<nlohmann::json>> Client::list(const ResourceInfo& r, std::string_view ns,
                                                       std::string_view label_selector)
{
  std::vector<nlohmann::json> items;
  PAVE_TRY(list_each(r, ns, label_selector, [&items](nlohmann::json&& item) -> util::Result<void> {
    items.push_back(std::move(item));
    return {};
  }));
  return items;
}

util::Result<void> Client::list_each(const ResourceInfo& r, std::string_view ns, std::string_view label_selector,
                                     const std::function<util::Result<void>(nlohmann::json&& item)>& visit)
{
  std::string cont;
  const std::string base = resource_path(r, ns, "");
  do {
    std::string path = fmt::format("{}?limit={}", base, k_page_size);
    if (!label_selector.empty()) {
      path += "&labelSelector=" + http::url_encode(label_selector);
    }
    if (!cont.empty()) {
      path += "&continue=" + http::url_encode(cont);
    }
    auto page = get_json(path);
    if (!page) {
      return std::unexpected(prefixed(page.error(), "list " + r.qualified()));
    }
    if (auto it = page->find("items"); it != page->end() && it->is_array()) {
      for (auto& item : *it) {
        item["apiVersion"] = r.api_version(); // list items come without them
        item["kind"] = r.kind;
        PAVE_TRY(visit(std::move(item)));
      }
    }
    cont.clear();
    if (const auto md = page->find("metadata"); md != page->end() && md->is_object()) {
      cont = md->value("continue", "");
    }
  } while (!cont.empty());
  return {};
}

util::Result<nlohmann::json> Client::apply(const nlohmann::json& object, const ApplyOptions& options)
{
  if (!object.is_object() || !object.contains("apiVersion") || !object.contains("kind") ||
      !object.contains("metadata") || !object["metadata"].is_object() || !object["metadata"].contains("name")) {
    return util::fail("apply: the object needs apiVersion, kind and metadata.name");
  }
  const std::string api_version = object["apiVersion"].get<std::string>();
  const std::string kind = object["kind"].get<std::string>();
  const std::string name = object["metadata"]["name"].get<std::string>();
  PAVE_TRY_ASSIGN(const ResourceInfo r, resolve(api_version, kind));
  nlohmann::json body = object;
  std::string ns;
  if (r.namespaced) {
    ns = object["metadata"].value("namespace", "");
    if (ns.empty()) {
      ns = options.namespace_;
    }
    body["metadata"]["namespace"] = ns;
  } else {
    body["metadata"].erase("namespace");
  }
  const std::string what = "apply " + describe(kind, ns, name);
  std::string path = resource_path(r, ns, name) + "?fieldManager=" + http::url_encode(options.field_manager);
  if (options.force_conflicts) {
    path += "&force=true";
  }
  if (options.dry_run) {
    path += "&dryRun=All";
  }
  auto resp = request("PATCH", path, body.dump(), std::string(k_apply_patch));
  if (!resp) {
    return std::unexpected(prefixed(util::Error{resp.error().message}, what));
  }
  const http::Request req{"PATCH", m_options.server + path};
  if (resp->status == 409) {
    return std::unexpected(conflict_error(what, req, *resp));
  }
  if (!resp->ok()) {
    return std::unexpected(prefixed(status_error(req, *resp), what));
  }
  auto doc = nlohmann::json::parse(resp->body, nullptr, false);
  if (doc.is_discarded()) {
    return util::fail("{}: response is not JSON", what);
  }
  return doc;
}

util::Result<void> Client::remove(const ResourceInfo& r, std::string_view ns, std::string_view name, DeleteOptions options)
{
  std::string path = resource_path(r, ns, name);
  if (options.dry_run) {
    path += "?dryRun=All";
  }
  nlohmann::json body = {{"apiVersion", "v1"}, {"kind", "DeleteOptions"}};
  body["propagationPolicy"] = options.propagation == Propagation::foreground ? "Foreground"
                              : options.propagation == Propagation::orphan   ? "Orphan"
                                                                             : "Background";
  if (options.dry_run) {
    body["dryRun"] = {"All"};
  }
  const std::string what = "delete " + describe(r.kind, r.namespaced ? ns : "", name);
  auto resp = request("DELETE", path, body.dump(), "application/json");
  if (!resp) {
    return std::unexpected(prefixed(util::Error{resp.error().message}, what));
  }
  if (resp->status == 404 || resp->ok()) {
    return {};
  }
  return std::unexpected(prefixed(status_error(http::Request{"DELETE", m_options.server + path}, *resp), what));
}

util::Result<ServerVersion> Client::version()
{
  PAVE_TRY_ASSIGN(const nlohmann::json v, get_json("/version"));
  return ServerVersion{v.value("major", ""), v.value("minor", ""), v.value("gitVersion", ""), v.value("platform", "")};
}

util::Result<std::unique_ptr<Client>> connect(const RestConfig& config, ConnectOptions options)
{
  http::CurlOptions curl;
  curl.tls.ca_file = config.cluster.certificate_authority;
  curl.tls.ca_pem = config.cluster.certificate_authority_data;
  curl.tls.insecure = config.cluster.insecure_skip_tls_verify;
  curl.tls.server_name = config.cluster.tls_server_name;
  curl.tls.client_cert_file = config.user.client_certificate;
  curl.tls.client_key_file = config.user.client_key;
  curl.tls.client_cert_pem = config.user.client_certificate_data;
  curl.tls.client_key_pem = config.user.client_key_data;
  curl.proxy = config.cluster.proxy_url;
  curl.timeout = options.timeout;

  ClientOptions co;
  co.server = config.cluster.server;
  co.timeout = options.timeout;
  co.credentials = make_credential_source(config);
  co.make_http = [curl, notify = options.on_http_client](const Credentials& creds)
      -> util::Result<std::shared_ptr<http::HttpClient>> {
    http::CurlOptions o = curl;
    if (!creds.client_cert_pem.empty()) {
      o.tls.client_cert_pem = creds.client_cert_pem;
      o.tls.client_key_pem = creds.client_key_pem;
      o.tls.client_cert_file.clear();
      o.tls.client_key_file.clear();
    }
    PAVE_TRY_ASSIGN(auto client, http::CurlHttpClient::create(std::move(o)));
    std::shared_ptr<http::HttpClient> shared = std::move(client);
    if (notify) {
      notify(shared);
    }
    return shared;
  };
  if (!options.discovery_cache_root.empty()) {
    co.discovery_cache = discovery_cache_dir(options.discovery_cache_root, co.server);
  }
  return std::make_unique<Client>(std::move(co));
}

} // namespace pave::kube
