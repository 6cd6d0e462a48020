#pragma once
/// The AWS JSON 1.1 protocol (Cost Explorer, Pricing): a POST to "/" with
/// X-Amz-Target: PREFIX.Operation and a JSON body, answered with JSON.
#include <string>

#include <nlohmann/json.hpp>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws {

/// Calls `target_prefix`.`operation` ("AWSInsightsIndexService.GetCostAndUsage",
/// "AWSPriceListService.GetProducts") with `input`; returns the parsed answer.
AwsResult<nlohmann::json> call_json(Client& client, const ServiceInfo& service, const std::string& target_prefix,
                                    const std::string& operation, const nlohmann::json& input);

} // namespace pave::cloud::aws
