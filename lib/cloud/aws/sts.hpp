#pragma once
/// STS (query protocol, version 2011-06-15): who am I, and the role
/// assumptions the credential chain uses.
#include <chrono>
#include <string>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws {

struct CallerIdentity
{
  std::string account;
  std::string arn;
  std::string user_id;
};

AwsResult<CallerIdentity> get_caller_identity(Client& client);

struct AssumeRoleInput
{
  std::string role_arn;
  std::string session_name = "pave";
  std::string external_id;       ///< AssumeRole only
  std::chrono::seconds duration{3600};
  std::string web_identity_token; ///< set: AssumeRoleWithWebIdentity (an unsigned request)
};

/// AssumeRole (signed with the client's credentials) or, with a web identity
/// token, AssumeRoleWithWebIdentity. The credentials' source names the role.
AwsResult<Credentials> assume_role(Client& client, const AssumeRoleInput& input);

} // namespace pave::cloud::aws
