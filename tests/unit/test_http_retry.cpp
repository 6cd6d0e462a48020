#include <doctest/doctest.h>

#include <pave/http/fake_client.hpp>
#include <pave/http/retry.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

namespace {

http::Response status(long code, http::HeaderList headers = {})
{
  auto r = http::FakeHttpClient::json(code, "{}");
  r.headers.insert(r.headers.end(), headers.begin(), headers.end());
  return r;
}

http::Failure failure(http::FailureKind kind)
{
  return http::Failure{kind, "h:1", "failed"};
}

} // namespace

TEST_CASE("http::parse_retry_after")
{
  const auto now = std::chrono::system_clock::from_time_t(1445412480); // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(http::parse_retry_after("120", now) == 120000ms);
  CHECK(http::parse_retry_after(" 0 ", now) == 0ms);
  CHECK(http::parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now) == 30000ms);
  CHECK(http::parse_retry_after("Wednesday, 21-Oct-15 07:29:00 GMT", now) == 60000ms);
  CHECK(http::parse_retry_after("Wed Oct 21 07:28:05 2015", now) == 5000ms);
  CHECK(http::parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now) == 0ms); // in the past
  CHECK_FALSE(http::parse_retry_after("soon", now));
  CHECK_FALSE(http::parse_retry_after("", now));
  CHECK_FALSE(http::parse_retry_after("-5", now));
}

TEST_CASE("http::is_retryable")
{
  http::Request get{"GET", "https://h/x"};
  http::Request post{"POST", "https://h/x"};
  http::Request apply{"PATCH", "https://h/x"};
  apply.idempotent = true;
  CHECK(http::is_retryable(get, status(429)));
  CHECK(http::is_retryable(post, status(429)));
  for (long code : {500L, 502L, 503L, 504L}) {
    CHECK(http::is_retryable(get, status(code)));
    CHECK(http::is_retryable(apply, status(code)));
    CHECK_FALSE(http::is_retryable(post, status(code)));
  }
  for (long code : {200L, 201L, 400L, 401L, 404L, 409L, 501L}) {
    CHECK_FALSE(http::is_retryable(get, status(code)));
  }
  CHECK(http::is_retryable(get, std::unexpected(failure(http::FailureKind::timeout))));
  CHECK(http::is_retryable(get, std::unexpected(failure(http::FailureKind::connection))));
  CHECK_FALSE(http::is_retryable(post, std::unexpected(failure(http::FailureKind::connection))));
  CHECK_FALSE(http::is_retryable(get, std::unexpected(failure(http::FailureKind::tls))));
  CHECK_FALSE(http::is_retryable(get, std::unexpected(failure(http::FailureKind::dns))));
  CHECK_FALSE(http::is_retryable(get, std::unexpected(failure(http::FailureKind::cancelled))));
}

TEST_CASE("http::backoff_delay")
{
  http::RetryPolicy p;
  p.base_delay = 100ms;
  p.max_delay = 1000ms;
  CHECK(http::backoff_delay(p, 1, 0.999) == 99ms);
  CHECK(http::backoff_delay(p, 2, 0.5) == 100ms);
  CHECK(http::backoff_delay(p, 3, 0.5) == 200ms);
  CHECK(http::backoff_delay(p, 5, 0.999) == 999ms); // capped at max_delay
  CHECK(http::backoff_delay(p, 60, 0.5) == 500ms);  // no overflow
  CHECK(http::backoff_delay(p, 3, 0.0) == 0ms);
}

TEST_CASE("http::with_retries")
{
  test::FakeClock clock;
  http::FakeHttpClient fake;
  http::RetryPolicy policy;
  policy.max_attempts = 4;
  policy.base_delay = 100ms;
  http::RetryingHttpClient client(fake, policy, clock);
  const auto half = [] { return 0.5; };

  SUBCASE("retries 503 with backoff until success")
  {
    fake.script("GET", "https://h/a", {status(503), status(503), status(200)});
    http::Request req{"GET", "https://h/a"};
    auto r = http::with_retries(policy, clock, req, [&] { return fake.send(req); }, half);
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(clock.sleeps == std::vector{50ms, 100ms});
  }
  SUBCASE("honours Retry-After in seconds and as a date")
  {
    const std::string date = "Tue, 14 Nov 2023 22:13:40 GMT"; // clock start (1700000000) + 20 s
    fake.script("GET", "https://h/a", {status(429, {{"Retry-After", "3"}}), status(429, {{"retry-after", date}}),
                                       status(200)});
    auto r = client.send(http::Request{"GET", "https://h/a"});
    REQUIRE(r);
    CHECK(r->status == 200);
    REQUIRE(clock.sleeps.size() == 2);
    CHECK(clock.sleeps[0] == 3000ms);
    CHECK(clock.sleeps[1] == 17000ms);
  }
  SUBCASE("gives up after max_attempts and returns the last response")
  {
    fake.script("GET", "https://h/a", {status(500)});
    auto r = client.send(http::Request{"GET", "https://h/a"});
    REQUIRE(r);
    CHECK(r->status == 500);
    CHECK(fake.requests().size() == 4);
    CHECK(clock.sleeps.size() == 3);
  }
  SUBCASE("a Retry-After beyond the limit is not waited for")
  {
    fake.script("GET", "https://h/a", {status(429, {{"Retry-After", "3600"}}), status(200)});
    auto r = client.send(http::Request{"GET", "https://h/a"});
    CHECK(r->status == 429);
    CHECK(clock.sleeps.empty());
  }
  SUBCASE("does not repeat a POST after a 500 or a reset connection")
  {
    fake.script("POST", "https://h/a", {status(500)});
    CHECK(client.send(http::Request{"POST", "https://h/a"})->status == 500);
    fake.script("POST", "https://h/b", {std::unexpected(failure(http::FailureKind::connection))});
    CHECK(client.send(http::Request{"POST", "https://h/b"}).error().kind == http::FailureKind::connection);
    CHECK(fake.requests().size() == 2);
  }
  SUBCASE("retries timeouts of idempotent requests")
  {
    fake.script("PUT", "https://h/a", {std::unexpected(failure(http::FailureKind::timeout)), status(200)});
    CHECK(client.send(http::Request{"PUT", "https://h/a"})->status == 200);
  }
}
