#include <pave/cloud/aws/sts.hpp>

#include <pave/cloud/aws/query.hpp>
#include <pave/cloud/aws/timestamp.hpp>
#include <pave/cloud/aws/xml.hpp>

namespace pave::cloud::aws {

namespace {
constexpr const char* k_version = "2011-06-15";
}

AwsResult<CallerIdentity> get_caller_identity(Client& client)
{
  pugi::xml_document doc;
  if (auto r = call_query(client, k_sts, "GetCallerIdentity", k_version, {}, doc); !r) {
    return std::unexpected(r.error());
  }
  const auto result = doc.select_node("//GetCallerIdentityResult").node();
  return CallerIdentity{xml::text(result, "Account"), xml::text(result, "Arn"), xml::text(result, "UserId")};
}

AwsResult<Credentials> assume_role(Client& client, const AssumeRoleInput& input)
{
  QueryParams params{{"RoleArn", input.role_arn},
                     {"RoleSessionName", input.session_name},
                     {"DurationSeconds", std::to_string(input.duration.count())}};
  const bool web = !input.web_identity_token.empty();
  const std::string action = web ? "AssumeRoleWithWebIdentity" : "AssumeRole";
  if (web) {
    params["WebIdentityToken"] = input.web_identity_token;
  } else if (!input.external_id.empty()) {
    params["ExternalId"] = input.external_id;
  }
  pugi::xml_document doc;
  if (auto r = call_query(client, k_sts, action, k_version, params, doc, web); !r) {
    return std::unexpected(r.error());
  }
  const auto c = doc.select_node("//Credentials").node();
  Credentials creds;
  creds.access_key_id = xml::text(c, "AccessKeyId");
  creds.secret_access_key = xml::text(c, "SecretAccessKey");
  creds.session_token = xml::text(c, "SessionToken");
  creds.expiration = parse_timestamp(xml::text(c, "Expiration"));
  creds.source = (web ? "web identity role " : "role ") + input.role_arn;
  if (creds.empty()) {
    AwsError e;
    e.service = "sts";
    e.operation = action;
    e.code = "MalformedResponse";
    e.message = "no credentials in the response";
    return std::unexpected(e);
  }
  return creds;
}

} // namespace pave::cloud::aws
