#pragma once
/// Everything an AWS command needs, opened from an environment of pave.toml
/// (or flags): a libcurl HTTP client, the shared config files, the region,
/// the credential chain and the core Client.
#include <memory>
#include <string>

#include <pave/cloud/aws/client.hpp>
#include <pave/cloud/aws/credentials.hpp>

namespace pave::cloud::aws {

struct SessionOptions
{
  std::string region;       ///< explicit (pave.toml); empty: AWS_REGION ...
  std::string profile;      ///< explicit (pave.toml aws_profile)
  std::string endpoint_url; ///< explicit (pave.toml endpoint_url)
  std::chrono::milliseconds timeout{std::chrono::minutes(5)}; ///< per request
  AwsEnv env = system_env();
};

struct Session
{
  std::unique_ptr<http::HttpClient> http;
  std::shared_ptr<CredentialsProvider> credentials;
  std::unique_ptr<Client> client;
};

/// Errors: malformed config files, no or invalid region, libcurl missing.
util::Result<Session> open_session(const SessionOptions& options);

} // namespace pave::cloud::aws
