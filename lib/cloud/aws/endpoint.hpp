#pragma once
/// Services pave calls, their endpoints and the region, resolved the way the
/// AWS SDKs do.
///
/// Region: the explicit one (pave.toml `region` of the environment), then
/// AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`.
/// Endpoint of a service: the explicit one (pave.toml `endpoint_url`), then
/// AWS_ENDPOINT_URL_<SERVICE> (service id upper-cased, spaces to '_':
/// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_ROUTE_53), AWS_ENDPOINT_URL, the
/// profile's `services` section and `endpoint_url`, then the AWS default.
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true skips all but the explicit one.
#include <optional>
#include <string>
#include <string_view>

#include <pave/cloud/aws/config_files.hpp>
#include <pave/util/expected.hpp>

namespace pave::cloud::aws {

struct ServiceInfo
{
  std::string_view id;            ///< SDK service id: "S3", "Route 53", "STS"
  std::string_view signing_name;  ///< credential scope: "s3", "route53", "sts"
  std::string_view host_prefix;   ///< "s3" → s3.REGION.amazonaws.com
  std::string_view global_region; ///< non-empty for global services: their signing region
  std::string_view global_host;   ///< global services: the endpoint host
};

inline constexpr ServiceInfo k_s3{"S3", "s3", "s3", "", ""};
inline constexpr ServiceInfo k_route53{"Route 53", "route53", "route53", "us-east-1", "route53.amazonaws.com"};
inline constexpr ServiceInfo k_sts{"STS", "sts", "sts", "", ""};
inline constexpr ServiceInfo k_ec2{"EC2", "ec2", "ec2", "", ""};
inline constexpr ServiceInfo k_autoscaling{"Auto Scaling", "autoscaling", "autoscaling", "", ""};
inline constexpr ServiceInfo k_cost_explorer{"Cost Explorer", "ce", "ce", "us-east-1", "ce.us-east-1.amazonaws.com"};
inline constexpr ServiceInfo k_pricing{"Pricing", "pricing", "api.pricing", "us-east-1",
                                       "api.pricing.us-east-1.amazonaws.com"};

/// "AWS_ENDPOINT_URL_ROUTE_53" for Route 53.
std::string endpoint_env_name(const ServiceInfo& service);

/// "services.s3.endpoint_url" style key suffix: "s3" for S3, "route_53" for Route 53.
std::string config_service_key(const ServiceInfo& service);

struct Endpoint
{
  std::string url;            ///< "https://s3.eu-west-1.amazonaws.com", no trailing slash
  std::string signing_region; ///< region to sign with
  bool custom = false;        ///< configured (not an AWS default): S3 uses path-style addressing
};

/// The endpoint of `service` for `region` (see the header comment for the order).
Endpoint resolve_endpoint(const ServiceInfo& service, const std::string& region, const std::string& explicit_url,
                          const AwsEnv& env, const Profile& profile);

/// The region (see the header comment for the order). Error when none is set:
/// "no AWS region: set `region` for the environment in pave.toml, AWS_REGION, or `region` in the AWS profile";
/// or when it is malformed: "invalid AWS region \"X\" (expected a name like us-east-1)".
util::Result<std::string> resolve_region(const std::string& explicit_region, const AwsEnv& env, const Profile& profile);

/// True for names shaped like AWS regions: "us-east-1", "us-gov-west-1", "eu-central-2".
bool valid_region_name(std::string_view region);

} // namespace pave::cloud::aws
