#pragma once
/// The [cost] table of pave.toml: how cost-report prices things. Every key
/// is optional; docs/cost.md documents them.
///
///   [cost]
///   region = "eu-west-1"            # default: the environment's region, then us-east-1
///   node_type = "m5.large"          # the node whose price gives per-vCPU and per-GiB rates
///   cpu_to_memory_price_ratio = 7.46 # price of 1 vCPU-hour / price of 1 GiB-hour
///   nodes = 3                       # node count, for DaemonSets
///   discount = 0.05                 # negotiated discount on everything (0..1)
///   savings_plan = 0.28             # Savings Plan discount on compute (0..1)
///   spot_share = 0.5                # share of compute on Spot (0..1) ...
///   spot_discount = 0.7             # ... priced this much below on-demand (0..1)
///   eks_cluster = true              # add the EKS control plane of each environment
///   usage_file = "cost-usage.yml"   # usage assumptions (usage.hpp)
///   price_cache = ".pave/prices/aws.json" # where --refresh-prices writes (default: the user cache)
///   default_volume_type = "gp3"     # EBS type of PVCs without a mapped storage class
///   storage_classes = { fast = "io2" } # storage class -> EBS volume type
///   [cost.budgets]                  # monthly budget per environment, USD
///   prod = 2000
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::cost {

struct CostConfig
{
  std::string region;                 ///< "" = the environment's, then us-east-1
  std::string node_type = "m5.large";
  double cpu_to_memory_price_ratio = 7.46;
  int nodes = 3;
  double discount = 0;
  double savings_plan = 0;
  double spot_share = 0;
  double spot_discount = 0.7;
  bool eks_cluster = false;
  std::string usage_file;             ///< relative to the project directory
  std::string price_cache;            ///< "" = $XDG_CACHE_HOME/pave/prices/aws.json
  std::string default_volume_type = "gp3";
  std::map<std::string, std::string> storage_classes;
  std::map<std::string, double> budgets; ///< environment -> monthly USD
};

/// Reads the raw [cost] table (Project::reserved["cost"]; null = absent).
/// `file` names pave.toml in errors: "pave.toml: [cost] spot_share: must be
/// between 0 and 1", "pave.toml: [cost] unknown key \"nodetype\" (did you mean \"node_type\"?)".
util::Result<CostConfig> parse_cost_config(const nlohmann::json& table, std::string_view file);

/// Multiplier of compute prices (nodes, instances): spot share and savings
/// plan, then the discount.
///   (1 - spot_share) * (1 - savings_plan) + spot_share * (1 - spot_discount), times (1 - discount)
double compute_factor(const CostConfig& c);

/// Multiplier of every other price: 1 - discount.
double other_factor(const CostConfig& c);

} // namespace pave::cost
