#include <doctest/doctest.h>

#include <pave/failover/dns_query.hpp>

using namespace pave;

TEST_CASE("failover::query_dns")
{
  SUBCASE("the server must be IPv4[:PORT]")
  {
    CHECK(failover::query_dns("ns1.example.org", "a.example.org", "A").error().message ==
          "nameserver \"ns1.example.org\": expected an IPv4 address, optionally with :PORT");
    CHECK(failover::query_dns("127.0.0.1:0", "a.example.org", "A").error().message ==
          "nameserver \"127.0.0.1:0\": the port must be 1 to 65535");
    CHECK(failover::query_dns("127.0.0.1:http", "a.example.org", "A").error().message ==
          "nameserver \"127.0.0.1:http\": the port must be 1 to 65535");
    CHECK(failover::query_dns("127.0.0.1", "a.example.org", "MX").error().message == "DNS query: unsupported type MX");
  }
  SUBCASE("nobody listening is an error, not an empty answer")
  {
    // Port 9 (discard) on loopback: refused at once (ICMP port unreachable) on a test machine.
    auto r = failover::query_dns("127.0.0.1:9", "a.example.org", "A");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.starts_with("DNS query to 127.0.0.1:9 for a.example.org A: "));
  }
}
