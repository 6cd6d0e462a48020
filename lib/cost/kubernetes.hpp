#pragma once
/// Prices of Kubernetes objects: workloads from their pods' resource
/// requests times their replicas, PersistentVolumeClaims (and StatefulSet
/// volume claim templates) from their size and storage class, LoadBalancer
/// Services (NLB) and ALB Ingresses.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <pave/cost/estimate.hpp>
#include <pave/cost/rates.hpp>

namespace pave::cost {

/// HorizontalPodAutoscalers by target: "NAMESPACE/KIND/NAME" -> {min, max}.
using HpaIndex = std::map<std::string, std::pair<double, double>, std::less<>>;

/// Adds `hpa` (an autoscaling/v1 or v2 HorizontalPodAutoscaler) to `index`.
void index_hpa(const nlohmann::json& hpa, HpaIndex& index);

/// Effective requests of a pod spec: the larger of the sum over containers
/// and the largest init container, for CPU (cores) and memory (GiB).
struct PodRequests
{
  double cpu = 0;
  double memory_gib = 0;
};
util::Result<PodRequests> pod_requests(const nlohmann::json& pod_spec);

/// Fills item.components (and item.detail) for a Kubernetes object of
/// item.kind; false when the kind costs nothing by itself. Errors: bad
/// quantities or schedules, naming the object ("Deployment shop/web:
/// container app: cpu: \"x\" is not a Kubernetes quantity").
util::Result<bool> price_kubernetes(const nlohmann::json& object, const Rates& rates, const HpaIndex& hpas,
                                    LineItem& item);

} // namespace pave::cost
