#include <pave/failover/powerdns.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pave::failover {

namespace {

/// The message of a PowerDNS error response ({"error": "..."} or plain text).
std::string error_text(const http::Response& r)
{
  try {
    const auto j = nlohmann::json::parse(r.body);
    if (j.is_object() && j.contains("error") && j["error"].is_string()) {
      return j["error"].get<std::string>();
    }
  } catch (const nlohmann::json::exception&) {
  }
  std::string t = r.body.substr(0, 200);
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) {
    t.pop_back();
  }
  return t;
}

} // namespace

std::string powerdns_patch_body(const std::string& name, const std::string& type, long ttl, const std::string& value)
{
  const std::string content = type == "CNAME" ? fqdn(value) : value;
  nlohmann::json rr = {{"name", name},
                       {"type", type},
                       {"ttl", ttl},
                       {"changetype", "REPLACE"},
                       {"records", nlohmann::json::array({{{"content", content}, {"disabled", false}}})}};
  return nlohmann::json{{"rrsets", nlohmann::json::array({rr})}}.dump();
}

PowerDns::PowerDns(http::HttpClient& http, DnsConfig config, std::string api_key)
  : m_http(http), m_config(std::move(config)), m_api_key(std::move(api_key))
{
}

std::string PowerDns::describe() const
{
  return fmt::format("PowerDNS {} zone {}", m_config.api_url, m_config.zone);
}

std::string PowerDns::zone_url() const
{
  return fmt::format("{}/api/v1/servers/{}/zones/{}", m_config.api_url, http::url_encode(m_config.server_id),
                     http::url_encode(m_config.zone));
}

util::Result<http::Response> PowerDns::send(const std::string& method, const std::string& url, const std::string& body)
{
  http::Request req;
  req.method = method;
  req.url = url;
  req.body = body;
  req.timeout = std::chrono::seconds(15);
  req.headers = {{"X-API-Key", m_api_key}, {"Accept", "application/json"}, {"User-Agent", "pave-failover"}};
  if (!body.empty()) {
    req.headers.emplace_back("Content-Type", "application/json");
  }
  auto r = m_http.send(req);
  if (!r) {
    return util::fail("PowerDNS API {} unreachable: {}", m_config.api_url, r.error().message);
  }
  if (r->status == 401 || r->status == 403) {
    util::Error e{fmt::format("PowerDNS API {} refused the API key (HTTP {}): {}", m_config.api_url, r->status,
                              error_text(*r))};
    e.detail = fmt::format("set [failover.dns] api_key or the {} environment variable to the server's api-key",
                           m_config.api_key_env);
    return std::unexpected(std::move(e));
  }
  if (r->status == 404 || (r->status == 422 && method == "GET")) {
    return util::fail("PowerDNS {}: zone {} not found on server {} (HTTP {}: {})", m_config.api_url, m_config.zone,
                      m_config.server_id, r->status, error_text(*r));
  }
  if (!r->ok()) {
    return util::fail("PowerDNS {} {}: HTTP {}: {}", method, url, r->status, error_text(*r));
  }
  return std::move(*r);
}

util::Result<void> PowerDns::check_access()
{
  PAVE_TRY(send("GET", zone_url() + "?rrsets=false", ""));
  return {};
}

util::Result<std::vector<std::string>> PowerDns::answer(const std::string& record)
{
  PAVE_TRY_ASSIGN(auto r, send("GET", zone_url(), ""));
  std::vector<std::string> values;
  try {
    const auto zone = nlohmann::json::parse(r.body);
    for (const auto& rr : zone.at("rrsets")) {
      if (rr.value("name", "") == record && rr.value("type", "") == m_config.type) {
        for (const auto& rec : rr.at("records")) {
          if (!rec.value("disabled", false)) {
            values.push_back(rec.value("content", ""));
          }
        }
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return util::fail("PowerDNS {}: unexpected zone document: {}", m_config.api_url, e.what());
  }
  return values;
}

DnsRequest PowerDns::switch_request(const std::string& record, const std::string& active, const std::string&) const
{
  return {"PATCH", zone_url(), powerdns_patch_body(record, m_config.type, m_config.ttl, active),
          fmt::format("{} {} -> {}", record, m_config.type, active)};
}

util::Result<std::string> PowerDns::apply(const DnsRequest& req)
{
  PAVE_TRY(send(req.method, req.url, req.body));
  return std::string();
}

util::Result<void> PowerDns::wait(const std::string&, std::chrono::milliseconds)
{
  return {}; // a PATCH is in the database (and the caches purged) when it returns
}

} // namespace pave::failover
