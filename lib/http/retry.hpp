#pragma once
/// Retries with exponential backoff and full jitter (the AWS SDKs' standard
/// mode, client-go's for 429/5xx), honouring Retry-After.
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include <pave/http/client.hpp>
#include <pave/util/clock.hpp>

namespace pave::http {

struct RetryPolicy
{
  int max_attempts = 5;                                        ///< first try included
  std::chrono::milliseconds base_delay{100};                  ///< backoff before retry n: up to base * 2^(n-1) ...
  std::chrono::milliseconds max_delay{std::chrono::seconds(10)}; ///< ... capped here
  std::chrono::milliseconds max_retry_after{std::chrono::seconds(60)}; ///< a longer Retry-After gives up instead
};

/// Seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT", also
/// RFC 850 and asctime forms) relative to `now`; a date in the past is 0.
/// nullopt when `value` is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

/// Whether `outcome` of `req` may be retried: 429 always (the server did not
/// act on it); 500, 502, 503, 504, timeouts and connection failures only
/// for idempotent requests. TLS, DNS, protocol failures and cancellation never.
bool is_retryable(const Request& req, const Result<Response>& outcome);

/// Full jitter: a uniform draw in [0, min(max_delay, base_delay * 2^(retry-1))],
/// `random01` in [0, 1). `retry` counts from 1.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double random01);

/// Runs `attempt` until it gives a non-retryable outcome or the attempts are
/// used up, sleeping on `clock` between tries (the Retry-After of a response,
/// when it has one, instead of the backoff). Returns the last outcome.
/// `random01` defaults to a thread-local generator.
Result<Response> with_retries(const RetryPolicy& policy, util::Clock& clock, const Request& req,
                              const std::function<Result<Response>()>& attempt,
                              const std::function<double()>& random01 = {});

/// HttpClient decorator applying with_retries to every request.
class RetryingHttpClient final : public HttpClient
{
public:
  RetryingHttpClient(HttpClient& inner, RetryPolicy policy, util::Clock& clock = util::system_clock())
      : m_inner(inner), m_policy(policy), m_clock(clock)
  {
  }
  Result<Response> send(const Request& req) override;

private:
  HttpClient& m_inner;
  RetryPolicy m_policy;
  util::Clock& m_clock;
};

} // namespace pave::http
