#include <pave/failover/dns_provider.hpp>

#include <cstdlib>

#include <fmt/format.h>

#include <pave/failover/powerdns.hpp>
#include <pave/failover/route53_dns.hpp>
#include <pave/http/curl_client.hpp>

namespace pave::failover {

namespace {

/// PowerDNS with its own libcurl client.
class OwnedPowerDns : public PowerDns
{
public:
  OwnedPowerDns(std::unique_ptr<http::HttpClient> http, DnsConfig config, std::string key)
    : PowerDns(*http, std::move(config), std::move(key)), m_http(std::move(http))
  {
  }

private:
  std::unique_ptr<http::HttpClient> m_http;
};

} // namespace

util::Result<std::unique_ptr<DnsProvider>> open_provider(const DnsConfig& config)
{
  if (config.provider == Provider::powerdns) {
    std::string key = config.api_key;
    if (key.empty() && !config.api_key_env.empty()) {
      if (const char* v = std::getenv(config.api_key_env.c_str())) {
        key = v;
      }
    }
    if (key.empty()) {
      util::Error e{"no PowerDNS API key: [failover.dns] api_key is not set and " +
                    (config.api_key_env.empty() ? std::string("api_key_env is empty")
                                                : fmt::format("${} is not set", config.api_key_env))};
      e.detail = "the key is the api-key of the PowerDNS server's configuration";
      return std::unexpected(std::move(e));
    }
    http::CurlOptions o;
    o.connect_timeout = std::chrono::seconds(5);
    o.timeout = std::chrono::seconds(30);
    PAVE_TRY_ASSIGN(auto http, http::CurlHttpClient::create(o));
    return std::unique_ptr<DnsProvider>(std::make_unique<OwnedPowerDns>(std::move(http), config, std::move(key)));
  }
  cloud::aws::SessionOptions so;
  so.region = config.region.empty() ? "us-east-1" : config.region;
  so.profile = config.aws_profile;
  so.endpoint_url = config.endpoint_url;
  so.timeout = std::chrono::seconds(30);
  PAVE_TRY_ASSIGN(auto session, cloud::aws::open_session(so));
  return std::unique_ptr<DnsProvider>(std::make_unique<OwnedRoute53Dns>(std::move(session), config));
}

} // namespace pave::failover
