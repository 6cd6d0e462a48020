#include <pave/failover/health.hpp>

#include <fmt/format.h>

namespace pave::failover {

Probe probe(http::HttpClient& http, const HealthEndpoint& e)
{
  http::Request req;
  req.method = "GET";
  req.url = e.url;
  req.timeout = e.timeout;
  req.headers = {{"User-Agent", "pave-failover"}};
  const auto start = std::chrono::steady_clock::now();
  auto r = http.send(req);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (!r) {
    return {false, r.error().message};
  }
  if (r->status != e.expect_status) {
    return {false, fmt::format("status {} (want {})", r->status, e.expect_status)};
  }
  if (!e.expect_body.empty() && r->body.find(e.expect_body) == std::string::npos) {
    return {false, fmt::format("status {} but the body lacks \"{}\"", r->status, e.expect_body)};
  }
  return {true, fmt::format("{} in {} ms", r->status, ms.count())};
}

std::string SiteHealth::summary() const
{
  if (healthy) {
    return "healthy";
  }
  for (const auto& e : endpoints) {
    if (!e.healthy) {
      return fmt::format("unhealthy: {}: {}", e.url, e.last);
    }
  }
  return "unhealthy";
}

SiteHealth check_site(http::HttpClient& http, util::Clock& clock, const Site& site)
{
  SiteHealth h;
  h.site = site.name;
  h.healthy = true;
  for (const auto& e : site.health) {
    EndpointHealth eh;
    eh.url = e.url;
    for (int i = 0; i < e.failures; ++i) {
      if (i > 0) {
        clock.sleep_for(e.interval);
      }
      const Probe p = probe(http, e);
      ++eh.probes;
      eh.last = p.detail;
      if (p.ok) {
        eh.healthy = true;
        break;
      }
      ++eh.failed;
    }
    h.healthy = h.healthy && eh.healthy;
    h.endpoints.push_back(std::move(eh));
  }
  return h;
}

SiteHealth wait_healthy(http::HttpClient& http, util::Clock& clock, const Site& site, std::chrono::milliseconds timeout)
{
  const auto deadline = clock.now() + timeout;
  for (;;) {
    SiteHealth h;
    h.site = site.name;
    h.healthy = true;
    for (const auto& e : site.health) {
      const Probe p = probe(http, e);
      h.endpoints.push_back({e.url, p.ok, 1, p.ok ? 0 : 1, p.detail});
      h.healthy = h.healthy && p.ok;
    }
    if (h.healthy || clock.now() >= deadline) {
      return h;
    }
    clock.sleep_for(std::min<std::chrono::milliseconds>(site.health.front().interval, std::chrono::seconds(1)));
  }
}

} // namespace pave::failover
