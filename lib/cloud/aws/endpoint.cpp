#include <pave/cloud/aws/endpoint.hpp>

#include <algorithm>
#include <regex>

#include <fmt/format.h>

namespace pave::cloud::aws {

namespace {

std::string strip_slash(std::string url)
{
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

} // namespace

std::string endpoint_env_name(const ServiceInfo& service)
{
  std::string name = "AWS_ENDPOINT_URL_";
  for (const char c : service.id) {
    name += c == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string config_service_key(const ServiceInfo& service)
{
  std::string key;
  for (const char c : service.id) {
    key += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

Endpoint resolve_endpoint(const ServiceInfo& service, const std::string& region, const std::string& explicit_url,
                          const AwsEnv& env, const Profile& profile)
{
  Endpoint e;
  e.signing_region = service.global_region.empty() ? region : std::string(service.global_region);
  if (!explicit_url.empty()) {
    e.url = strip_slash(explicit_url);
    e.custom = true;
    return e;
  }
  const bool ignore = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").value_or("") == "true" ||
                      profile.get("ignore_configured_endpoint_urls").value_or("") == "true";
  if (!ignore) {
    std::optional<std::string> url = env.get(endpoint_env_name(service));
    if (!url) {
      url = env.get("AWS_ENDPOINT_URL");
    }
    // `services = NAME` points at a [services NAME] section, which the
    // profile does not hold; the profile's own `SERVICE.endpoint_url`
    // sub-key and top-level endpoint_url are honoured.
    if (!url) {
      url = profile.get(config_service_key(service) + ".endpoint_url");
    }
    if (!url) {
      url = profile.get("endpoint_url");
    }
    if (url) {
      e.url = strip_slash(*url);
      e.custom = true;
      return e;
    }
  }
  if (!service.global_host.empty()) {
    e.url = fmt::format("https://{}", service.global_host);
  } else {
    e.url = fmt::format("https://{}.{}.amazonaws.com{}", service.host_prefix, region,
                        region.starts_with("cn-") ? ".cn" : "");
  }
  return e;
}

bool valid_region_name(std::string_view region)
{
  static const std::regex k_re("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");
  return std::regex_match(region.begin(), region.end(), k_re);
}

util::Result<std::string> resolve_region(const std::string& explicit_region, const AwsEnv& env, const Profile& profile)
{
  std::optional<std::string> region;
  if (!explicit_region.empty()) {
    region = explicit_region;
  }
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (!region) {
      region = env.get(var);
    }
  }
  if (!region) {
    region = profile.get("region");
  }
  if (!region) {
    return util::fail("no AWS region: set `region` for the environment in pave.toml, AWS_REGION, or `region` in "
                      "the AWS profile");
  }
  if (!valid_region_name(*region)) {
    return util::fail("invalid AWS region \"{}\" (expected a name like us-east-1)", *region);
  }
  return *region;
}

} // namespace pave::cloud::aws
