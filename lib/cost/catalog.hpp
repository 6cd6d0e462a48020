#pragma once
/// The price catalog: AWS on-demand list prices by region, as a versioned
/// data file (lib/cost/prices/aws.json, compiled into the binary) that names
/// its source and effective date. `pave cost-report --refresh-prices` writes
/// a newer copy to a local cache (refresh.hpp), which load_catalog() prefers.
///
/// Format (version 1): {"format_version": 1, "provider": "aws", "currency":
/// "USD", "effective_date": "YYYY-MM-DD", "source": TEXT, "hours_per_month":
/// 730, "instance_types": {TYPE: {"vcpu": N, "memory_gib": N}}, "regions":
/// {REGION: {"ec2": {TYPE: HOURLY}, "ebs": {"gp3": {"gb_month", "iops_month",
/// "throughput_mibps_month", "included_iops", "included_throughput_mibps"},
/// "io2": {"gb_month", "iops_month"}, ...}, "s3": {"standard_gb_month",
/// "put_per_1000", "get_per_1000"}, "elb": {"alb_hourly", "alb_lcu_hourly",
/// "nlb_hourly", "nlb_lcu_hourly"}, "nat_gateway": {"hourly",
/// "gb_processed"}, "eks": {"cluster_hourly"}}}, "global": {"route53":
/// {"hosted_zone_month", "queries_per_million", "health_check_aws_month",
/// "health_check_other_month", "health_check_feature_aws_month",
/// "health_check_feature_other_month"}}}.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::cost {

inline constexpr int k_catalog_format = 1;

struct InstanceType
{
  double vcpu = 0;
  double memory_gib = 0;
};

struct EbsPrice
{
  double gb_month = 0;
  double iops_month = 0;            ///< per provisioned IOPS above included_iops
  double throughput_mibps_month = 0; ///< per MiB/s above included_throughput_mibps
  double included_iops = 0;
  double included_throughput_mibps = 0;
};

struct RegionPrices
{
  std::map<std::string, double, std::less<>> ec2; ///< instance type -> on-demand hourly
  std::map<std::string, EbsPrice, std::less<>> ebs; ///< volume type (gp3, io2, gp2) -> prices
  double s3_standard_gb_month = 0, s3_put_per_1000 = 0, s3_get_per_1000 = 0;
  double alb_hourly = 0, alb_lcu_hourly = 0, nlb_hourly = 0, nlb_lcu_hourly = 0;
  double nat_hourly = 0, nat_gb_processed = 0;
  double eks_cluster_hourly = 0;
};

struct Route53Prices
{
  double hosted_zone_month = 0, queries_per_million = 0;
  double health_check_aws_month = 0, health_check_other_month = 0;
  double health_check_feature_aws_month = 0, health_check_feature_other_month = 0;
};

struct Catalog
{
  int format_version = k_catalog_format;
  std::string provider = "aws";
  std::string currency = "USD";
  std::string effective_date; ///< YYYY-MM-DD
  std::string source;         ///< where the prices come from
  double hours_per_month = 730;
  std::map<std::string, InstanceType, std::less<>> instance_types;
  std::map<std::string, RegionPrices, std::less<>> regions;
  Route53Prices route53;

  /// The prices of `region`. Error: `no prices for region "xx-1" in the
  /// catalog (regions: ...)`.
  util::Result<const RegionPrices*> region(std::string_view name) const;
  /// The hourly on-demand price of `type` in `region`. Error names both.
  util::Result<double> instance_hourly(std::string_view region, std::string_view type) const;
  /// vCPUs and memory of `type`. Error: `unknown instance type "x" (did you mean ...)`.
  util::Result<InstanceType> instance(std::string_view type) const;
};

/// Parses a catalog (JSON text); `name` is used in errors. Every price must
/// be a finite, non-negative number. Errors: "NAME: not JSON: ...",
/// "NAME: format_version 9 is not supported (1)", "NAME: regions.us-east-1.ec2.m5.large: expected a number".
util::Result<Catalog> parse_catalog(std::string_view text, std::string_view name);

/// The catalog compiled into pave.
const Catalog& builtin_catalog();

/// The catalog to price with: `cache_file` when it exists (written by
/// --refresh-prices), else the built-in one. Errors: a cache that does not parse.
util::Result<Catalog> load_catalog(const std::filesystem::path& cache_file);

/// The catalog's JSON (what parse_catalog reads).
std::string catalog_to_json(const Catalog& c);

} // namespace pave::cost
