#pragma once
/// Estimates the monthly cost of a set of resources of one environment:
/// desired objects (rendered apps plus [cloud]), recorded objects (the
/// state) or the two sides of a saved plan.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/cost/estimate.hpp>
#include <pave/cost/kubernetes.hpp>
#include <pave/cost/rates.hpp>

namespace pave::cost {

/// One resource to price: its address, owning app and full object.
struct Resource
{
  std::string_view address;
  std::string_view app;
  const nlohmann::json* object = nullptr;
};

/// Prices every resource (HorizontalPodAutoscalers are read first so that
/// their targets are priced as a range). Resources that cost nothing by
/// themselves are counted in Estimate::unpriced. Errors name the resource.
util::Result<Estimate> estimate(const std::vector<Resource>& resources, const Rates& rates,
                                const std::string& environment);

/// The line item of one resource, or nullopt when its kind costs nothing.
util::Result<std::optional<LineItem>> price_resource(const Resource& r, const Rates& rates, const HpaIndex& hpas,
                                                     const std::string& environment);

} // namespace pave::cost
