#include <doctest/doctest.h>

#include <pave/failover/config.hpp>

using namespace pave;
using nlohmann::json;

namespace {

json valid()
{
  return json::parse(R"({
    "rto": "5m", "rpo": "1h",
    "primary": {"kube_context": "a", "namespace": "shop", "deployments": ["web"], "replicas": 3,
                "dns_target": "192.0.2.1", "health": [{"url": "https://a.example.org/healthz", "expect_body": "ok"}]},
    "secondary": {"autoscaling_group": "asg-b", "desired_capacity": 2, "dns_target": "192.0.2.2", "environment": "dr",
                  "health": [{"url": "http://b.example.org/healthz", "failures": 5, "interval": "2s", "timeout": "1s"}]},
    "dns": {"provider": "route53", "zone": "example.org", "record": "app.example.org", "routing": "failover"}
  })");
}

std::string error_of(const json& j)
{
  auto r = failover::parse_config(j, "pave.toml");
  REQUIRE_FALSE(r);
  return r.error().message;
}

} // namespace

TEST_CASE("failover::parse_config")
{
  SUBCASE("a valid table")
  {
    auto c = failover::parse_config(valid(), "pave.toml");
    REQUIRE(c);
    CHECK(c->rto == std::chrono::minutes(5));
    CHECK(c->rpo == std::chrono::hours(1));
    CHECK(c->primary.name == "primary");
    CHECK(c->primary.replicas == 3);
    CHECK(c->primary.health[0].expect_status == 200);
    CHECK(c->primary.health[0].failures == 3);
    CHECK(c->secondary.health[0].failures == 5);
    CHECK(c->secondary.health[0].interval == std::chrono::seconds(2));
    CHECK(c->secondary.has_asg());
    CHECK_FALSE(c->secondary.has_kube());
    CHECK(c->dns.provider == failover::Provider::route53);
    CHECK(c->dns.routing == failover::Routing::failover);
    CHECK(c->dns.record == "app.example.org.");
    CHECK(c->dns.zone == "example.org.");
    CHECK(c->dns.ttl == 60);
    CHECK_FALSE(c->restore_backup);
    CHECK(c->drill_record.empty());
    CHECK(c->secondary.environment == "dr");
    CHECK(c->primary.environment.empty());
  }
  SUBCASE("unknown keys name the table and suggest")
  {
    auto j = valid();
    j["dns"]["recrod"] = "x";
    CHECK(error_of(j) == "pave.toml: [failover.dns] unknown key \"recrod\" (did you mean \"record\"?)");
    j = valid();
    j["primary"]["health"][0]["expect_stauts"] = 200;
    CHECK(error_of(j) ==
          "pave.toml: [failover.primary.health[0]] unknown key \"expect_stauts\" (did you mean \"expect_status\"?)");
    j = valid();
    j["tertiary"] = json::object();
    CHECK(error_of(j) == "pave.toml: [failover] unknown key \"tertiary\"");
  }
  SUBCASE("required keys and types")
  {
    auto j = valid();
    j.erase("secondary");
    CHECK(error_of(j) == "pave.toml: [failover.secondary] is required");
    j = valid();
    j["primary"].erase("dns_target");
    CHECK(error_of(j) == "pave.toml: [failover.primary] dns_target is required");
    j = valid();
    j["primary"]["health"] = json::array();
    CHECK(error_of(j) == "pave.toml: [failover.primary] needs at least one [[failover.primary.health]] endpoint");
    j = valid();
    j["primary"]["health"][0]["url"] = "a.example.org";
    CHECK(error_of(j) ==
          "pave.toml: [failover.primary.health[0]] url must start with http:// or https:// (got \"a.example.org\")");
    j = valid();
    j["primary"]["replicas"] = "3";
    CHECK(error_of(j) == "pave.toml: [failover.primary] replicas must be an integer");
    j = valid();
    j["rto"] = "soon";
    CHECK(error_of(j).starts_with("pave.toml: [failover] rto: "));
    j = valid();
    j["primary"].erase("namespace");
    CHECK(error_of(j) == "pave.toml: [failover.primary] namespace is required with kube_context");
  }
  SUBCASE("DNS provider rules")
  {
    auto j = valid();
    j["dns"]["provider"] = "bind";
    CHECK(error_of(j) == "pave.toml: [failover.dns] provider must be \"powerdns\" or \"route53\" (got \"bind\")");
    j = valid();
    j["dns"]["routing"] = "latency";
    CHECK(error_of(j) ==
          "pave.toml: [failover.dns] routing must be simple, weighted or failover (got \"latency\")");
    j = valid();
    j["dns"]["api_key"] = "k";
    CHECK(error_of(j) == "pave.toml: [failover.dns] api_key applies to provider \"powerdns\" only");
    j = valid();
    j["dns"]["record"] = "app.other.org";
    CHECK(error_of(j) == "pave.toml: [failover.dns] record \"app.other.org.\" is not in zone \"example.org.\"");
    j = valid();
    j["dns"] = {{"provider", "powerdns"}, {"record", "app.example.org"}, {"zone", "example.org"}};
    CHECK(error_of(j) == "pave.toml: [failover.dns] api_url is required");
    j["dns"]["api_url"] = "http://127.0.0.1:8081/";
    auto c = failover::parse_config(j, "pave.toml");
    REQUIRE(c);
    CHECK(c->dns.api_url == "http://127.0.0.1:8081");
    CHECK(c->dns.api_key_env == "PDNS_API_KEY");
    CHECK(c->dns.server_id == "localhost");
    j["dns"]["routing"] = "failover";
    CHECK(error_of(j) == "pave.toml: [failover.dns] routing applies to provider \"route53\" only");
  }
  SUBCASE("sites must differ and the drill record must not be production's")
  {
    auto j = valid();
    j["secondary"]["dns_target"] = "192.0.2.1";
    CHECK(error_of(j) == "pave.toml: [failover] primary and secondary have the same dns_target \"192.0.2.1\"");
    j = valid();
    j["drill"] = {{"record", "app.example.org"}};
    CHECK(error_of(j) ==
          "pave.toml: [failover.drill] record must differ from the production record \"app.example.org.\"");
    j["drill"] = {{"record", "drill.example.org"}};
    auto c = failover::parse_config(j, "pave.toml");
    REQUIRE(c);
    CHECK(c->drill_record == "drill.example.org.");
  }
}

