#include <pave/http/retry.hpp>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <random>
#include <string>

#include <spdlog/spdlog.h>

#include <pave/http/redact.hpp>

namespace pave::http {

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now)
{
  while (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  while (!value.empty() && value.back() == ' ') {
    value.remove_suffix(1);
  }
  if (value.empty()) {
    return std::nullopt;
  }
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long seconds = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc{} || p != value.data() + value.size()) {
      return std::nullopt;
    }
    return std::chrono::milliseconds(std::min<long long>(seconds, 86400LL * 365) * 1000);
  }
  // HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms (RFC 9110 5.6.7).
  static constexpr const char* k_formats[] = {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                                              "%a %b %e %H:%M:%S %Y"};
  const std::string text(value);
  for (const char* format : k_formats) {
    std::tm tm{};
    const char* end = ::strptime(text.c_str(), format, &tm);
    if (end == nullptr || *end != '\0') {
      continue;
    }
    const std::time_t t = ::timegm(&tm);
    const auto when = std::chrono::system_clock::from_time_t(t);
    if (when <= now) {
      return std::chrono::milliseconds(0);
    }
    return std::chrono::ceil<std::chrono::milliseconds>(when - now);
  }
  return std::nullopt;
}

bool is_retryable(const Request& req, const Result<Response>& outcome)
{
  if (outcome) {
    switch (outcome->status) {
    case 429: return true;
    case 500:
    case 502:
    case 503:
    case 504: return req.is_idempotent();
    default: return false;
    }
  }
  switch (outcome.error().kind) {
  case FailureKind::timeout:
  case FailureKind::connection: return req.is_idempotent();
  default: return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double random01)
{
  const int shift = std::clamp(retry - 1, 0, 30);
  const auto cap = policy.max_delay.count();
  const auto ceiling = std::min<long long>(cap, policy.base_delay.count() << std::min(shift, 20));
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(ceiling) * random01));
}

namespace {

double thread_random()
{
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

} // namespace

Result<Response> with_retries(const RetryPolicy& policy, util::Clock& clock, const Request& req,
                              const std::function<Result<Response>()>& attempt,
                              const std::function<double()>& random01)
{
  for (int n = 1;; ++n) {
    Result<Response> outcome = attempt();
    if (n >= policy.max_attempts || !is_retryable(req, outcome)) {
      return outcome;
    }
    std::chrono::milliseconds delay = backoff_delay(policy, n, random01 ? random01() : thread_random());
    if (outcome) {
      if (const auto header = outcome->header("Retry-After")) {
        if (const auto after = parse_retry_after(*header, clock.now())) {
          if (*after > policy.max_retry_after) {
            return outcome; // the server asks for longer than we wait
          }
          delay = *after;
        }
      }
    }
    spdlog::debug("http: retry {}/{} of {} {} in {} ms after {}", n, policy.max_attempts - 1, req.method,
                  redact_url(req.url), delay.count(),
                  outcome ? "HTTP " + std::to_string(outcome->status) : std::string(to_string(outcome.error().kind)));
    clock.sleep_for(delay);
  }
}

Result<Response> RetryingHttpClient::send(const Request& req)
{
  return with_retries(m_policy, m_clock, req, [&] { return m_inner.send(req); });
}

} // namespace pave::http
