#pragma once
/// The core every AWS service client shares: endpoint resolution, SigV4
/// signing with the current credentials, the SDKs' standard retry mode, and
/// error parsing. Protocol clients (query.hpp, json_protocol.hpp) and the
/// REST-XML services (s3.hpp, route53.hpp) build requests and call send().
///
/// Retries (standard mode): up to `max_attempts` tries (3; AWS_MAX_ATTEMPTS
/// or the profile's max_attempts), exponential backoff with full jitter
/// (a uniform draw in [0, min(20 s, base * 2^(n-1))], base 1 s), throttling and transient errors as
/// error.hpp classifies them, and a retry quota shared by all requests of
/// the client (500 tokens; a retry costs 5, a timeout 10, a success returns
/// 1), so an outage does not multiply traffic. Every request is retried
/// whatever its method, unless marked not idempotent: pave makes its writes
/// idempotent (PUTs, UPSERTs), and creates that are not (Route 53 zones and
/// health checks) look for their caller reference before trying again.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <pave/cloud/aws/credentials_types.hpp>
#include <pave/cloud/aws/endpoint.hpp>
#include <pave/cloud/aws/error.hpp>
#include <pave/cloud/aws/sigv4.hpp>
#include <pave/http/client.hpp>
#include <pave/util/clock.hpp>

namespace pave::cloud::aws {

struct RetryConfig
{
  int max_attempts = 3;
  std::chrono::milliseconds base_delay{1000};
  std::chrono::milliseconds max_delay{20000};
  int quota = 500; ///< retry tokens; 0 disables the quota
};

struct ClientConfig
{
  std::string region;
  std::string endpoint_url; ///< explicit endpoint (pave.toml); empty: resolved per service
  AwsEnv env;
  Profile profile;
  RetryConfig retry;
  std::chrono::milliseconds timeout{}; ///< per request; zero: the HTTP client's default
};

/// One operation's request, relative to the service endpoint.
struct OperationRequest
{
  std::string operation;  ///< "PutObject", for logs and errors
  std::string method = "GET";
  std::string host_prefix; ///< prepended to the endpoint's host: "bucket." (S3 virtual-hosted style)
  std::string path = "/"; ///< encoded path ("/bucket/key%20name")
  std::string query;      ///< encoded query without '?'
  http::HeaderList headers;
  std::string body;
  bool unsigned_payload = false; ///< S3 only: sign UNSIGNED-PAYLOAD
  bool anonymous = false;        ///< send unsigned (AssumeRoleWithWebIdentity)
  /// False for creates that must not be repeated blindly: after a transient
  /// failure (the request may have been carried out) the error is returned
  /// so that the caller checks for the resource before trying again.
  /// Throttling is still retried (the request was refused, not carried out).
  bool idempotent = true;
  std::chrono::milliseconds timeout{}; ///< zero: the client's
  /// Streams a 2xx response body instead of returning it (http::Request::body_sink).
  std::function<bool(std::uint64_t offset, std::string_view data)> body_sink;
};

class Client
{
public:
  /// `credentials` may be null for a client that only sends anonymous requests.
  Client(http::HttpClient& http, std::shared_ptr<CredentialsProvider> credentials, ClientConfig config,
         util::Clock& clock = util::system_clock());

  /// Sends `op` to `service` with retries; 2xx responses are returned,
  /// anything else becomes an AwsError (after the retries it qualified for).
  /// The body is sent from one buffer for every attempt (never copied).
  AwsResult<http::Response> send(const ServiceInfo& service, OperationRequest op);

  /// The endpoint used for `service`.
  Endpoint endpoint(const ServiceInfo& service) const;

  const ClientConfig& config() const { return m_config; }
  std::shared_ptr<CredentialsProvider> credentials_provider() const { return m_credentials; }
  http::HttpClient& http() { return m_http; }
  util::Clock& clock() { return m_clock; }

  /// Replaces the jitter source (tests): returns values in [0, 1).
  void set_random(std::function<double()> random01) { m_random = std::move(random01); }

  /// Requests sent, retries included (statistics).
  std::uint64_t attempts() const { return m_attempts.load(); }

private:
  AwsResult<http::Response> attempt(const ServiceInfo& service, const Endpoint& ep, const OperationRequest& op,
                                    http::Request& req);
  bool take_quota(int cost);

  http::HttpClient& m_http;
  std::shared_ptr<CredentialsProvider> m_credentials;
  ClientConfig m_config;
  util::Clock& m_clock;
  std::function<double()> m_random;
  std::atomic<int> m_quota;
  std::atomic<std::uint64_t> m_attempts{0};
};

/// RetryConfig from AWS_MAX_ATTEMPTS or the profile's max_attempts (else the defaults).
RetryConfig retry_config(const AwsEnv& env, const Profile& profile);

} // namespace pave::cloud::aws
