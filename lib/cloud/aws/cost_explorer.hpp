#pragma once
/// AWS Cost Explorer (JSON 1.1, target prefix AWSInsightsIndexService):
/// GetCostAndUsage, typed, with every page followed (NextPageToken).
#include <string>
#include <vector>

#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws::cost_explorer {

enum class Granularity { daily, monthly, hourly };

/// "DAILY", "MONTHLY", "HOURLY".
std::string_view to_string(Granularity g);
/// Parses "daily"/"DAILY" ...; nullopt otherwise.
std::optional<Granularity> parse_granularity(std::string_view s);

/// One GroupBy: a dimension ("SERVICE", "REGION", "LINKED_ACCOUNT", ...), a
/// cost allocation tag key, or a cost category.
struct GroupBy
{
  enum class Type { dimension, tag, cost_category } type = Type::dimension;
  std::string key;
};

struct Request
{
  std::string start;   ///< YYYY-MM-DD, inclusive
  std::string end;     ///< YYYY-MM-DD, exclusive
  Granularity granularity = Granularity::monthly;
  std::vector<std::string> metrics{"UnblendedCost"}; ///< at least one
  std::vector<GroupBy> group_by;                      ///< at most two
  nlohmann::json filter;                              ///< an Expression; null = none
};

struct Amount
{
  double amount = 0;
  std::string unit; ///< "USD"
};

struct Group
{
  std::vector<std::string> keys;              ///< "Amazon Simple Storage Service", "team$web"
  std::map<std::string, Amount> metrics;      ///< metric -> amount
};

struct ResultByTime
{
  std::string start, end;
  std::map<std::string, Amount> total;        ///< metric -> amount (empty when grouped)
  std::vector<Group> groups;
  bool estimated = false;
};

struct Response
{
  std::vector<ResultByTime> results; ///< every page's, in order
  int pages = 0;                     ///< requests made
};

/// The request body of one page (exposed for tests).
nlohmann::json request_json(const Request& r, const std::string& next_page_token);

/// Parses one page's answer; appends its results to `out` and returns its
/// NextPageToken ("" on the last page). Errors: malformed amounts or shapes.
util::Result<std::string> parse_page(const nlohmann::json& page, Response& out);

/// GetCostAndUsage with every page (at most `max_pages`, default 100).
/// Errors: the request is invalid (checked before sending: dates, metrics,
/// group count), the service's error ("Cost Explorer GetCostAndUsage:
/// AccessDeniedException: ..."), malformed answers.
util::Result<Response> get_cost_and_usage(Client& client, const Request& r, int max_pages = 100);

} // namespace pave::cloud::aws::cost_explorer
