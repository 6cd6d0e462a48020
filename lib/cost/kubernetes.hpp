#pragma once
/// Prices of Kubernetes objects: workloads from their pods' resource
/// requests times their replicas, PersistentVolumeClaims (and StatefulSet
/// volume claim templates) from their size and storage class, LoadBalancer
/// Services (NLB) and ALB Ingresses.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <string_view>

#include <pave/cost/estimate.hpp>
#include <pave/cost/json_member.hpp>
#include <pave/cost/rates.hpp>
#include <pave/util/strings.hpp>

namespace pave::cost {

/// HorizontalPodAutoscalers by target: "NAMESPACE/KIND/NAME" -> {min, max}.
/// Hashed: every workload of a state is looked up in it.
using HpaIndex = util::TextMap<std::pair<double, double>>;

/// The key of a workload in an HpaIndex.
std::string hpa_key(std::string_view namespace_, std::string_view kind, std::string_view name);
/// Appends hpa_key() to `out`.
void append_hpa_key(std::string& out, std::string_view namespace_, std::string_view kind, std::string_view name);

/// Adds `hpa` (an autoscaling/v1 or v2 HorizontalPodAutoscaler) to `index`.
void index_hpa(Value hpa, HpaIndex& index);

/// Effective requests of a pod spec: the larger of the sum over containers
/// and the largest init container, for CPU (cores) and memory (GiB).
struct PodRequests
{
  double cpu = 0;
  double memory_gib = 0;
};
util::Result<PodRequests> pod_requests(Value pod_spec);

/// False when a Kubernetes object of `kind` never costs anything by itself
/// (ConfigMap, HorizontalPodAutoscaler ...): price_kubernetes() returns false
/// for it without looking further. True for the kinds it prices (a Service
/// only as type LoadBalancer, an Ingress only of class alb).
bool kind_may_cost(std::string_view kind);

/// Fills item.components (and item.detail) for a Kubernetes object of
/// item.kind; false when the kind costs nothing by itself. Errors: bad
/// quantities or schedules, naming the object ("Deployment shop/web:
/// container app: cpu: \"x\" is not a Kubernetes quantity").
util::Result<bool> price_kubernetes(Value object, const Rates& rates, const HpaIndex& hpas,
                                    LineItem& item);

} // namespace pave::cost
