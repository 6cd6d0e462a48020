#include <pave/cloud/aws/json_protocol.hpp>

namespace pave::cloud::aws {

AwsResult<nlohmann::json> call_json(Client& client, const ServiceInfo& service, const std::string& target_prefix,
                                    const std::string& operation, const nlohmann::json& input)
{
  OperationRequest op;
  op.operation = operation;
  op.method = "POST";
  op.path = "/";
  op.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", target_prefix + "." + operation}};
  op.body = input.dump();
  auto resp = client.send(service, op);
  if (!resp) {
    return std::unexpected(std::move(resp.error()));
  }
  auto j = nlohmann::json::parse(resp->body.empty() ? std::string("{}") : resp->body, nullptr, false);
  if (j.is_discarded()) {
    AwsError e;
    e.service = std::string(service.signing_name);
    e.operation = operation;
    e.code = "MalformedResponse";
    e.message = "cannot parse JSON response";
    return std::unexpected(e);
  }
  return j;
}

} // namespace pave::cloud::aws
