#pragma once
/// HTTP health probes of a site's endpoints, over the HttpClient interface.
#include <string>
#include <vector>

#include <pave/failover/config.hpp>
#include <pave/http/client.hpp>
#include <pave/util/clock.hpp>

namespace pave::failover {

/// The outcome of one probe.
struct Probe
{
  bool ok = false;
  std::string detail; ///< "200 in 12 ms", "status 503 (want 200)", "body lacks \"ok\"", "timeout after 2 s"
};

/// One probe of `e`: healthy when the response has e.expect_status and its
/// body contains e.expect_body.
Probe probe(http::HttpClient& http, const HealthEndpoint& e);

struct EndpointHealth
{
  std::string url;
  bool healthy = false;
  int probes = 0;   ///< sent
  int failed = 0;   ///< of them, failed
  std::string last; ///< detail of the last probe
};

struct SiteHealth
{
  std::string site;
  bool healthy = false; ///< every endpoint healthy
  std::vector<EndpointHealth> endpoints;

  /// "healthy", or "unhealthy: URL: DETAIL" of the first failing endpoint.
  std::string summary() const;
};

/// Checks every endpoint of `site`. An endpoint is unhealthy only after
/// e.failures consecutive failed probes, e.interval apart; one success ends
/// its check as healthy (a flapping endpoint is not declared down).
SiteHealth check_site(http::HttpClient& http, util::Clock& clock, const Site& site);

/// Probes until every endpoint of `site` answers healthy once, or `timeout`.
/// Returns the last result (healthy or not).
SiteHealth wait_healthy(http::HttpClient& http, util::Clock& clock, const Site& site, std::chrono::milliseconds timeout);

} // namespace pave::failover
