#include <doctest/doctest.h>

#include <pave/cloud/aws/cost_explorer.hpp>
#include <pave/cloud/aws/pricing.hpp>
#include <pave/cost/actual.hpp>

using namespace pave;
using nlohmann::json;
namespace ce = cloud::aws::cost_explorer;

TEST_CASE("cost_explorer::request_json")
{
  ce::Request r;
  r.start = "2024-01-01";
  r.end = "2024-02-01";
  r.granularity = ce::Granularity::daily;
  r.group_by = {{ce::GroupBy::Type::tag, "team"}};
  const json j = ce::request_json(r, "tok");
  CHECK(j == json::parse(R"({"TimePeriod": {"Start": "2024-01-01", "End": "2024-02-01"}, "Granularity": "DAILY",
    "Metrics": ["UnblendedCost"], "GroupBy": [{"Type": "TAG", "Key": "team"}], "NextPageToken": "tok"})"));
  CHECK(ce::parse_granularity("monthly") == ce::Granularity::monthly);
  CHECK(!ce::parse_granularity("weekly"));
}

TEST_CASE("cost_explorer::parse_page and cost::summarize")
{
  ce::Response out;
  const auto page1 = json::parse(R"({"ResultsByTime": [{"TimePeriod": {"Start": "2024-01-01", "End": "2024-01-02"},
    "Total": {}, "Estimated": true, "Groups": [
      {"Keys": ["team$web"], "Metrics": {"UnblendedCost": {"Amount": "10.5", "Unit": "USD"}}},
      {"Keys": ["team$"], "Metrics": {"UnblendedCost": {"Amount": "1.25", "Unit": "USD"}}}]}],
    "NextPageToken": "p2"})");
  const auto page2 = json::parse(R"({"ResultsByTime": [{"TimePeriod": {"Start": "2024-01-02", "End": "2024-01-03"},
    "Total": {}, "Groups": [
      {"Keys": ["team$web"], "Metrics": {"UnblendedCost": {"Amount": "4.5", "Unit": "USD"}}}]}]})");
  CHECK(ce::parse_page(page1, out).value() == "p2");
  CHECK(ce::parse_page(page2, out).value().empty());
  out.pages = 2;
  const auto a = cost::summarize(out, "UnblendedCost", "tag:team");
  CHECK(a.total == doctest::Approx(16.25));
  REQUIRE(a.groups.size() == 2);
  CHECK(a.groups[0].key == "web");
  CHECK(a.groups[0].amount == doctest::Approx(15));
  CHECK(a.groups[1].key == "(untagged)");
  CHECK(a.periods.size() == 2);
  CHECK(a.periods[0].estimated);
  const auto bad = json::parse(R"({"ResultsByTime": [{"TimePeriod": {"Start": "a", "End": "b"},
    "Total": {"UnblendedCost": {"Amount": "ten", "Unit": "USD"}}}]})");
  CHECK(ce::parse_page(bad, out).error().message == "Cost Explorer answer: Total.UnblendedCost: \"ten\" is not an amount");
  CHECK(cost::actual_group_by("service").value()[0].key == "SERVICE");
  CHECK(!cost::actual_group_by("region"));
}

TEST_CASE("pricing::parse_product")
{
  const auto p = cloud::aws::pricing::parse_product(R"({"product": {"productFamily": "Compute Instance",
    "sku": "ABC", "attributes": {"instanceType": "m5.large", "vcpu": "2", "memory": "8 GiB"}},
    "terms": {"OnDemand": {"ABC.JRTCKXETXF": {"priceDimensions": {"ABC.JRTCKXETXF.6YS6EN2CT7": {
      "unit": "Hrs", "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "0.0960000000"}}}}}}})");
  REQUIRE(p);
  CHECK(p->sku == "ABC");
  CHECK(p->attributes.at("instanceType") == "m5.large");
  CHECK(p->on_demand_usd.at("Hrs") == 0.096);
  CHECK(cloud::aws::pricing::parse_product("[]").error().message == "PriceList entry: not a JSON object");
  const json req = cloud::aws::pricing::request_json("AmazonEC2", {{"regionCode", "us-east-1"}}, "");
  CHECK(req["Filters"][0] == json::parse(R"({"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"})"));
  CHECK(req["FormatVersion"] == "aws_v1");
  CHECK(!req.contains("NextToken"));
}
