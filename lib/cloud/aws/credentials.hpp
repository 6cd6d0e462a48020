#pragma once
/// The credential chain, in the order the AWS SDKs (botocore) use:
///  1. environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
///     AWS_CREDENTIAL_EXPIRATION (skipped when pave.toml names a profile,
///     as an explicit profile negates the environment in the SDKs);
///  2. the profile (pave.toml aws_profile, AWS_PROFILE, "default") in
///     ~/.aws/config and ~/.aws/credentials: role_arn with source_profile
///     or credential_source through STS AssumeRole (chains of roles
///     followed, cycles refused), role_arn with web_identity_token_file;
///  3. web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
///     (+ AWS_ROLE_SESSION_NAME) through AssumeRoleWithWebIdentity;
///  4. the profile's static keys, or its credential_process;
///  5. container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on
///     169.254.170.2) or _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE);
///  6. IMDSv2 (token PUT, then GET), 1 s timeouts, unless AWS_EC2_METADATA_DISABLED=true.
/// Temporary credentials are cached and fetched again five minutes before
/// they expire.
#include <memory>
#include <string>

#include <pave/cloud/aws/config_files.hpp>
#include <pave/cloud/aws/credentials_types.hpp>
#include <pave/http/client.hpp>
#include <pave/util/clock.hpp>

namespace pave::cloud::aws {

inline constexpr std::string_view k_no_credentials =
    "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (with ~/.aws/credentials or "
    "~/.aws/config), AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, or run where container or instance (IMDSv2) "
    "credentials are available";

struct ChainOptions
{
  AwsEnv env;
  SharedConfig shared;
  std::string explicit_profile; ///< pave.toml aws_profile
  std::string region;           ///< for STS
  std::string endpoint_url;     ///< explicit endpoint (pave.toml), also for STS
  http::HttpClient* http = nullptr;
  util::Clock* clock = nullptr;
};

/// The default chain. Its credentials() fails with k_no_credentials when no
/// source applies, "AWS profile \"P\" not found in ..." for a missing
/// explicit profile, or the first failing source's error ("assuming role
/// ARN for profile P: sts AssumeRole: AccessDenied: ...").
std::shared_ptr<CredentialsProvider> default_chain(ChainOptions options);

/// Credentials from the environment variables alone, or nullopt.
/// Error when AWS_CREDENTIAL_EXPIRATION is unparseable.
util::Result<std::optional<Credentials>> environment_credentials(const AwsEnv& env);

} // namespace pave::cloud::aws
