// Estimates pinned to figures computed by hand from the built-in catalog
// (lib/cost/prices/aws.json, us-east-1 unless said otherwise).
//
// Node-derived rates, default [cost] (node_type m5.large = $0.096/h,
// 2 vCPU, 8 GiB; cpu_to_memory_price_ratio R = 7.46):
//   g = 0.096 / (2 x 7.46 + 8) = 0.096 / 22.92 = 0.0041884817 $/GiB-h
//   c = 7.46 x g                                = 0.0312460733 $/vCPU-h
#include <doctest/doctest.h>

#include <array>
#include <atomic>

#include <pave/cost/diff.hpp>
#include <pave/cost/estimator.hpp>
#include <pave/cost/group.hpp>

using namespace pave;
using nlohmann::json;

namespace {

struct Fixture
{
  cost::CostConfig config;
  cost::Usage usage;
  std::string region = "us-east-1";

  cost::Estimate run(const std::vector<json>& objects)
  {
    const auto rates = util::value_or_throw(cost::make_rates(cost::builtin_catalog(), config, usage, region));
    std::vector<std::string> addresses;
    for (const auto& o : objects) {
      addresses.push_back(o["kind"].get<std::string>() + "/" + o["metadata"]["name"].get<std::string>());
    }
    std::vector<cost::Resource> rs;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      rs.push_back({addresses[i], "web", &objects[i]});
    }
    return util::value_or_throw(cost::estimate(rs, rates, "prod"));
  }
};

json deployment(const std::string& name, int replicas, const std::string& cpu, const std::string& memory)
{
  return json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "", "namespace": "shop", "labels": {"team": "web"}},
    "spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "app", "resources": {"requests": {}}}]}}}})")
    .patch(json::array({{{"op", "replace"}, {"path", "/metadata/name"}, {"value", name}},
                        {{"op", "replace"}, {"path", "/spec/replicas"}, {"value", replicas}},
                        {{"op", "add"},
                         {"path", "/spec/template/spec/containers/0/resources/requests"},
                         {"value", {{"cpu", cpu}, {"memory", memory}}}}}));
}

const cost::LineItem& item(const cost::Estimate& e, std::string_view kind)
{
  for (const auto& i : e.items) {
    if (i.kind == kind) {
      return i;
    }
  }
  FAIL("no item of kind " << kind);
  return e.items.front();
}

} // namespace

TEST_CASE("cost::make_rates")
{
  Fixture f;
  const auto r = util::value_or_throw(cost::make_rates(cost::builtin_catalog(), f.config, f.usage, "us-east-1"));
  CHECK(r.gib_hourly == doctest::Approx(0.0041884817));
  CHECK(r.vcpu_hourly == doctest::Approx(0.0312460733));
  // The node is priced exactly: 2 c + 8 g = 0.096.
  CHECK(2 * r.vcpu_hourly + 8 * r.gib_hourly == doctest::Approx(0.096));
  SUBCASE("unknown node type")
  {
    f.config.node_type = "m5.larg";
    const auto bad = cost::make_rates(cost::builtin_catalog(), f.config, f.usage, "us-east-1");
    REQUIRE(!bad);
    CHECK(bad.error().message == "unknown instance type \"m5.larg\" (did you mean \"m5.large\"?)");
  }
  SUBCASE("unknown region")
  {
    const auto bad = cost::make_rates(cost::builtin_catalog(), f.config, f.usage, "mars-1");
    REQUIRE(!bad);
    CHECK(bad.error().message.starts_with("no prices for region \"mars-1\" in the catalog (regions: "));
  }
}

