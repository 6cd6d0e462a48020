#include <doctest/doctest.h>

#include <pave/cloud/desired.hpp>
#include <pave/plan/planner.hpp>

using namespace pave;
using nlohmann::json;

namespace {

project::Project project_with(json cloud)
{
  project::Project p;
  p.file = "pave.toml";
  p.name = "shop";
  project::Environment dev;
  dev.name = "dev";
  dev.region = "eu-west-1";
  p.environments["dev"] = dev;
  p.reserved["cloud"] = std::move(cloud);
  return p;
}

const json k_cloud = json::parse(R"({
  "s3_buckets": {"assets": {"name": "shop-{env}", "versioning": true, "encryption": "AES256",
                            "tags": {"team": "web"}, "public_access_block": true,
                            "lifecycle": [{"id": "logs", "prefix": "logs/", "expiration_days": 30}]},
                 "prod-only": {"environments": ["prod"]}},
  "hosted_zones": {"main": {"name": "example.com"}},
  "health_checks": {"web": {"type": "HTTP", "ip_address": "192.0.2.1", "port": 80, "path": "/"}},
  "records": {"www1": {"zone": "example.com", "name": "www.example.com", "type": "A", "values": ["192.0.2.1"],
                       "set_id": "p", "failover": "PRIMARY", "health_check": "web", "ttl": 60}},
  "autoscaling": {"workers": {"group": "workers-asg", "min": 1, "max": 5, "desired": 2}}
})");

} // namespace

TEST_CASE("cloud::desired_objects")
{
  const auto p = project_with(k_cloud);
  const auto objects = cloud::desired_objects(p, p.environments.at("dev"));
  REQUIRE(objects);
  REQUIRE(objects->size() == 5);
  std::vector<std::string> addresses;
  for (const auto& o : *objects) {
    addresses.push_back(o.address);
  }
  CHECK(addresses == std::vector<std::string>{
                         "k8s:aws.pave.dev/v1/AutoScalingGroupCapacity//workers-asg",
                         "k8s:aws.pave.dev/v1/Route53HealthCheck//web",
                         "k8s:aws.pave.dev/v1/Route53HostedZone//example.com.",
                         "k8s:aws.pave.dev/v1/Route53RecordSet//www.example.com.-A-p",
                         "k8s:aws.pave.dev/v1/S3Bucket//shop-dev",
                     });
  const json& bucket = objects->back().object;
  CHECK(bucket["spec"] == json::parse(R"({"region": "eu-west-1", "versioning": true,
      "encryption": {"algorithm": "AES256"}, "tags": {"team": "web"},
      "public_access_block": {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true,
                              "restrict_public_buckets": true},
      "lifecycle": [{"id": "logs", "prefix": "logs/", "enabled": true, "expiration_days": 30}]})"));
  CHECK(bucket["metadata"]["annotations"]["pave.dev/environment"] == "dev");
  CHECK((*objects)[3].object["spec"]["zone"] == "example.com.");
  CHECK(plan::parse_address((*objects)[3].address)->name == "www.example.com.-A-p");
}

