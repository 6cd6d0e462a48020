#pragma once
/// What prices one environment: the catalog's region, the [cost] settings,
/// the usage assumptions, and the per-vCPU-hour and per-GiB-hour rates of
/// Kubernetes workloads derived from the node type.
#include <string>

#include <pave/cost/catalog.hpp>
#include <pave/cost/config.hpp>
#include <pave/cost/usage.hpp>

namespace pave::cost {

struct Rates
{
  const Catalog* catalog = nullptr;
  const RegionPrices* region = nullptr;
  const CostConfig* config = nullptr;
  const Usage* usage = nullptr;
  std::string region_name;
  double hours = 730;        ///< hours per month (the catalog's)
  double vcpu_hourly = 0;    ///< per requested vCPU, after spot/savings plan/discount
  double gib_hourly = 0;     ///< per requested GiB of memory, after spot/savings plan/discount
  double compute = 1;        ///< compute_factor(config)
  double other = 1;          ///< other_factor(config)
};

/// Splits the on-demand hourly price P of the node type (V vCPUs, M GiB)
/// into a vCPU rate c and a GiB rate g with c = R x g (R =
/// cpu_to_memory_price_ratio), so that V x c + M x g = P:
///   g = P / (V x R + M),  c = R x g,
/// then multiplies both by compute_factor(). Errors: unknown region or node type.
util::Result<Rates> make_rates(const Catalog& catalog, const CostConfig& config, const Usage& usage,
                               const std::string& region);

} // namespace pave::cost