TEST_CASE("cost::estimate: workloads from requests x replicas")
{
  Fixture f;
  SUBCASE("Deployment")
  {
    // 2 replicas x 730 h x (0.5 vCPU x c + 1 GiB x g)
    //   = 730 x (0.0312460733 + 2 x 0.0041884817) = 730 x 0.0396230367 = $28.92
    const auto e = f.run({deployment("api", 2, "500m", "1Gi")});
    REQUIRE(e.items.size() == 1);
    CHECK(cost::round_cents(e.monthly) == 28.92);
    CHECK(cost::round_cents(e.monthly_max) == 28.92);
    CHECK(e.items[0].detail == "2 replicas; 0.5 vCPU, 1 GiB a pod");
    CHECK(e.items[0].tags.at("team") == "web");
  }
  SUBCASE("HPA min/max as a range")
  {
    // min 2: $28.92 as above; max 10: 5 x 28.9248 = $144.62
    const json hpa = json::parse(R"({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
      "metadata": {"name": "api", "namespace": "shop"},
      "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
               "minReplicas": 2, "maxReplicas": 10}})");
    const auto e = f.run({deployment("api", 1, "500m", "1Gi"), hpa});
    REQUIRE(e.items.size() == 1);
    CHECK(e.unpriced == 1);
    CHECK(cost::round_cents(e.items[0].monthly) == 28.92);
    CHECK(cost::round_cents(e.items[0].monthly_max) == 144.62);
    CHECK(e.items[0].detail.starts_with("HPA 2-10 replicas"));

    // A source that tells kinds apart from its text (a state file) has only
    // its HPAs read first: every workload is then priced once, with the same
    // result.
    class TextSource final : public cost::ObjectSource
    {
    public:
      explicit TextSource(std::vector<std::string> texts) : m_texts(std::move(texts)) {}
      std::size_t size() const override { return m_texts.size(); }
      util::Result<cost::Object> read(std::size_t i, simdjson::dom::parser& parser) const override
      {
        ++reads[i];
        cost::Value v;
        if (parser.parse(m_texts[i]).get(v) != simdjson::SUCCESS) {
          return util::fail("resource {} is not JSON", i);
        }
        return cost::Object{"r", "web", v};
      }
      bool may_be_kind(std::size_t i, std::string_view kind) const override
      {
        ++searches;
        return m_texts[i].find(kind) != std::string::npos;
      }
      std::optional<cost::ResourceType> type_of(std::size_t i) const override
      {
        if (kinds.empty()) {
          return std::nullopt;
        }
        return cost::ResourceType{"apps/v1", kinds[i]};
      }
      mutable std::array<std::atomic<int>, 2> reads{}; ///< by resource
      mutable std::atomic<int> searches{0};             ///< may_be_kind() calls
      std::vector<std::string> kinds; ///< what type_of() tells, when not empty

    private:
      std::vector<std::string> m_texts;
    };
    const auto rates = util::value_or_throw(cost::make_rates(cost::builtin_catalog(), f.config, f.usage, f.region));
    TextSource source({deployment("api", 1, "500m", "1Gi").dump(), hpa.dump()});
    const auto filtered = util::value_or_throw(cost::estimate(source, rates, "prod"));
    CHECK(source.reads[0] == 1); // the Deployment once, not again
    CHECK(source.reads[1] == 2); // the HPA first, then with the rest
    REQUIRE(filtered.items.size() == 1);
    CHECK(filtered.unpriced == 1);
    CHECK(filtered.items[0].monthly == e.items[0].monthly);
    CHECK(filtered.items[0].monthly_max == e.items[0].monthly_max);
    CHECK(filtered.items[0].detail == e.items[0].detail);
    // A source that tells each resource's kind without decoding it: the HPA,
    // which costs nothing by itself, is read for the index only.
    TextSource typed({deployment("api", 1, "500m", "1Gi").dump(), hpa.dump()});
    typed.kinds = {"Deployment", "HorizontalPodAutoscaler"};
    const auto skipped = util::value_or_throw(cost::estimate(typed, rates, "prod"));
    CHECK(typed.reads[0] == 1);
    CHECK(typed.reads[1] == 1);
    CHECK(typed.searches == 0); // the kinds are known: no text is searched for the HPAs
    CHECK(source.searches == 2);
    REQUIRE(skipped.items.size() == 1);
    CHECK(skipped.unpriced == 1);
    CHECK(skipped.items[0].monthly_max == e.items[0].monthly_max);
  }
  SUBCASE("StatefulSet with a volume claim template on a mapped storage class")
  {
    // compute: 3 x 730 x (0.25 c + 0.5 g) = 2190 x 0.0099057 = $21.69
    // storage: 3 x 10 GiB x io2 $0.125 = $3.75            total $25.44
    f.config.storage_classes["fast"] = "io2";
    const json sts = json::parse(R"({"apiVersion": "apps/v1", "kind": "StatefulSet",
      "metadata": {"name": "db", "namespace": "shop"},
      "spec": {"replicas": 3, "template": {"spec": {"containers": [
                 {"name": "db", "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}]}},
               "volumeClaimTemplates": [{"metadata": {"name": "data"},
                 "spec": {"storageClassName": "fast", "resources": {"requests": {"storage": "10Gi"}}}}]}})");
    const auto e = f.run({sts});
    CHECK(cost::round_cents(e.monthly) == 25.44);
    CHECK(item(e, "StatefulSet").components.size() == 3);
    CHECK(item(e, "StatefulSet").components[2].name == "Storage (io2)");
    CHECK(cost::round_cents(item(e, "StatefulSet").components[2].monthly) == 3.75);
  }
  SUBCASE("DaemonSet on [cost] nodes, CronJob from its schedule")
  {
    // DaemonSet: 3 nodes x 730 h x 0.1 vCPU x c = 219 x 0.0312460733 = $6.84
    // CronJob */30: 48 runs a day x 365 / 12 = 1460 runs x 10 min = 243.33 h x 1 vCPU x c = $7.60
    const json ds = json::parse(R"({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent"},
      "spec": {"template": {"spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "100m"}}}]}}}})");
    const json cj = json::parse(R"({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "sync"},
      "spec": {"schedule": "*/30 * * * *", "jobTemplate": {"spec": {"template": {"spec": {"containers": [
        {"name": "s", "resources": {"requests": {"cpu": "1"}}}]}}}}}})");
    const auto e = f.run({ds, cj});
    CHECK(cost::round_cents(item(e, "DaemonSet").monthly) == 6.84);
    CHECK(cost::round_cents(item(e, "CronJob").monthly) == 7.60);
  }
  SUBCASE("PVC defaults to gp3; limits stand in for missing requests; init containers")
  {
    // PVC: 100 GiB x gp3 $0.08 = $8.00
    // Pod: max(sum containers 0.2 vCPU, init 1 vCPU) = 1 vCPU x 730 x c = $22.81
    const json pvc = json::parse(R"({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
      "metadata": {"name": "data", "namespace": "shop"}, "spec": {"resources": {"requests": {"storage": "100Gi"}}}})");
    const json pod = json::parse(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
      "spec": {"containers": [{"name": "a", "resources": {"limits": {"cpu": "200m"}}}],
               "initContainers": [{"name": "i", "resources": {"requests": {"cpu": "1"}}}]}})");
    const auto e = f.run({pvc, pod});
    CHECK(cost::round_cents(item(e, "PersistentVolumeClaim").monthly) == 8.00);
    CHECK(item(e, "PersistentVolumeClaim").detail == "100Gi gp3");
    CHECK(cost::round_cents(item(e, "Pod").monthly) == 22.81);
  }
  SUBCASE("eu-west-1 node prices")
  {
    // m5.large eu-west-1 $0.107: g = 0.107 / 22.92; 1 vCPU + 2 GiB for 730 h:
    //   730 x 0.107 x (7.46 + 2) / 22.92 = $32.24
    f.region = "eu-west-1";
    CHECK(cost::round_cents(f.run({deployment("api", 1, "1", "2Gi")}).monthly) == 32.24);
  }
  SUBCASE("a bad quantity names the object")
  {
    const auto rates = util::value_or_throw(cost::make_rates(cost::builtin_catalog(), f.config, f.usage, "us-east-1"));
    const json bad = deployment("api", 1, "12x", "1Gi");
    const auto r = cost::estimate({{"a", "web", &bad}}, rates, "prod");
    REQUIRE(!r);
    CHECK(r.error().message == "Deployment shop/api: container app: cpu: \"12x\" is not a Kubernetes quantity");
  }
}

