#pragma once
/// Estimates the monthly cost of a set of resources of one environment:
/// desired objects (rendered apps plus [cloud]), recorded objects (the
/// state, read record by record) or the two sides of a saved plan.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/cost/estimate.hpp>
#include <pave/cost/json_member.hpp>
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

/// One resource as the estimator reads it from an ObjectSource.
struct Object
{
  std::string_view address;
  std::string_view app;
  std::optional<Value> object; ///< nullopt: none recorded (costs nothing)
};

/// The apiVersion and kind of a resource, as views.
struct ResourceType
{
  std::string_view api_version;
  std::string_view kind;
};

/// Resources read by index, possibly on several threads at once, each with
/// its own simdjson parser (a state file decodes record i into it).
class ObjectSource
{
public:
  virtual ~ObjectSource() = default;
  virtual std::size_t size() const = 0;
  /// Resource `i`; its views stay valid until `parser` parses again.
  virtual util::Result<Object> read(std::size_t i, simdjson::dom::parser& parser) const = 0;
  /// False when resource `i` is certainly not of `kind`; true when it may be.
  /// A source whose read() decodes (a state file) looks at the record's text,
  /// so that finding the few resources of one kind does not decode them all.
  virtual bool may_be_kind(std::size_t, std::string_view) const { return true; }
  /// The apiVersion and kind of resource `i` when the source can tell them
  /// without decoding it (a state file's record starts with its address), or
  /// nullopt. A resource of a kind that never costs anything by itself
  /// (kind_may_cost()) is then counted without being read.
  virtual std::optional<ResourceType> type_of(std::size_t) const { return std::nullopt; }
};

/// Prices every resource of `source`, on up to 4 threads. Resources that
/// cost nothing by themselves are counted in Estimate::unpriced. Workloads
/// that a HorizontalPodAutoscaler scales are priced as a range: the HPAs are
/// read first (see may_be_kind), then every resource is priced once. Errors
/// name the resource; the first one in source order is returned.
util::Result<Estimate> estimate(const ObjectSource& source, const Rates& rates, const std::string& environment);

/// estimate() of objects held as nlohmann::json (rendered, or from a plan).
util::Result<Estimate> estimate(const std::vector<Resource>& resources, const Rates& rates,
                                const std::string& environment);

/// The line item of one resource, or nullopt when its kind costs nothing.
util::Result<std::optional<LineItem>> price_resource(const Object& r, const Rates& rates, const HpaIndex& hpas,
                                                     const std::string& environment);

} // namespace pave::cost
