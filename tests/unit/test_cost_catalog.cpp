#include <doctest/doctest.h>

#include <pave/cost/catalog.hpp>
#include <pave/cost/config.hpp>
#include <pave/cost/cron.hpp>
#include <pave/cost/quantity.hpp>
#include <pave/cost/refresh.hpp>
#include <pave/cost/report.hpp>

using namespace pave;
using nlohmann::json;

TEST_CASE("cost::builtin_catalog")
{
  const auto& c = cost::builtin_catalog();
  CHECK(c.effective_date == "2024-06-01");
  CHECK(c.source.starts_with("AWS Price List"));
  CHECK(c.hours_per_month == 730);
  for (const char* region : {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"}) {
    CAPTURE(region);
    REQUIRE(c.regions.contains(region));
    for (const char* type : {"t3.medium", "m5.large", "m6i.xlarge", "m7i.2xlarge", "c5.large", "c6i.4xlarge",
                             "r5.large", "r6i.8xlarge"}) {
      CHECK(c.instance_hourly(region, type).has_value());
    }
    CHECK(c.regions.at(region).ebs.contains("gp3"));
    CHECK(c.regions.at(region).ebs.contains("io2"));
  }
  CHECK(c.instance_hourly("us-east-1", "m5.large").value() == 0.096);
  CHECK(c.instance_hourly("us-east-1", "t3.micro").value() == 0.0104);
  CHECK(c.instance_hourly("eu-west-1", "c6i.large").value() == 0.096);
  CHECK(c.instance("r5.large")->memory_gib == 16);
  CHECK(c.regions.at("us-east-1").ebs.at("gp3").gb_month == 0.08);
  CHECK(c.regions.at("us-east-1").s3_standard_gb_month == 0.023);
  CHECK(c.regions.at("us-east-1").eks_cluster_hourly == 0.10);
  CHECK(c.route53.hosted_zone_month == 0.50);
  // catalog_to_json round-trips.
  const auto again = cost::parse_catalog(cost::catalog_to_json(c), "again");
  REQUIRE(again);
  CHECK(again->regions.at("eu-central-1").ec2 == c.regions.at("eu-central-1").ec2);
  CHECK(again->regions.at("eu-central-1").ebs.at("gp3").included_iops == 3000);
}

TEST_CASE("cost::parse_catalog errors")
{
  json j = json::parse(cost::catalog_to_json(cost::builtin_catalog()));
  const auto error = [](const json& x) { return cost::parse_catalog(x.dump(), "c.json").error().message; };
  CHECK(cost::parse_catalog("{", "c.json").error().message == "c.json: not a JSON object");
  json v = j;
  v["format_version"] = 2;
  CHECK(error(v) == "c.json: format_version 2 is not supported (1)");
  v = j;
  v["regions"]["us-east-1"]["ec2"]["m5.large"] = -1;
  CHECK(error(v) == "c.json: regions.us-east-1.ec2.m5.large: expected a non-negative number");
  v = j;
  v["regions"]["us-east-1"]["s3"]["standard_gb_mnth"] = 1;
  CHECK(error(v) == "c.json: regions.us-east-1.s3.standard_gb_mnth: unknown key (did you mean \"standard_gb_month\"?)");
  v = j;
  v["regions"]["us-east-1"]["ec2"]["x9.huge"] = 1;
  CHECK(error(v) == "c.json: regions.us-east-1.ec2.x9.huge: not in instance_types");
  v = j;
  v.erase("source");
  CHECK(error(v) == "c.json: source: expected a string");
}

TEST_CASE("cost::parse_cost_config")
{
  const auto parse = [](const char* text) { return cost::parse_cost_config(json::parse(text), "pave.toml"); };
  const auto c = parse(R"({"node_type": "c6i.large", "spot_share": 0.5, "budgets": {"prod": 100},
                           "storage_classes": {"fast": "io2"}, "eks_cluster": true})");
  REQUIRE(c);
  CHECK(c->node_type == "c6i.large");
  CHECK(c->budgets.at("prod") == 100);
  CHECK(c->storage_classes.at("fast") == "io2");
  CHECK(cost::compute_factor(*c) == doctest::Approx(0.5 + 0.5 * 0.3));
  CHECK(parse(R"({"nodetype": "x"})").error().message ==
        "pave.toml: [cost] unknown key \"nodetype\" (did you mean \"node_type\"?)");
  CHECK(parse(R"({"spot_share": 2})").error().message == "pave.toml: [cost] spot_share: must be a number between 0 and 1");
  CHECK(parse(R"({"storage_classes": {"fast": "io1"}})").error().message ==
        "pave.toml: [cost] storage_classes.fast: \"io1\" is not an EBS volume type (gp3, gp2, io2) (did you mean \"io2\"?)");
  CHECK(parse(R"({"budgets": {"prod": "lots"}})").error().message ==
        "pave.toml: [cost] budgets.prod: must be a non-negative number");
  CHECK(cost::parse_cost_config(json(), "pave.toml")->node_type == "m5.large");
}

