#include <pave/cost/rates.hpp>

namespace pave::cost {

util::Result<Rates> make_rates(const Catalog& catalog, const CostConfig& config, const Usage& usage,
                               const std::string& region)
{
  Rates r;
  r.catalog = &catalog;
  r.config = &config;
  r.usage = &usage;
  r.region_name = region;
  PAVE_TRY_ASSIGN(r.region, catalog.region(region));
  r.hours = catalog.hours_per_month;
  PAVE_TRY_ASSIGN(const InstanceType node, catalog.instance(config.node_type));
  PAVE_TRY_ASSIGN(const double price, catalog.instance_hourly(region, config.node_type));
  const double ratio = config.cpu_to_memory_price_ratio;
  const double gib = price / (node.vcpu * ratio + node.memory_gib);
  r.compute = compute_factor(config);
  r.other = other_factor(config);
  r.gib_hourly = gib * r.compute;
  r.vcpu_hourly = gib * ratio * r.compute;
  return r;
}

} // namespace pave::cost
