#pragma once
/// The AWS query protocol (STS, EC2, Auto Scaling): a form-encoded POST of
/// Action, Version and flattened parameters ("Member.1.Key"), answered with
/// XML. Parameters are sorted on the wire, so bodies are deterministic.
#include <map>
#include <string>

#include <pugixml.hpp>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws {

using QueryParams = std::map<std::string, std::string>;

/// "Action=X&Version=V&k=v..." with AWS URI encoding.
std::string query_body(const std::string& action, const std::string& version, const QueryParams& params);

/// Sends the action and parses the XML answer into `doc`.
/// `anonymous`: unsigned (AssumeRoleWithWebIdentity).
AwsResult<void> call_query(Client& client, const ServiceInfo& service, const std::string& action,
                           const std::string& version, const QueryParams& params, pugi::xml_document& doc,
                           bool anonymous = false);

} // namespace pave::cloud::aws
