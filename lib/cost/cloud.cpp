#include <pave/cost/cloud.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pave/cost/json_member.hpp>

namespace pave::cost {

namespace {

void add(LineItem& item, std::string name, std::string unit, double quantity, double unit_price)
{
  item.components.push_back({std::move(name), std::move(unit), quantity, unit_price, quantity * unit_price,
                             quantity * unit_price});
}

} // namespace

util::Result<bool> price_cloud(Value object, const Rates& rates, LineItem& item)
{
  const Value spec = json_member(object, "spec");
  const Usage& usage = *rates.usage;
  const double f = rates.other;
  if (item.kind == "S3Bucket") {
    const double gb = usage.number("S3Bucket", item.name, "storage_gb", 0);
    const double puts = usage.number("S3Bucket", item.name, "monthly_put_requests", 0);
    const double gets = usage.number("S3Bucket", item.name, "monthly_get_requests", 0);
    add(item, "Storage (Standard)", "GB-months", gb, rates.region->s3_standard_gb_month * f);
    add(item, "PUT, COPY, POST, LIST requests", "1k requests", puts / 1000, rates.region->s3_put_per_1000 * f);
    add(item, "GET, SELECT and other requests", "1k requests", gets / 1000, rates.region->s3_get_per_1000 * f);
    item.detail = fmt::format("{:.0f} GB, {:.0f} PUT, {:.0f} GET a month (usage)", gb, puts, gets);
    return true;
  }
  if (item.kind == "Route53HostedZone") {
    const double queries = usage.number("Route53HostedZone", item.name, "monthly_queries", 0);
    add(item, "Hosted zone", "months", 1, rates.catalog->route53.hosted_zone_month * f);
    add(item, "Standard queries", "1M queries", queries / 1e6, rates.catalog->route53.queries_per_million * f);
    item.detail = fmt::format("{:.0f} queries a month (usage)", queries);
    return true;
  }
  if (item.kind == "Route53HealthCheck") {
    const bool aws = usage.boolean("Route53HealthCheck", item.name, "aws_endpoint", false);
    const auto& p = rates.catalog->route53;
    add(item, aws ? "Health check (AWS endpoint)" : "Health check (non-AWS endpoint)", "months", 1,
        (aws ? p.health_check_aws_month : p.health_check_other_month) * f);
    const std::string type = json_member(spec, "type").is_string() ? std::string(string_of(json_member(spec, "type"))) : "HTTP";
    const double feature = (aws ? p.health_check_feature_aws_month : p.health_check_feature_other_month) * f;
    std::vector<std::string> features;
    if (type.starts_with("HTTPS")) {
      add(item, "Optional feature: HTTPS", "months", 1, feature);
      features.push_back("HTTPS");
    }
    if (type.ends_with("STR_MATCH")) {
      add(item, "Optional feature: string matching", "months", 1, feature);
      features.push_back("string matching");
    }
    if (number_or(json_member(spec, "request_interval"), 0) == 10 || number_or(json_member(spec, "requestInterval"), 0) == 10) {
      add(item, "Optional feature: fast interval", "months", 1, feature);
      features.push_back("10 s interval");
    }
    item.detail = fmt::format("{}, {} endpoint{}", type, aws ? "AWS" : "non-AWS",
                              features.empty() ? std::string() : fmt::format("; {}", fmt::join(features, ", ")));
    return true;
  }
  if (item.kind == "AutoScalingGroupCapacity") {
    const std::string type = usage.string("AutoScalingGroupCapacity", item.name, "instance_type", "");
    if (type.empty()) {
      item.detail = "no instance_type in the usage file: not priced";
      return true;
    }
    auto hourly = rates.catalog->instance_hourly(rates.region_name, type);
    if (!hourly) {
      return util::fail("AutoScalingGroupCapacity {}: {}", item.name, hourly.error().message);
    }
    const double min = std::max(0.0, number_or(json_member(spec, "min"), 0));
    const double max = std::max(min, number_or(json_member(spec, "max"), min));
    const double desired = number_or(json_member(spec, "desired"), min);
    const double u = *hourly * rates.compute;
    item.components.push_back({"Instances (" + type + ")", "hours", desired * rates.hours, u,
                               desired * rates.hours * u, max * rates.hours * u});
    item.detail = fmt::format("{:g} x {} (min {:g}, max {:g})", desired, type, min, max);
    return true;
  }
  return false;
}

} // namespace pave::cost
