#include <doctest/doctest.h>

#include <pave/http/failure.hpp>
#include <pave/http/fake_client.hpp>
#include <pave/http/redact.hpp>
#include <pave/http/request.hpp>

using namespace pave;

TEST_CASE("http::Response::header is case-insensitive")
{
  http::Response r;
  r.headers = {{"Content-Type", "application/json"}, {"retry-after", "5"}};
  CHECK(r.header("content-type") == "application/json");
  CHECK(r.header("Retry-After") == "5");
  CHECK_FALSE(r.header("ETag"));
}

TEST_CASE("http::url_host")
{
  CHECK(http::url_host("https://127.0.0.1:6443/api/v1?x=1") == "127.0.0.1:6443");
  CHECK(http::url_host("https://user:pw@example.com/") == "example.com");
  CHECK(http::url_host("http://[::1]:8080") == "[::1]:8080");
}

TEST_CASE("http::url_encode")
{
  CHECK(http::url_encode("app=web,tier in (a,b)") == "app%3Dweb%2Ctier%20in%20%28a%2Cb%29");
  CHECK(http::url_encode("a-b_c.d~e") == "a-b_c.d~e");
}

TEST_CASE("http::Request::is_idempotent")
{
  CHECK(http::Request{"GET"}.is_idempotent());
  CHECK(http::Request{"DELETE"}.is_idempotent());
  CHECK_FALSE(http::Request{"POST"}.is_idempotent());
  CHECK_FALSE(http::Request{"PATCH"}.is_idempotent());
  http::Request apply{"PATCH"};
  apply.idempotent = true;
  CHECK(apply.is_idempotent());
}

TEST_CASE("http::redact_header")
{
  CHECK(http::redact_header("Authorization", "Bearer abc.def") == "Bearer <redacted>");
  CHECK(http::redact_header("authorization", "AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=ff") ==
        "AWS4-HMAC-SHA256 <redacted>");
  CHECK(http::redact_header("Authorization", "opaque") == "<redacted>");
  CHECK(http::redact_header("X-Amz-Security-Token", "FwoG") == "<redacted>");
  CHECK(http::redact_header("Cookie", "a=b") == "<redacted>");
  CHECK(http::redact_header("Content-Type", "application/json") == "application/json");
  CHECK(http::redact_header("User-Agent", "pave/0.1.0") == "pave/0.1.0");
}

TEST_CASE("http::redact_url")
{
  CHECK(http::redact_url("https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc") ==
        "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4&X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>");
  CHECK(http::redact_url("https://u:secret@h:1/p?token=t&limit=500#f") == "https://<redacted>@h:1/p?token=<redacted>&limit=500#f");
  CHECK(http::redact_url("https://h/api/v1/namespaces") == "https://h/api/v1/namespaces");
}

TEST_CASE("http::status_failure")
{
  http::Request req{"GET", "https://10.0.0.1:6443/api"};
  auto resp = http::FakeHttpClient::json(503, "overloaded\nmore");
  const auto f = http::status_failure(req, resp);
  CHECK(f.kind == http::FailureKind::http_status);
  CHECK(f.status == 503);
  CHECK(f.message == "10.0.0.1:6443: HTTP 503 Service Unavailable: overloaded");
  CHECK(util::Error(f).message == f.message);
  CHECK(http::require_success(req, resp).error().status == 503);
  CHECK(http::require_success(req, http::FakeHttpClient::json(200, "{}")));
}

TEST_CASE("http::FakeHttpClient")
{
  http::FakeHttpClient fake;
  fake.on("GET", "https://h/api/*", [](const http::Request& r) { return http::FakeHttpClient::json(200, r.url); });
  fake.on("*", "https://h/api/v1", [](const http::Request&) { return http::FakeHttpClient::json(201, "exact"); });
  CHECK(fake.send({"GET", "https://h/api/v1"})->body == "exact");
  CHECK(fake.send({"GET", "https://h/api/v2"})->body == "https://h/api/v2");
  CHECK(fake.send({"POST", "https://h/apis"})->status == 404);
  CHECK(fake.requests().size() == 3);
}
