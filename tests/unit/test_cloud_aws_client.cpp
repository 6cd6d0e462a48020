#include <doctest/doctest.h>

#include <pave/cloud/aws/client.hpp>
#include <pave/cloud/aws/route53.hpp>
#include <pave/cloud/aws/s3_transfer.hpp>
#include <pave/http/fake_client.hpp>
#include <pave/util/sha256.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace pave::cloud::aws;

namespace {

http::Response resp(long status, std::string body, http::HeaderList headers = {})
{
  return http::Response{status, std::move(headers), std::move(body), "1.1"};
}

struct Fixture
{
  test::FakeClock clock;
  http::FakeHttpClient http;
  std::unique_ptr<Client> client;
  Fixture()
  {
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint_url = "http://aws.test";
    client = std::make_unique<Client>(http, std::make_shared<StaticCredentials>(Credentials{"AKID", "s"}), cfg, clock);
    client->set_random([] { return 0.5; });
  }
};

} // namespace

TEST_CASE("aws::parse_error")
{
  const auto s3 = parse_error(resp(404, "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The key\n"
                                        "does not exist</Message><RequestId>R1</RequestId></Error>"));
  CHECK(s3.code == "NoSuchKey");
  CHECK(s3.message == "The key does not exist");
  CHECK(s3.request_id == "R1");
  const auto query = parse_error(resp(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                                           "<Message>Rate exceeded</Message></Error></ErrorResponse>"));
  CHECK(query.code == "Throttling");
  const auto ec2 = parse_error(resp(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>m"
                                         "</Message></Error></Errors></Response>"));
  CHECK(ec2.code == "RequestLimitExceeded");
  const auto json = parse_error(resp(400, R"({"__type":"com.amazonaws.ce#LimitExceededException","message":"slow"})"));
  CHECK(json.code == "LimitExceededException");
  CHECK(json.message == "slow");
  CHECK(parse_error(resp(412, "")).code == "PreconditionFailed");
  CHECK(parse_error(resp(404, "")).code == "NotFound");
}

TEST_CASE("aws::classify")
{
  const auto cls = [](long status, std::string code) {
    AwsError e;
    e.status = status;
    e.code = std::move(code);
    return classify(e);
  };
  CHECK(cls(503, "SlowDown") == RetryClass::throttling);
  CHECK(cls(400, "ThrottlingException") == RetryClass::throttling);
  CHECK(cls(400, "RequestLimitExceeded") == RetryClass::throttling);
  CHECK(cls(429, "HTTP429") == RetryClass::throttling);
  CHECK(cls(500, "InternalError") == RetryClass::transient);
  CHECK(cls(502, "HTTP502") == RetryClass::transient);
  CHECK(cls(400, "RequestTimeout") == RetryClass::transient);
  CHECK(cls(400, "ExpiredToken") == RetryClass::expired_credentials);
  CHECK(cls(403, "SignatureDoesNotMatch") == RetryClass::none);
  CHECK(cls(404, "NoSuchBucket") == RetryClass::none);
  AwsError net;
  net.network = http::FailureKind::connection;
  CHECK(classify(net) == RetryClass::transient);
  net.network = http::FailureKind::tls;
  CHECK(classify(net) == RetryClass::none);
}

TEST_CASE("aws::Client: standard-mode retries")
{
  Fixture f;
  OperationRequest op;
  op.operation = "PutObject";
  op.method = "PUT";
  op.path = "/b/k";
  op.body = "data";
  SUBCASE("throttling then success: backoff with full jitter, same body every time")
  {
    f.http.script("PUT", "http://aws.test/b/k",
                  {resp(503, "<Error><Code>SlowDown</Code></Error>"), resp(500, "<Error><Code>InternalError</Code></Error>"),
                   resp(200, "")});
    const auto r = f.client->send(k_s3, op);
    CHECK(r);
    REQUIRE(f.clock.sleeps.size() == 2);
    CHECK(f.clock.sleeps[0] == std::chrono::milliseconds(500));  // 0.5 * 1 s
    CHECK(f.clock.sleeps[1] == std::chrono::milliseconds(1000)); // 0.5 * 2 s
    for (const auto& req : f.http.requests()) {
      CHECK(req.body == "data");
    }
  }
  SUBCASE("three attempts at most, then the service's error")
  {
    f.http.script("PUT", "http://aws.test/b/k", {resp(503, "<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>")});
    const auto r = f.client->send(k_s3, op);
    REQUIRE_FALSE(r);
    CHECK(f.http.requests().size() == 3);
    CHECK(r.error().describe() == "s3 PutObject: ServiceUnavailable: busy");
  }
  SUBCASE("no retry for client errors")
  {
    f.http.script("PUT", "http://aws.test/b/k", {resp(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message></Error>")});
    CHECK(f.client->send(k_s3, op).error().code == "SignatureDoesNotMatch");
    CHECK(f.http.requests().size() == 1);
  }
  SUBCASE("connection failures are retried; an unreachable endpoint is named")
  {
    f.http.script("PUT", "http://aws.test/b/k",
                  {std::unexpected(http::Failure{http::FailureKind::connection, "aws.test", "connection failed to aws.test: refused"})});
    const auto r = f.client->send(k_s3, op);
    CHECK(f.http.requests().size() == 3);
    CHECK(r.error().describe() ==
          "cannot reach AWS endpoint http://aws.test (s3 PutObject): connection failed to aws.test: refused");
  }
}

TEST_CASE("route53 request bodies follow the API reference element order")
{
  using namespace pave::cloud::aws::route53;
  HostedZone z;
  z.name = "example.com.";
  z.comment = "shop";
  z.caller_reference = "ref-1";
  CHECK(create_hosted_zone_body(z) ==
        "<?xml version=\"1.0\"?><CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        "<Name>example.com.</Name><CallerReference>ref-1</CallerReference><HostedZoneConfig><Comment>shop</Comment>"
        "<PrivateZone>false</PrivateZone></HostedZoneConfig></CreateHostedZoneRequest>");
  RecordSet r;
  r.name = "www.example.com.";
  r.type = "A";
  r.set_identifier = "primary";
  r.failover = "PRIMARY";
  r.ttl = 60;
  r.values = {"192.0.2.1"};
  r.health_check_id = "hc-1";
  CHECK(change_batch_body({{"UPSERT", r}}) ==
        "<?xml version=\"1.0\"?><ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        "<ChangeBatch><Changes><Change><Action>UPSERT</Action><ResourceRecordSet><Name>www.example.com.</Name>"
        "<Type>A</Type><SetIdentifier>primary</SetIdentifier><Failover>PRIMARY</Failover><TTL>60</TTL>"
        "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>"
        "<HealthCheckId>hc-1</HealthCheckId></ResourceRecordSet></Change></Changes></ChangeBatch>"
        "</ChangeResourceRecordSetsRequest>");
  RecordSet w;
  w.name = "api.example.com.";
  w.type = "CNAME";
  w.set_identifier = "blue";
  w.weight = 10;
  w.ttl = 30;
  w.values = {"blue.example.com"};
  CHECK(change_batch_body({{"DELETE", w}}).find("<SetIdentifier>blue</SetIdentifier><Weight>10</Weight><TTL>30</TTL>") !=
        std::string::npos);
  HealthCheckConfig hc;
  hc.ip_address = "192.0.2.10";
  hc.port = 443;
  hc.type = "HTTPS";
  hc.resource_path = "/healthz";
  hc.fqdn = "www.example.com";
  hc.request_interval = 30;
  hc.failure_threshold = 3;
  CHECK(create_health_check_body("ref-2", hc) ==
        "<?xml version=\"1.0\"?><CreateHealthCheckRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        "<CallerReference>ref-2</CallerReference><HealthCheckConfig><IPAddress>192.0.2.10</IPAddress><Port>443</Port>"
        "<Type>HTTPS</Type><ResourcePath>/healthz</ResourcePath><FullyQualifiedDomainName>www.example.com"
        "</FullyQualifiedDomainName><RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold>"
        "</HealthCheckConfig></CreateHealthCheckRequest>");
  CHECK(update_health_check_body(hc) ==
        "<?xml version=\"1.0\"?><UpdateHealthCheckRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        "<IPAddress>192.0.2.10</IPAddress><Port>443</Port><ResourcePath>/healthz</ResourcePath>"
        "<FullyQualifiedDomainName>www.example.com</FullyQualifiedDomainName><FailureThreshold>3</FailureThreshold>"
        "</UpdateHealthCheckRequest>");
  CHECK(change_tags_body("healthcheck", "x", {{"Name", "web"}}, {"old"}) ==
        "<?xml version=\"1.0\"?><ChangeTagsForResourceRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        "<AddTags><Tag><Key>Name</Key><Value>web</Value></Tag></AddTags><RemoveTagKeys><Key>old</Key></RemoveTagKeys>"
        "</ChangeTagsForResourceRequest>");
  CHECK(strip_id_prefix("/hostedzone/Z123") == "Z123");
}

TEST_CASE("s3::plan_parts")
{
  using cloud::aws::s3::plan_parts;
  const std::uint64_t mib = 1ull << 20;
  auto p = plan_parts(20'000'000, 8 * mib);
  REQUIRE(p.size() == 3);
  CHECK(p[0].first == 0);
  CHECK(p[0].second == 8 * mib);
  CHECK(p[2].first == 16 * mib);
  CHECK(p[2].second == 20'000'000 - 16 * mib);
  CHECK(plan_parts(0, 8 * mib).size() == 1);
  CHECK(plan_parts(100 * mib, 1 * mib)[0].second == 5 * mib); // S3's 5 MiB minimum
  const auto huge = plan_parts(200ull << 30, 8 * mib);          // 200 GiB: at most 10,000 parts
  CHECK(huge.size() <= 10000);
}

TEST_CASE("s3::download_range_size")
{
  using cloud::aws::s3::download_range_size;
  const std::uint64_t mib = 1ull << 20;
  cloud::aws::s3::TransferOptions o; // 8 MiB parts, 8 workers
  CHECK(download_range_size(256 * mib, o) == 32 * mib);      // one range per worker
  CHECK(download_range_size(10 * mib, o) == 8 * mib);        // never below part_size
  CHECK(download_range_size(100 * mib + 1, o) == 13 * mib);  // 12.5 MiB and a byte, up to whole MiB
  CHECK(download_range_size(10ull << 30, o) == 64 * mib);    // 10 GiB: capped, a failed range costs 64 MiB
  o.concurrency = 0;                                          // treated as one worker
  CHECK(download_range_size(40 * mib, o) == 40 * mib);
}

TEST_CASE("s3::download_file streams ranges to disk, pinned to the ETag")
{
  Fixture f;
  test::TestContext ctx;
  std::string object(20 * (1u << 20) + 123, '\0');
  for (std::size_t i = 0; i < object.size(); ++i) {
    object[i] = static_cast<char>((i * 7919) >> 3);
  }
  bool short_body = false;
  f.http.on("HEAD", "http://aws.test/b/big", [&](const http::Request&) -> http::Result<http::Response> {
    return resp(200, "", {{"Content-Length", std::to_string(object.size())}, {"ETag", "\"e1\""}});
  });
  f.http.on("GET", "http://aws.test/b/big", [&](const http::Request& req) -> http::Result<http::Response> {
    const auto range = std::string(http::find_header(req.headers, "Range").value_or(""));
    CHECK(http::find_header(req.headers, "If-Match").value_or("") == "\"e1\"");
    unsigned long long first = 0, last = 0;
    REQUIRE(std::sscanf(range.c_str(), "bytes=%llu-%llu", &first, &last) == 2);
    auto body = object.substr(first, last - first + 1);
    if (short_body) {
      body.resize(body.size() / 2);
    }
    return resp(206, std::move(body));
  });
  cloud::aws::s3::S3 s3(*f.client);
  cloud::aws::s3::TransferOptions o;
  o.concurrency = 2;
  SUBCASE("the file is byte-identical, one range per worker")
  {
    const auto r = cloud::aws::s3::download_file(s3, "b", "big", "out.bin", o);
    REQUIRE(r);
    CHECK(r->bytes == object.size());
    CHECK(r->parts == 2); // 20 MiB over 2 workers: two 11 MiB ranges
    CHECK(test::read_file("out.bin") == object);
  }
  SUBCASE("a short range fails the download and leaves no file")
  {
    short_body = true;
    const auto r = cloud::aws::s3::download_file(s3, "b", "big", "out.bin", o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "IncompleteBody");
    CHECK_FALSE(std::filesystem::exists("out.bin"));
    CHECK_FALSE(std::filesystem::exists("out.bin.pave-part"));
  }
}

TEST_CASE("s3::S3::upload_part signs the payload over HTTP, not over HTTPS")
{
  for (const std::string scheme : {"http", "https"}) {
    CAPTURE(scheme);
    test::FakeClock clock;
    http::FakeHttpClient fake;
    ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpoint_url = scheme + "://aws.test";
    Client client(fake, std::make_shared<StaticCredentials>(Credentials{"AKID", "s"}), cfg, clock);
    fake.on("PUT", scheme + "://aws.test/b/k*", [](const http::Request&) -> http::Result<http::Response> {
      return resp(200, "", {{"ETag", "\"p1\""}});
    });
    cloud::aws::s3::S3 s3(client);
    REQUIRE(s3.upload_part("b", "k", "u1", 1, "part body").value() == "\"p1\"");
    const auto sent = fake.requests().back();
    CHECK(http::find_header(sent.headers, "x-amz-content-sha256").value_or("") ==
          (scheme == "https" ? "UNSIGNED-PAYLOAD" : util::sha256_hex("part body")));
  }
}
