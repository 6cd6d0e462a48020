// The DNS providers' requests: the Route 53 change batch XML (element order
// of the API reference) and the PowerDNS PATCH body, and PowerDNS's errors.
#include <doctest/doctest.h>

#include <pave/cloud/aws/route53.hpp>
#include <pave/failover/powerdns.hpp>
#include <pave/failover/route53_dns.hpp>
#include <pave/http/fake_client.hpp>

using namespace pave;

namespace {

failover::DnsConfig route53(failover::Routing routing)
{
  failover::DnsConfig c;
  c.provider = failover::Provider::route53;
  c.routing = routing;
  c.ttl = 30;
  return c;
}

const std::string k_head = R"(<?xml version="1.0"?>)"
                           R"(<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">)"
                           "<ChangeBatch><Changes>";
const std::string k_tail = "</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";

std::string body(const failover::DnsConfig& c, const std::string& active_site, const std::string& active,
                 const std::string& standby)
{
  auto s = cloud::aws::route53::change_batch_body(
    failover::route53_switch_changes(c, "app.example.org.", active_site, active, standby));
  s.erase(std::remove(s.begin(), s.end(), '\n'), s.end());
  return s;
}

} // namespace

TEST_CASE("failover::route53_switch_changes")
{
  SUBCASE("simple: one UPSERT")
  {
    CHECK(body(route53(failover::Routing::simple), "secondary", "192.0.2.2", "192.0.2.1") ==
          k_head +
            "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.org.</Name><Type>A</Type><TTL>30</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>"
            "</ResourceRecordSet></Change>" +
            k_tail);
  }
  SUBCASE("failover: one PRIMARY (the new active site) and one SECONDARY, in one batch")
  {
    const auto changes = failover::route53_switch_changes(route53(failover::Routing::failover), "app.example.org.",
                                                          "secondary", "192.0.2.2", "192.0.2.1");
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].second.failover == "PRIMARY");
    CHECK(changes[1].second.failover == "SECONDARY");
    CHECK(body(route53(failover::Routing::failover), "secondary", "192.0.2.2", "192.0.2.1") ==
          k_head +
            "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.org.</Name><Type>A</Type>"
            "<SetIdentifier>primary</SetIdentifier><Failover>PRIMARY</Failover><TTL>30</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>"
            "</ResourceRecordSet></Change>"
            "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.org.</Name><Type>A</Type>"
            "<SetIdentifier>secondary</SetIdentifier><Failover>SECONDARY</Failover><TTL>30</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>"
            "</ResourceRecordSet></Change>" +
            k_tail);
  }
  SUBCASE("weighted: the active site's record gets the weight, the standby's 0 (Weight before TTL)")
  {
    auto c = route53(failover::Routing::weighted);
    c.weight = 100;
    CHECK(body(c, "secondary", "192.0.2.2", "192.0.2.1") ==
          k_head +
            "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.org.</Name><Type>A</Type>"
            "<SetIdentifier>secondary</SetIdentifier><Weight>100</Weight><TTL>30</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>"
            "</ResourceRecordSet></Change>"
            "<Change><Action>UPSERT</Action><ResourceRecordSet><Name>app.example.org.</Name><Type>A</Type>"
            "<SetIdentifier>primary</SetIdentifier><Weight>0</Weight><TTL>30</TTL>"
            "<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>"
            "</ResourceRecordSet></Change>" +
            k_tail);
  }
  SUBCASE("the zone's own set identifiers are kept (failover: by role; weighted: by site)")
  {
    const failover::SetIdentifiers ids{"eu", "us"};
    auto changes = failover::route53_switch_changes(route53(failover::Routing::failover), "app.example.org.",
                                                    "secondary", "192.0.2.2", "192.0.2.1", ids);
    CHECK(changes[0].second.set_identifier == "eu");
    CHECK(changes[0].second.failover == "PRIMARY");
    CHECK(changes[1].second.set_identifier == "us");
    changes = failover::route53_switch_changes(route53(failover::Routing::weighted), "app.example.org.", "secondary",
                                               "192.0.2.2", "192.0.2.1", ids);
    CHECK(changes[0].second.set_identifier == "us"); // the secondary site's record, now weighted
    CHECK(changes[0].second.values == std::vector<std::string>{"192.0.2.2"});
    CHECK(changes[1].second.set_identifier == "eu");
    CHECK(changes[1].second.weight == 0);
  }
  SUBCASE("CNAME values are fully qualified")
  {
    auto c = route53(failover::Routing::simple);
    c.type = "CNAME";
    const auto changes = failover::route53_switch_changes(c, "app.example.org.", "secondary", "b.example.net", "a");
    CHECK(changes[0].second.values == std::vector<std::string>{"b.example.net."});
  }
}

