#pragma once
/// Cost estimates as data: a line item per priced resource, with the
/// components its price is made of (quantity x unit price), a monthly figure
/// and, for autoscaled workloads, a maximum (HPA maxReplicas).
#include <map>
#include <string>
#include <vector>

namespace pave::cost {

/// One priced quantity of a resource: "CPU", 0.5 vCPU x 2 pods, 730 h ...
struct Component
{
  std::string name;      ///< "CPU (requests)", "Memory (requests)", "Storage (gp3)", "Hosted zone" ...
  std::string unit;      ///< "vCPU-hours", "GiB-hours", "GiB-months", "months", "1k requests", "1M queries"
  double quantity = 0;   ///< per month, at the expected replica count
  double unit_price = 0; ///< after discounts
  double monthly = 0;    ///< quantity x unit_price
  double monthly_max = 0; ///< at the maximum replica count (HPA); == monthly otherwise
};

struct LineItem
{
  std::string address;     ///< state address ("k8s:apps/v1/Deployment/shop/web")
  std::string environment;
  std::string app;         ///< pave.toml app ("" for cloud resources)
  std::string namespace_;
  std::string kind;
  std::string name;
  std::map<std::string, std::string> tags; ///< labels (Kubernetes) or tags (cloud)
  std::vector<Component> components;
  double monthly = 0;      ///< sum of components
  double monthly_max = 0;  ///< sum of components' maximum
  std::string detail;      ///< "2 replicas", "HPA 2-10 replicas", "100 GiB gp3" ...
};

/// The estimate of one environment.
struct Estimate
{
  std::string environment;
  std::string region;
  std::vector<LineItem> items; ///< priced resources, sorted by address
  int unpriced = 0;            ///< resources of kinds that cost nothing by themselves (ConfigMaps ...)
  std::vector<std::string> warnings; ///< "3 workloads have no resource requests: priced at zero" ...
  double monthly = 0;
  double monthly_max = 0;
};

/// Sums the components of `item` into its monthly figures.
void total(LineItem& item);
/// Sums the items of `e` into its monthly figures.
void total(Estimate& e);

/// Rounds to cents, for display and golden files.
double round_cents(double amount);

} // namespace pave::cost
