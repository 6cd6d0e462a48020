#include <doctest/doctest.h>

#include <pave/cloud/aws/sigv4.hpp>

using namespace pave;
using namespace pave::cloud::aws;

namespace {

// The aws-sig-v4-test-suite credentials and time (20150830T123600Z).
const Credentials k_suite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt, "test"};
const auto k_suite_time = std::chrono::system_clock::time_point(std::chrono::seconds(1440938160));

std::string suite_sig(std::string method, std::string url, http::HeaderList headers = {}, std::string body = {},
                      bool s3_rules = false)
{
  http::Request req;
  req.method = std::move(method);
  req.url = std::move(url);
  req.headers = std::move(headers);
  req.body = std::move(body);
  SigningParams p{"service", "us-east-1", k_suite_time, s3_rules, false, false};
  return sign_request(req, k_suite, p).signature;
}

} // namespace

TEST_CASE("aws::sign_request: published SigV4 test-suite vectors")
{
  CHECK(suite_sig("GET", "https://example.amazonaws.com/") ==
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"); // get-vanilla
  CHECK(suite_sig("POST", "https://example.amazonaws.com/") ==
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"); // post-vanilla
  CHECK(suite_sig("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1") ==
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"); // get-vanilla-query-order-key-case
  CHECK(suite_sig("GET", "https://example.amazonaws.com/?Param1=value1") ==
        "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"); // get-vanilla-empty-query-key
  CHECK(suite_sig("GET", "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"); // get-unreserved
  CHECK(suite_sig("GET", "https://example.amazonaws.com/?%E1%88%B4=bar") ==
        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"); // get-vanilla-utf8-query
  CHECK(suite_sig("GET", "https://example.amazonaws.com/example/..") ==
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"); // normalize-path/get-relative
  CHECK(suite_sig("POST", "https://example.amazonaws.com/", {{"Content-Type", "application/x-www-form-urlencoded"}},
                  "Param1=value1") == "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"); // post-x-www-form-urlencoded
}

TEST_CASE("aws::sign_request: S3 documentation examples")
{
  const Credentials creds{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", std::nullopt, "t"};
  const auto time = std::chrono::system_clock::time_point(std::chrono::seconds(1369353600)); // 20130524T000000Z
  SUBCASE("GET with a Range header")
  {
    http::Request req;
    req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
    req.headers = {{"Range", "bytes=0-9"}};
    const auto s = sign_request(req, creds, SigningParams{"s3", "us-east-1", time, true});
    CHECK(s.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    CHECK(s.signed_headers == "host;range;x-amz-content-sha256;x-amz-date");
    CHECK(*http::find_header(req.headers, "Authorization") ==
          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
          "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
          "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }
  SUBCASE("presigned URL")
  {
    http::Request req;
    req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
    const auto s = presign_url(req, creds, SigningParams{"s3", "us-east-1", time, true}, std::chrono::hours(24));
    CHECK(s.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    CHECK(s.url ==
          "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
          "AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires="
          "86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  }
}

TEST_CASE("aws::sign_request: headers pave adds")
{
  http::Request req;
  req.method = "PUT";
  req.url = "http://127.0.0.1:5000/bucket/a%20b/c";
  req.body = "hello";
  req.headers = {{"User-Agent", "pave/1"}, {"Authorization", "stale"}};
  const Credentials creds{"AKID", "secret", "TOKEN", std::nullopt, "t"};
  const auto s = sign_request(req, creds, SigningParams{"s3", "us-east-1", k_suite_time, true});
  CHECK(s.signed_headers == "host;x-amz-content-sha256;x-amz-date;x-amz-security-token"); // no user-agent
  CHECK(*http::find_header(req.headers, "x-amz-content-sha256") ==
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(*http::find_header(req.headers, "X-Amz-Security-Token") == "TOKEN");
  CHECK(s.canonical_request.starts_with("PUT\n/bucket/a%20b/c\n\nhost:127.0.0.1:5000\n")); // S3: encoded once
  int authorizations = 0;
  for (const auto& [k, v] : req.headers) {
    authorizations += http::iequals(k, "Authorization") ? 1 : 0;
  }
  CHECK(authorizations == 1);

  SUBCASE("other services encode path segments twice")
  {
    http::Request r2;
    r2.url = "https://route53.amazonaws.com/2013-04-01/a%20b";
    const auto s2 = sign_request(r2, creds, SigningParams{"route53", "us-east-1", k_suite_time});
    CHECK(s2.canonical_request.starts_with("GET\n/2013-04-01/a%2520b\n"));
  }
  SUBCASE("UNSIGNED-PAYLOAD")
  {
    http::Request r3;
    r3.url = "https://s3.amazonaws.com/b/k";
    r3.body = "x";
    sign_request(r3, creds, SigningParams{"s3", "us-east-1", k_suite_time, true, true});
    CHECK(*http::find_header(r3.headers, "x-amz-content-sha256") == "UNSIGNED-PAYLOAD");
  }
}

TEST_CASE("aws::uri_encode")
{
  CHECK(uri_encode("a b/c~é", false) == "a%20b%2Fc~%C3%A9");
  CHECK(uri_encode("a b/c", true) == "a%20b/c");
  CHECK(uri_decode("a%20b%2fc+") == "a b/c+");
  CHECK(amz_date(k_suite_time) == "20150830T123600Z");
}