TEST_CASE("failover::environment_table")
{
  auto base = valid();
  base["environments"] = json::parse(R"({"staging": {
      "dns": {"record": "app.staging.example.org"},
      "primary": {"namespace": "shop-staging", "health": [{"url": "http://staging-a/healthz"}]}}})");
  const std::vector<std::string> names = {"prod", "staging"};

  SUBCASE("an environment without an override gets the base table")
  {
    auto t = failover::environment_table(base, "prod", names, "pave.toml");
    REQUIRE(t);
    CHECK_FALSE(t->contains("environments"));
    auto c = failover::parse_config(*t, "pave.toml");
    REQUIRE(c);
    CHECK(c->dns.record == "app.example.org.");
  }
  SUBCASE("an override merges key by key; arrays are replaced")
  {
    auto t = failover::environment_table(base, "staging", names, "pave.toml");
    REQUIRE(t);
    auto c = failover::parse_config(*t, "pave.toml");
    REQUIRE(c);
    CHECK(c->dns.record == "app.staging.example.org.");
    CHECK(c->dns.routing == failover::Routing::failover); // kept from the base
    CHECK(c->primary.namespace_ == "shop-staging");
    CHECK(c->primary.deployments == std::vector<std::string>{"web"});
    REQUIRE(c->primary.health.size() == 1);
    CHECK(c->primary.health[0].url == "http://staging-a/healthz");
    CHECK(c->primary.health[0].expect_body.empty());
  }
  SUBCASE("an override must name an environment")
  {
    base["environments"]["stagign"] = json::object();
    CHECK(failover::environment_table(base, "prod", names, "pave.toml").error().message ==
          "pave.toml: [failover.environments.stagign] names no environment of the project (did you mean \"staging\"?)");
  }
}