TEST_CASE("failover::powerdns_patch_body")
{
  CHECK(failover::powerdns_patch_body("app.example.org.", "A", 60, "192.0.2.2") ==
        R"({"rrsets":[{"changetype":"REPLACE","name":"app.example.org.","records":[{"content":"192.0.2.2","disabled":false}],"ttl":60,"type":"A"}]})");
  CHECK(failover::powerdns_patch_body("app.example.org.", "CNAME", 30, "b.example.net") ==
        R"({"rrsets":[{"changetype":"REPLACE","name":"app.example.org.","records":[{"content":"b.example.net.","disabled":false}],"ttl":30,"type":"CNAME"}]})");
}

TEST_CASE("failover::PowerDns")
{
  failover::DnsConfig c;
  c.api_url = "http://pdns:8081";
  c.zone = "example.org.";
  c.record = "app.example.org.";
  http::FakeHttpClient fake;
  const std::string zone = "http://pdns:8081/api/v1/servers/localhost/zones/example.org.";
  failover::PowerDns p(fake, c, "secret");

  SUBCASE("the switch request")
  {
    const auto req = p.switch_request("app.example.org.", "192.0.2.2", "192.0.2.1");
    CHECK(req.method == "PATCH");
    CHECK(req.url == zone);
    CHECK(req.body == failover::powerdns_patch_body("app.example.org.", "A", 60, "192.0.2.2"));
    fake.on("PATCH", zone, [](const http::Request&) { return http::Result<http::Response>(http::Response{204, {}, "", "1.1"}); });
    REQUIRE(p.apply(req));
    const auto sent = fake.requests();
    REQUIRE(sent.size() == 1);
    CHECK(http::find_header(sent[0].headers, "X-API-Key") == "secret");
    CHECK(http::find_header(sent[0].headers, "Content-Type") == "application/json");
    CHECK(sent[0].body == req.body);
  }
  SUBCASE("the answer of the API")
  {
    fake.on("GET", zone, [](const http::Request&) {
      return http::Result<http::Response>(http::FakeHttpClient::json(
        200, R"({"rrsets":[{"name":"app.example.org.","type":"A","records":[{"content":"192.0.2.1","disabled":false},)"
             R"({"content":"192.0.2.9","disabled":true}]},{"name":"x.example.org.","type":"A","records":[{"content":"1.1.1.1"}]}]})"));
    });
    auto a = p.answer("app.example.org.");
    REQUIRE(a);
    CHECK(*a == std::vector<std::string>{"192.0.2.1"});
  }
  SUBCASE("errors")
  {
    fake.on("GET", zone + "*", [](const http::Request&) {
      return http::Result<http::Response>(http::Response{401, {}, "Unauthorized", "1.1"});
    });
    auto r = p.check_access();
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "PowerDNS API http://pdns:8081 refused the API key (HTTP 401): Unauthorized");
    fake.on("GET", zone + "*", [](const http::Request&) {
      return http::Result<http::Response>(http::FakeHttpClient::json(404, R"({"error": "Not Found"})"));
    });
    r = p.check_access();
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "PowerDNS http://pdns:8081: zone example.org. not found on server localhost (HTTP 404: Not Found)");
  }
}
