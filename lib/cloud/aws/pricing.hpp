#pragma once
/// The AWS Price List Query API (JSON 1.1, target prefix
/// AWSPriceListService): GetProducts, typed, every page followed
/// (NextToken). Each PriceList entry is a JSON document sent as a string;
/// this client parses it and reads the product attributes and the
/// on-demand price per unit.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws::pricing {

/// A TERM_MATCH filter: Field equals Value.
struct Filter
{
  std::string field; ///< "regionCode", "instanceType", "operatingSystem" ...
  std::string value;
};

struct Product
{
  std::string sku;
  std::string product_family;                    ///< "Compute Instance", "Storage" ...
  std::map<std::string, std::string> attributes; ///< product.attributes
  /// On-demand price dimensions: unit ("Hrs", "GB-Mo") -> USD per unit (the
  /// first dimension of each unit; tiered prices keep the lowest tier).
  std::map<std::string, double> on_demand_usd;
};

struct Response
{
  std::vector<Product> products;
  int pages = 0;
};

/// The request body of one page (exposed for tests).
nlohmann::json request_json(const std::string& service_code, const std::vector<Filter>& filters,
                            const std::string& next_token);

/// Parses one PriceList entry (the JSON text). Error: "PriceList entry: ...".
util::Result<Product> parse_product(std::string_view text);

/// GetProducts of `service_code` ("AmazonEC2") with `filters`, every page
/// (at most max_pages). Errors: the service's error, malformed answers.
util::Result<Response> get_products(Client& client, const std::string& service_code,
                                    const std::vector<Filter>& filters, int max_pages = 1000);

} // namespace pave::cloud::aws::pricing