TEST_CASE("cost::parse_quantity")
{
  CHECK(cost::parse_quantity("500m").value() == doctest::Approx(0.5));
  CHECK(cost::parse_quantity("2").value() == 2);
  CHECK(cost::parse_quantity(1.5).value() == 1.5);
  CHECK(cost::parse_quantity("1k").value() == 1000);
  CHECK(cost::parse_quantity("1e3").value() == 1000);
  CHECK(cost::parse_gib("512Mi").value() == 0.5);
  CHECK(cost::parse_gib("1Gi").value() == 1);
  CHECK(cost::parse_gib("1G").value() == doctest::Approx(0.931322575));
  CHECK(cost::parse_quantity("12x").error().message == "\"12x\" is not a Kubernetes quantity");
  CHECK(!cost::parse_quantity("-1"));
  CHECK(!cost::parse_quantity("Mi"));
  simdjson::dom::parser parser;
  CHECK(cost::parse_quantity(parser.parse(std::string_view("[]")).value_unsafe()).error().message ==
        "[] is not a Kubernetes quantity");
}

TEST_CASE("cost::runs_per_month")
{
  CHECK(cost::runs_per_month("*/15 * * * *").value() == doctest::Approx(2920));     // 96 a day x 365 / 12
  CHECK(cost::runs_per_month("0 2 * * *").value() == doctest::Approx(365.0 / 12));
  CHECK(cost::runs_per_month("@monthly").value() == doctest::Approx(1));
  CHECK(cost::runs_per_month("0 9 * * mon-fri").value() == doctest::Approx(260.0 / 12)); // 2023: 260 weekdays
  CHECK(cost::runs_per_month("0 0 1 jan *").value() == doctest::Approx(1.0 / 12));
  CHECK(cost::runs_per_month("CRON_TZ=UTC 0 * * * *").value() == doctest::Approx(730));
  CHECK(cost::runs_per_month("* * *").error().message == "\"* * *\" is not a cron schedule");
  CHECK(!cost::runs_per_month("61 * * * *"));
  CHECK(!cost::runs_per_month("*/0 * * * *"));
}

TEST_CASE("cost::money")
{
  CHECK(cost::money(1234.5) == "$1,234.50");
  CHECK(cost::money(0) == "$0.00");
  CHECK(cost::money(-3.2) == "-$3.20");
  CHECK(cost::money(1234567.891) == "$1,234,567.89");
  CHECK(cost::signed_money(12) == "+$12.00");
  CHECK(cost::signed_money(-0.001) == "$0.00");
}

TEST_CASE("cost::apply_products")
{
  cost::Catalog c = cost::builtin_catalog();
  cloud::aws::pricing::Product m5;
  m5.product_family = "Compute Instance";
  m5.attributes = {{"instanceType", "m5.large"}, {"operatingSystem", "Linux"}, {"tenancy", "Shared"},
                   {"preInstalledSw", "NA"}, {"capacitystatus", "Used"}, {"vcpu", "2"}, {"memory", "8 GiB"}};
  m5.on_demand_usd["Hrs"] = 0.1;
  auto m5n = m5;
  m5n.attributes["instanceType"] = "m5.metal";
  m5n.attributes["vcpu"] = "96";
  m5n.attributes["memory"] = "384 GiB";
  auto windows = m5;
  windows.attributes["operatingSystem"] = "Windows";
  windows.on_demand_usd["Hrs"] = 0.5;
  auto other_family = m5;
  other_family.attributes["instanceType"] = "x2idn.large";
  cloud::aws::pricing::Product gp3;
  gp3.product_family = "Storage";
  gp3.attributes = {{"volumeApiName", "gp3"}};
  gp3.on_demand_usd["GB-Mo"] = 0.09;
  const auto [i, v] = cost::apply_products(c, "us-east-1", {m5, m5n, windows, other_family, gp3});
  CHECK(i == 2);
  CHECK(v == 1);
  CHECK(c.regions.at("us-east-1").ec2.at("m5.large") == 0.1);
  CHECK(c.instance("m5.metal")->vcpu == 96);
  CHECK(!c.instance("x2idn.large"));
  CHECK(c.regions.at("us-east-1").ebs.at("gp3").gb_month == 0.09);
}