TEST_CASE("cost::kind_may_cost: the kinds price_kubernetes prices")
{
  for (const std::string_view kind : {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "DaemonSet",
                                      "Pod", "Job", "CronJob", "PersistentVolumeClaim", "Service", "Ingress"}) {
    CHECK_MESSAGE(cost::kind_may_cost(kind), kind);
  }
  // Free kinds, even shaped like a workload with requests: nothing is priced.
  Fixture f;
  for (const std::string kind : {"ConfigMap", "Secret", "HorizontalPodAutoscaler", "ServiceAccount", "Namespace",
                                 "PodTemplate", "deployment"}) {
    CHECK_FALSE(cost::kind_may_cost(kind));
    json o = deployment("x", 3, "1", "1Gi");
    o["kind"] = kind;
    const auto e = f.run({o});
    CHECK_MESSAGE(e.items.empty(), kind);
    CHECK(e.unpriced == 1);
  }
}

TEST_CASE("cost::estimate: cloud resources with usage")
{
  Fixture f;
  f.usage = util::value_or_throw(cost::parse_usage(R"(
version: 0.1
resource_usage:
  S3Bucket/assets:
    storage_gb: 1000
    monthly_put_requests: 1000000
    monthly_get_requests: 10000000
  Route53HostedZone/*:
    monthly_queries: 5000000
  AutoScalingGroupCapacity/workers:
    instance_type: m5.xlarge
)", "usage.yml"));
  const auto cloud = [](const char* kind, const char* name, json spec) {
    return json{{"apiVersion", "aws.pave.dev/v1"}, {"kind", kind}, {"metadata", {{"name", name}}}, {"spec", spec}};
  };
  const std::vector<json> objects{
    cloud("S3Bucket", "assets", {{"tags", {{"team", "web"}}}}),
    cloud("Route53HostedZone", "example.com.", json::object()),
    cloud("Route53HealthCheck", "web", {{"type", "HTTPS"}}),
    cloud("Route53RecordSet", "www.example.com.-A", json::object()),
    cloud("AutoScalingGroupCapacity", "workers", {{"min", 2}, {"max", 6}, {"desired", 3}}),
  };
  SUBCASE("list prices")
  {
    const auto e = f.run(objects);
    // S3: 1000 GB x 0.023 + 1000 x 0.005 + 10000 x 0.0004 = 23 + 5 + 4 = $32.00
    CHECK(cost::round_cents(item(e, "S3Bucket").monthly) == 32.00);
    CHECK(item(e, "S3Bucket").tags.at("team") == "web");
    // zone $0.50 + 5 M queries x $0.40 = $2.50
    CHECK(cost::round_cents(item(e, "Route53HostedZone").monthly) == 2.50);
    // non-AWS endpoint $0.75 + HTTPS feature $2.00 = $2.75
    CHECK(cost::round_cents(item(e, "Route53HealthCheck").monthly) == 2.75);
    // 3 x 730 h x m5.xlarge $0.192 = $420.48; max 6 = $840.96
    CHECK(cost::round_cents(item(e, "AutoScalingGroupCapacity").monthly) == 420.48);
    CHECK(cost::round_cents(item(e, "AutoScalingGroupCapacity").monthly_max) == 840.96);
    CHECK(e.unpriced == 1); // the record set
    CHECK(cost::round_cents(e.monthly) == 457.73);
  }
  SUBCASE("discount, savings plan and spot share")
  {
    // compute factor: (0.5 x (1 - 0.2) + 0.5 x (1 - 0.7)) x (1 - 0.1) = 0.55 x 0.9 = 0.495
    //   ASG: 420.48 x 0.495 = $208.14; S3: 32 x 0.9 = $28.80
    f.config.discount = 0.1;
    f.config.savings_plan = 0.2;
    f.config.spot_share = 0.5;
    f.config.spot_discount = 0.7;
    const auto e = f.run(objects);
    CHECK(cost::round_cents(item(e, "AutoScalingGroupCapacity").monthly) == 208.14);
    CHECK(cost::round_cents(item(e, "S3Bucket").monthly) == 28.80);
  }
  SUBCASE("EKS cluster")
  {
    // 730 h x $0.10 = $73.00
    f.config.eks_cluster = true;
    const auto e = f.run({});
    CHECK(cost::round_cents(item(e, "EksCluster").monthly) == 73.00);
  }
}

TEST_CASE("cost::group_totals and cost::diff")
{
  Fixture f;
  json a = deployment("api", 2, "500m", "1Gi");
  json b = deployment("worker", 1, "1", "0");
  b["metadata"]["namespace"] = "jobs";
  const auto e = f.run({a, b});
  const auto by_ns = cost::group_totals({e}, "namespace");
  REQUIRE(by_ns.size() == 2);
  CHECK(by_ns[0].key == "shop");  // $28.92
  CHECK(by_ns[1].key == "jobs");  // 730 x c = $22.81
  CHECK(cost::round_cents(by_ns[1].monthly) == 22.81);
  CHECK(cost::group_totals({e}, "tag:team")[0].key == "web");
  CHECK(cost::group_totals({e}, "tag:missing")[0].key == "(none)");
  CHECK(!cost::check_group_by("nmespace"));
  CHECK(cost::check_group_by("nmespace").error().message ==
        "--group-by: \"nmespace\" is not one of environment, app, namespace, kind, tag:KEY (did you mean \"namespace\"?)");

  // Scaling api from 2 to 4 replicas adds $28.92; deleting worker saves $22.81.
  const auto after = f.run({deployment("api", 4, "500m", "1Gi")});
  const auto d = cost::diff(e, after, {{"Deployment/api", "update"}, {"Deployment/worker", "delete"}});
  REQUIRE(d.lines.size() == 2);
  CHECK(d.lines[0].address == "Deployment/api");
  CHECK(cost::round_cents(d.lines[0].delta()) == 28.92);
  CHECK(d.lines[1].action == "delete");
  CHECK(cost::round_cents(d.lines[1].delta()) == -22.81);
  CHECK(cost::round_cents(d.delta()) == 6.12);
}