TEST_CASE("cloud::check")
{
  json bad = k_cloud;
  bad["records"]["www2"] = {{"zone", "example.com"}, {"name", "www.example.com."}, {"type", "A"},
                            {"values", {"192.0.2.2"}}, {"set_id", "q"}, {"failover", "PRIMARY"}};
  bad["records"]["w3"] = {{"zone", "example.com"}, {"name", "x"}, {"type", "A"}, {"values", {"1"}}, {"weight", 1}};
  bad["s3_buckets"]["assets"]["versionning"] = true;
  bad["health_checks"]["web"]["request_interval"] = 20;
  bad["records"]["www1"]["health_check"] = "nope";
  bad["dns"] = json::object();
  const auto p = project_with(bad);
  util::Diagnostics d;
  cloud::check(bad, p, d);
  std::vector<std::string> got;
  INFO(d.to_string());
  for (const auto& i : d.items()) {
    got.push_back(i.summary + (i.detail.empty() ? "" : " (" + i.detail + ")"));
  }
  CHECK(got == std::vector<std::string>{
                   "unknown section [cloud.dns]",
                   "cloud.health_checks.web: request_interval must be 10 or 30",
                   "cloud.records.w3: weighted records need a set_id",
                   "cloud.records.www1: health_check \"nope\" is not in [cloud.health_checks]",
                   "cloud.records.www2: a second PRIMARY failover record for www.example.com. A (a name and type have "
                   "at most one PRIMARY and one SECONDARY record)",
                   "cloud.s3_buckets.assets: unknown key \"versionning\" (did you mean \"versioning\"?)",
               });
  CHECK(cloud::desired_objects(p, p.environments.at("dev")).error().message == "unknown section [cloud.dns]");
}

TEST_CASE("cloud objects through plan::make_plan")
{
  const auto p = project_with(k_cloud);
  plan::DesiredState desired;
  desired.objects = *cloud::desired_objects(p, p.environments.at("dev"));
  plan::PlanInputs in;
  in.environment = "dev";
  in.desired = &desired;
  // Live as the AWS target refreshes it: every field pave can manage.
  json bucket = desired.objects.back().object;
  bucket["spec"]["versioning"] = false;                                  // drifted
  bucket["spec"]["encryption"]["bucket_key"] = false;                    // not managed: ignored
  bucket["spec"]["lifecycle"][0]["noncurrent_expiration_days"] = 3;       // not managed: ignored
  in.live[desired.objects.back().address] = bucket;
  json zone = desired.objects[2].object;
  zone["spec"]["comment"] = "";
  zone["spec"]["tags"] = json::object();
  in.live[desired.objects[2].address] = zone;
  json asg = desired.objects[0].object;
  in.live[desired.objects[0].address] = asg;
  in.recorded[desired.objects.back().address] = {"", desired.objects.back().object};
  // A bucket recorded, no longer desired, still tagged as pave's: deleted.
  json old = desired.objects.back().object;
  old["metadata"]["name"] = "old-bucket";
  const std::string old_address = "k8s:aws.pave.dev/v1/S3Bucket//old-bucket";
  in.recorded[old_address] = {"", old};
  in.live[old_address] = old;
  // A bucket whose region changes is replaced.
  const auto plan = plan::make_plan(in);
  std::map<std::string, plan::Action> actions;
  for (const auto& c : plan.changes) {
    actions[c.ref.kind + " " + c.ref.name] = c.action;
  }
  CHECK(actions["S3Bucket shop-dev"] == plan::Action::update);
  CHECK(actions["S3Bucket old-bucket"] == plan::Action::remove);
  CHECK(actions["Route53HostedZone example.com."] == plan::Action::noop);
  CHECK(actions["AutoScalingGroupCapacity workers-asg"] == plan::Action::noop);
  CHECK(actions["Route53HealthCheck web"] == plan::Action::create);
  CHECK(actions["Route53RecordSet www.example.com.-A-p"] == plan::Action::create);
  for (const auto& c : plan.changes) {
    if (c.ref.name == "shop-dev") {
      REQUIRE(c.fields.size() == 1);
      CHECK(c.fields[0].path == ".spec.versioning");
      REQUIRE(c.drift.size() == 1);
    }
  }
  // Zones and health checks come before the records that use them; records are deleted first.
  CHECK(plan.changes.front().ref.kind != "Route53RecordSet");

  SUBCASE("a region change forces replacement")
  {
    bucket["spec"]["region"] = "us-east-1";
    in.live[desired.objects.back().address] = bucket;
    const auto p2 = plan::make_plan(in);
    for (const auto& c : p2.changes) {
      if (c.ref.name == "shop-dev") {
        CHECK(c.action == plan::Action::replace);
      }
    }
  }
}
