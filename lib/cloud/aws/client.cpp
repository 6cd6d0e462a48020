#include <pave/cloud/aws/client.hpp>

#include <algorithm>
#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace pave::cloud::aws {

namespace {

double thread_random()
{
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

} // namespace

RetryConfig retry_config(const AwsEnv& env, const Profile& profile)
{
  RetryConfig r;
  auto v = env.get("AWS_MAX_ATTEMPTS");
  if (!v) {
    v = profile.get("max_attempts");
  }
  if (v) {
    try {
      r.max_attempts = std::clamp(std::stoi(*v), 1, 20);
    } catch (const std::exception&) {
      spdlog::warn("aws: ignoring max_attempts \"{}\" (not a number)", *v);
    }
  }
  return r;
}

Client::Client(http::HttpClient& http, std::shared_ptr<CredentialsProvider> credentials, ClientConfig config,
               util::Clock& clock)
    : m_http(http), m_credentials(std::move(credentials)), m_config(std::move(config)), m_clock(clock),
      m_random(thread_random), m_quota(m_config.retry.quota)
{
}

Endpoint Client::endpoint(const ServiceInfo& service) const
{
  return resolve_endpoint(service, m_config.region, m_config.endpoint_url, m_config.env, m_config.profile);
}

bool Client::take_quota(int cost)
{
  if (m_config.retry.quota <= 0) {
    return true;
  }
  int have = m_quota.load();
  while (have >= cost) {
    if (m_quota.compare_exchange_weak(have, have - cost)) {
      return true;
    }
  }
  return false;
}

AwsResult<http::Response> Client::attempt(const ServiceInfo& service, const Endpoint& ep, const OperationRequest& op,
                                          http::Request& req)
{
  req.headers = op.headers; // signing adds to them afresh on every attempt
  AwsError base;
  base.service = std::string(service.signing_name);
  base.operation = op.operation;
  base.endpoint = ep.url;
  if (!op.anonymous) {
    if (!m_credentials) {
      base.code = "NoCredentials";
      base.message = "no AWS credentials";
      return std::unexpected(base);
    }
    auto creds = m_credentials->credentials();
    if (!creds) {
      base.code = "NoCredentials";
      base.message = creds.error().message;
      return std::unexpected(base);
    }
    SigningParams params;
    params.service = std::string(service.signing_name);
    params.region = ep.signing_region;
    params.time = m_clock.now();
    params.s3_rules = service.signing_name == "s3";
    params.unsigned_payload = op.unsigned_payload;
    sign_request(req, *creds, params);
  }
  m_attempts.fetch_add(1, std::memory_order_relaxed);
  auto resp = m_http.send(req);
  if (!resp) {
    AwsError e = base;
    e.network = resp.error().kind;
    e.code = std::string(http::to_string(resp.error().kind));
    e.message = resp.error().message;
    return std::unexpected(std::move(e));
  }
  if (resp->ok()) {
    return std::move(*resp);
  }
  AwsError e = parse_error(*resp);
  e.service = base.service;
  e.operation = base.operation;
  e.endpoint = base.endpoint;
  return std::unexpected(std::move(e));
}

AwsResult<http::Response> Client::send(const ServiceInfo& service, OperationRequest op)
{
  if (m_config.region.empty() && service.global_region.empty()) {
    AwsError e;
    e.service = std::string(service.signing_name);
    e.operation = op.operation;
    e.code = "NoRegion";
    e.message = "no AWS region configured";
    return std::unexpected(e);
  }
  const Endpoint ep = endpoint(service);
  http::Request req;
  req.method = op.method;
  req.url = ep.url;
  if (!op.host_prefix.empty()) {
    const auto scheme = req.url.find("://");
    req.url.insert(scheme == std::string::npos ? 0 : scheme + 3, op.host_prefix);
  }
  req.url += op.path + (op.query.empty() ? "" : "?" + op.query);
  req.body = std::move(op.body);
  req.body_sink = std::move(op.body_sink);
  req.timeout = op.timeout.count() > 0 ? op.timeout : m_config.timeout;
  req.idempotent = true; // see the header: pave's AWS writes are idempotent
  bool refreshed = false;
  for (int n = 1;; ++n) {
    auto outcome = attempt(service, ep, op, req);
    if (outcome) {
      if (m_config.retry.quota > 0) {
        m_quota.store(std::min(m_config.retry.quota, m_quota.load() + 1));
      }
      return outcome;
    }
    const AwsError& e = outcome.error();
    const RetryClass cls = classify(e);
    if (cls == RetryClass::expired_credentials) {
      if (refreshed || !m_credentials) {
        return outcome;
      }
      refreshed = true;
      m_credentials->invalidate();
      continue;
    }
    if (cls == RetryClass::none || n >= m_config.retry.max_attempts ||
        (cls == RetryClass::transient && !op.idempotent)) {
      return outcome;
    }
    const int cost = e.network && *e.network == http::FailureKind::timeout ? 10 : 5;
    if (!take_quota(cost)) {
      spdlog::debug("aws: retry quota exhausted; not retrying {} {}", e.service, e.operation);
      return outcome;
    }
    const auto ceiling = std::min<long long>(m_config.retry.max_delay.count(),
                                             m_config.retry.base_delay.count() << std::min(n - 1, 20));
    const auto delay = std::chrono::milliseconds(static_cast<long long>(static_cast<double>(ceiling) * m_random()));
    spdlog::debug("aws: retry {}/{} of {} {} in {} ms after {}", n, m_config.retry.max_attempts - 1, e.service,
                  e.operation, delay.count(), e.describe());
    m_clock.sleep_for(delay);
  }
}

} // namespace pave::cloud::aws
