#include <pave/plan/order.hpp>

#include <algorithm>

#include <pave/chart/manifest.hpp>

namespace pave::plan {

namespace {

constexpr int k_unknown_kind = 100; // after every kind Helm orders
constexpr int k_delete_base = 1000;

} // namespace

int apply_wave(std::string_view kind)
{
  // Cloud resources (aws.pave.dev): zones, health checks and buckets first,
  // then what refers to them (record sets) and capacities.
  if (kind == "Route53HostedZone" || kind == "Route53HealthCheck" || kind == "S3Bucket") {
    return 0;
  }
  if (kind == "Route53RecordSet" || kind == "AutoScalingGroupCapacity") {
    return 1;
  }
  if (kind == "Namespace") {
    return 0;
  }
  if (kind == "CustomResourceDefinition") {
    return 1;
  }
  const int order = chart::install_order(kind);
  return order < 0 ? k_unknown_kind : order + 2;
}

int delete_wave(std::string_view kind)
{
  return k_delete_base + (k_unknown_kind - apply_wave(kind));
}

void sort_changes(std::vector<Change>& changes)
{
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return a.wave != b.wave ? a.wave < b.wave : a.address < b.address;
  });
}

} // namespace pave::plan
