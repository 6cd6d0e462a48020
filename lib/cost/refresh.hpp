#pragma once
/// `pave cost-report --refresh-prices`: updates the price catalog from the
/// AWS Price List Query API (GetProducts of AmazonEC2) for the catalog's
/// regions: on-demand Linux shared-tenancy prices of the instance families
/// the catalog covers (new sizes of those families are added with their
/// vCPUs and memory), and EBS gp3, gp2 and io2 storage per GB-month. Other
/// prices (S3, load balancers, NAT, Route 53, EKS) keep the base catalog's.
#include <filesystem>
#include <string>
#include <vector>

#include <pave/cloud/aws/client.hpp>
#include <pave/cloud/aws/pricing.hpp>
#include <pave/cost/catalog.hpp>

namespace pave::cost {

struct RefreshResult
{
  Catalog catalog;
  int instance_prices = 0; ///< EC2 prices updated or added
  int volume_prices = 0;   ///< EBS prices updated
  int requests = 0;        ///< GetProducts pages fetched
};

/// Applies GetProducts answers of one region to `c` (exposed for tests).
/// Returns how many instance and volume prices were set.
std::pair<int, int> apply_products(Catalog& c, const std::string& region,
                                   const std::vector<cloud::aws::pricing::Product>& products);

/// Fetches the prices of `regions` (default: the catalog's) and returns the
/// updated catalog, with source and effective_date set to the fetch.
util::Result<RefreshResult> refresh_catalog(cloud::aws::Client& client, const Catalog& base,
                                            const std::vector<std::string>& regions, const std::string& today);

/// The default cache file: $XDG_CACHE_HOME/pave/prices/aws.json, else
/// ~/.cache/pave/prices/aws.json.
std::filesystem::path default_price_cache();

} // namespace pave::cost
