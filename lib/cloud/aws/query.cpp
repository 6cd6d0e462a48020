#include <pave/cloud/aws/query.hpp>

#include <pave/cloud/aws/xml.hpp>

namespace pave::cloud::aws {

std::string query_body(const std::string& action, const std::string& version, const QueryParams& params)
{
  std::map<std::string, std::string> all = params;
  all["Action"] = action;
  all["Version"] = version;
  std::string body;
  for (const auto& [k, v] : all) {
    body += (body.empty() ? "" : "&") + uri_encode(k, false) + "=" + uri_encode(v, false);
  }
  return body;
}

AwsResult<void> call_query(Client& client, const ServiceInfo& service, const std::string& action,
                           const std::string& version, const QueryParams& params, pugi::xml_document& doc,
                           bool anonymous)
{
  OperationRequest op;
  op.operation = action;
  op.method = "POST";
  op.path = "/";
  op.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  op.body = query_body(action, version, params);
  op.anonymous = anonymous;
  auto resp = client.send(service, op);
  if (!resp) {
    return std::unexpected(std::move(resp.error()));
  }
  auto parsed = xml::parse(doc, resp->body, action);
  if (!parsed) {
    auto e = parsed.error();
    e.service = std::string(service.signing_name);
    return std::unexpected(e);
  }
  return {};
}

} // namespace pave::cloud::aws
