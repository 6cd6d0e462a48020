#include <pave/cost/estimator.hpp>

#include <algorithm>
#include <thread>

#include <fmt/format.h>

#include <pave/cost/cloud.hpp>
#include <pave/cost/json_member.hpp>
#include <pave/cost/kubernetes.hpp>
#include <pave/util/parallel.hpp>

namespace pave::cost {

namespace {

using nlohmann::json;

std::string str(const json& j)
{
  return j.is_string() ? j.get<std::string>() : std::string();
}

bool is_cloud(std::string_view api_version)
{
  const auto slash = api_version.find('/');
  const std::string_view group = slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
  return group == "pave.dev" || group.ends_with(".pave.dev");
}

void copy_tags(const json& from, std::map<std::string, std::string>& to)
{
  if (!from.is_object()) {
    return;
  }
  for (const auto& [k, v] : from.items()) {
    if (v.is_string()) {
      to.emplace(k, v.get<std::string>());
    }
  }
}

} // namespace

util::Result<std::optional<LineItem>> price_resource(const Resource& r, const Rates& rates, const HpaIndex& hpas,
                                                     const std::string& environment)
{
  const json& o = *r.object;
  const json& meta = json_member(o, "metadata");
  LineItem item;
  item.kind = str(json_member(o, "kind"));
  const std::string api_version = str(json_member(o, "apiVersion"));
  item.name = str(json_member(meta, "name"));
  item.namespace_ = str(json_member(meta, "namespace"));
  bool priced = false;
  if (is_cloud(api_version)) {
    PAVE_TRY_ASSIGN(priced, price_cloud(o, rates, item));
    if (priced) {
      copy_tags(json_member(json_member(o, "spec"), "tags"), item.tags);
    }
  } else {
    PAVE_TRY_ASSIGN(priced, price_kubernetes(o, rates, hpas, item));
    if (priced) {
      copy_tags(json_member(meta, "labels"), item.tags);
    }
  }
  if (!priced) {
    return std::nullopt;
  }
  item.address = std::string(r.address);
  item.app = std::string(r.app);
  item.environment = environment;
  total(item);
  return item;
}

util::Result<Estimate> estimate(const std::vector<Resource>& resources, const Rates& rates,
                                const std::string& environment)
{
  Estimate e;
  e.environment = environment;
  e.region = rates.region_name;
  HpaIndex hpas;
  for (const auto& r : resources) {
    if (json_member(*r.object, "kind") == "HorizontalPodAutoscaler") {
      index_hpa(*r.object, hpas);
    }
  }
  int no_requests = 0;
  int unpriced_asg = 0;
  // Resources are priced independently: in chunks, on up to 4 threads for
  // large sets (100,000 resources price in a fraction of the time).
  constexpr std::size_t k_chunk = 4096;
  const std::size_t chunks = (resources.size() + k_chunk - 1) / k_chunk;
  std::vector<util::Result<std::optional<LineItem>>> priced(resources.size(), std::optional<LineItem>());
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  util::parallel_for(chunks, static_cast<int>(std::min(4u, cores)), [&](std::size_t c) {
    const std::size_t end = std::min(resources.size(), (c + 1) * k_chunk);
    for (std::size_t i = c * k_chunk; i < end; ++i) {
      priced[i] = price_resource(resources[i], rates, hpas, environment);
    }
  });
  e.items.reserve(resources.size());
  for (auto& result : priced) {
    if (!result) {
      return std::unexpected(std::move(result.error()));
    }
    auto& item = *result;
    if (!item) {
      ++e.unpriced;
      continue;
    }
    if (item->detail.ends_with("no resource requests")) {
      ++no_requests;
    }
    if (item->kind == "AutoScalingGroupCapacity" && item->components.empty()) {
      ++unpriced_asg;
    }
    e.items.push_back(std::move(*item));
  }
  if (rates.config->eks_cluster) {
    LineItem eks;
    eks.address = "aws:eks_cluster/" + environment;
    eks.environment = environment;
    eks.kind = "EksCluster";
    eks.name = environment;
    const double u = rates.region->eks_cluster_hourly * rates.other;
    eks.components.push_back({"EKS control plane", "hours", rates.hours, u, rates.hours * u, rates.hours * u});
    eks.detail = "cluster of the environment ([cost] eks_cluster)";
    total(eks);
    e.items.push_back(std::move(eks));
  }
  std::sort(e.items.begin(), e.items.end(), [](const LineItem& a, const LineItem& b) { return a.address < b.address; });
  if (no_requests > 0) {
    e.warnings.push_back(fmt::format("{} workload{} without resource requests: priced at zero", no_requests,
                                     no_requests == 1 ? " has" : "s have"));
  }
  if (unpriced_asg > 0) {
    e.warnings.push_back(fmt::format("{} Auto Scaling group{} no instance_type in the usage file: not priced",
                                     unpriced_asg, unpriced_asg == 1 ? " has" : "s have"));
  }
  total(e);
  return e;
}

} // namespace pave::cost
