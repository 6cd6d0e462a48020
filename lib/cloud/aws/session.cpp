#include <pave/cloud/aws/session.hpp>

#include <pave/http/curl_client.hpp>

namespace pave::cloud::aws {

util::Result<Session> open_session(const SessionOptions& options)
{
  PAVE_TRY_ASSIGN(SharedConfig shared, SharedConfig::load(options.env));
  const Profile profile = shared.profile(profile_name(options.env, options.profile));
  PAVE_TRY_ASSIGN(const std::string region, resolve_region(options.region, options.env, profile));
  http::CurlOptions curl;
  curl.connect_timeout = std::chrono::seconds(5);
  curl.timeout = options.timeout;
  curl.low_speed_time = std::min<std::chrono::seconds>(curl.low_speed_time,
                                                       std::chrono::ceil<std::chrono::seconds>(options.timeout));
  PAVE_TRY_ASSIGN(auto http, http::CurlHttpClient::create(curl));
  Session s;
  s.http = std::move(http);
  ChainOptions chain;
  chain.env = options.env;
  chain.shared = shared;
  chain.explicit_profile = options.profile;
  chain.region = region;
  chain.endpoint_url = options.endpoint_url;
  chain.http = s.http.get();
  s.credentials = default_chain(std::move(chain));
  ClientConfig cfg;
  cfg.region = region;
  cfg.endpoint_url = options.endpoint_url;
  cfg.env = options.env;
  cfg.profile = profile;
  cfg.retry = retry_config(options.env, profile);
  s.client = std::make_unique<Client>(*s.http, s.credentials, std::move(cfg));
  return s;
}

} // namespace pave::cloud::aws
