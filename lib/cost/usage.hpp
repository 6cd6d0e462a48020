#pragma once
/// The usage file: assumptions for what is priced by use (requests, GB
/// stored, queries, run time), like infracost's usage file. YAML:
///
///   version: 0.1
///   resource_usage:
///     S3Bucket/shop-assets-prod:     # KIND/NAME; NAME "*" = every resource of that kind
///       storage_gb: 500
///       monthly_put_requests: 1000000
///       monthly_get_requests: 10000000
///     Route53HostedZone/*:
///       monthly_queries: 5000000
///     AutoScalingGroupCapacity/workers:
///       instance_type: m5.large
///
/// Keys by kind are listed in k_usage_keys (and docs/cost.md). The exact
/// KIND/NAME entry wins over KIND/*; an absent key uses the default of the
/// estimator.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::cost {

/// A usage key of a kind and whether it is a number (else a string or boolean).
struct UsageKey
{
  std::string_view kind;
  std::string_view key;
  char type; ///< 'n' number, 's' string, 'b' boolean
};

/// Every usage key the estimators read.
extern const UsageKey k_usage_keys[];
extern const std::size_t k_usage_key_count;

class Usage
{
public:
  /// The value of `key` for `kind`/`name`: the exact entry, then KIND/*; null when neither has it.
  const nlohmann::json* find(std::string_view kind, std::string_view name, std::string_view key) const;
  /// find() as a number, or `fallback`.
  double number(std::string_view kind, std::string_view name, std::string_view key, double fallback) const;
  /// find() as a string, or `fallback`.
  std::string string(std::string_view kind, std::string_view name, std::string_view key,
                     std::string_view fallback) const;
  /// find() as a boolean, or `fallback`.
  bool boolean(std::string_view kind, std::string_view name, std::string_view key, bool fallback) const;

  /// "KIND/NAME" -> {key: value}.
  std::map<std::string, nlohmann::json, std::less<>> entries;
  std::string source; ///< the file read ("" = none)
};

/// Parses a usage file. Errors name the file and the entry:
/// "cost-usage.yml: resource_usage.S3Bucket/x.storage_gb: must be a non-negative number",
/// "cost-usage.yml: resource_usage.S3Bucket/x: unknown key \"storage\" (did you mean \"storage_gb\"?)",
/// "cost-usage.yml: resource_usage.Foo/x: unknown kind \"Foo\"".
util::Result<Usage> parse_usage(std::string_view text, std::string_view name);

/// Reads and parses `path`.
util::Result<Usage> load_usage(const std::string& path);

} // namespace pave::cost
