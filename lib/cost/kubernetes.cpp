#include <pave/cost/kubernetes.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pave/cost/cron.hpp>
#include <pave/cost/json_member.hpp>
#include <pave/cost/quantity.hpp>

namespace pave::cost {

namespace {

using nlohmann::json;

double number_or(const json& j, double fallback)
{
  return j.is_number() ? j.get<double>() : fallback;
}

util::Result<PodRequests> container_requests(const json& container)
{
  PodRequests r;
  const json& req = json_member(json_member(container, "resources"), "requests");
  const json& lim = json_member(json_member(container, "resources"), "limits");
  // Kubernetes defaults a missing request to the limit.
  const json& cpu = json_member(req, "cpu").is_null() ? json_member(lim, "cpu") : json_member(req, "cpu");
  const json& mem = json_member(req, "memory").is_null() ? json_member(lim, "memory") : json_member(req, "memory");
  const auto name = json_member(container, "name").is_string() ? json_member(container, "name").get<std::string>() : std::string("?");
  if (!cpu.is_null()) {
    auto c = parse_quantity(cpu);
    if (!c) {
      return util::fail("container {}: cpu: {}", name, c.error().message);
    }
    r.cpu = *c;
  }
  if (!mem.is_null()) {
    auto m = parse_gib(mem);
    if (!m) {
      return util::fail("container {}: memory: {}", name, m.error().message);
    }
    r.memory_gib = *m;
  }
  return r;
}

std::string what(const LineItem& item)
{
  return item.namespace_.empty() ? fmt::format("{} {}", item.kind, item.name)
                                 : fmt::format("{} {}/{}", item.kind, item.namespace_, item.name);
}

std::string volume_type(const json& storage_class, const Rates& rates)
{
  if (storage_class.is_string()) {
    const auto it = rates.config->storage_classes.find(storage_class.get<std::string>());
    if (it != rates.config->storage_classes.end()) {
      return it->second;
    }
  }
  return rates.config->default_volume_type;
}

/// Storage components of a claim spec, `copies` times (StatefulSet replicas).
util::Result<void> price_claim(const json& spec, double copies, double copies_max, const Rates& rates,
                               const std::string& usage_name, LineItem& item)
{
  const json& size = json_member(json_member(json_member(spec, "resources"), "requests"), "storage");
  if (size.is_null()) {
    return {};
  }
  PAVE_TRY_ASSIGN(const double gib, parse_gib(size));
  const std::string type = volume_type(json_member(spec, "storageClassName"), rates);
  const auto it = rates.region->ebs.find(type);
  if (it == rates.region->ebs.end()) {
    return util::fail("no price for EBS volume type {} in {}", type, rates.region_name);
  }
  const EbsPrice& p = it->second;
  const double unit = p.gb_month * rates.other;
  item.components.push_back({"Storage (" + type + ")", "GiB-months", gib * copies, unit, gib * copies * unit,
                             gib * copies_max * unit});
  const double iops = rates.usage->number("PersistentVolumeClaim", usage_name, "iops", 0);
  if (p.iops_month > 0 && iops > p.included_iops) {
    const double q = iops - p.included_iops;
    const double u = p.iops_month * rates.other;
    item.components.push_back({"Provisioned IOPS (" + type + ")", "IOPS-months", q * copies, u, q * copies * u,
                               q * copies_max * u});
  }
  const double tp = rates.usage->number("PersistentVolumeClaim", usage_name, "throughput_mibps", 0);
  if (p.throughput_mibps_month > 0 && tp > p.included_throughput_mibps) {
    const double q = tp - p.included_throughput_mibps;
    const double u = p.throughput_mibps_month * rates.other;
    item.components.push_back({"Throughput (" + type + ")", "MiBps-months", q * copies, u, q * copies * u,
                               q * copies_max * u});
  }
  return {};
}

std::string pods_text(double n)
{
  return n == 1 ? "1 pod" : fmt::format("{:g} pods", n);
}

} // namespace

void index_hpa(const json& hpa, HpaIndex& index)
{
  const json& spec = json_member(hpa, "spec");
  const json& target = json_member(spec, "scaleTargetRef");
  if (!json_member(target, "kind").is_string() || !json_member(target, "name").is_string()) {
    return;
  }
  const json& ns = json_member(json_member(hpa, "metadata"), "namespace");
  const double min = std::max(1.0, number_or(json_member(spec, "minReplicas"), 1));
  const double max = std::max(min, number_or(json_member(spec, "maxReplicas"), min));
  index[fmt::format("{}/{}/{}", ns.is_string() ? ns.get<std::string>() : "", json_member(target, "kind").get<std::string>(),
                    json_member(target, "name").get<std::string>())] = {min, max};
}

util::Result<PodRequests> pod_requests(const json& pod_spec)
{
  PodRequests sum;
  for (const auto& c : json_member(pod_spec, "containers").is_array() ? json_member(pod_spec, "containers") : json::array()) {
    PAVE_TRY_ASSIGN(const PodRequests r, container_requests(c));
    sum.cpu += r.cpu;
    sum.memory_gib += r.memory_gib;
  }
  for (const auto& c : json_member(pod_spec, "initContainers").is_array() ? json_member(pod_spec, "initContainers") : json::array()) {
    PAVE_TRY_ASSIGN(const PodRequests r, container_requests(c));
    sum.cpu = std::max(sum.cpu, r.cpu);
    sum.memory_gib = std::max(sum.memory_gib, r.memory_gib);
  }
  const json& overhead = json_member(pod_spec, "overhead");
  if (!overhead.is_null()) {
    if (!json_member(overhead, "cpu").is_null()) {
      PAVE_TRY_ASSIGN(const double c, parse_quantity(json_member(overhead, "cpu")));
      sum.cpu += c;
    }
    if (!json_member(overhead, "memory").is_null()) {
      PAVE_TRY_ASSIGN(const double m, parse_gib(json_member(overhead, "memory")));
      sum.memory_gib += m;
    }
  }
  return sum;
}

util::Result<bool> price_kubernetes(const json& object, const Rates& rates, const HpaIndex& hpas, LineItem& item)
{
  const std::string& kind = item.kind;
  const json& spec = json_member(object, "spec");
  const json* pod_spec = nullptr;
  double replicas = 1, replicas_max = 1, hours = rates.hours;
  std::string detail;
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "ReplicaSet" || kind == "ReplicationController") {
    pod_spec = &json_member(json_member(spec, "template"), "spec");
    replicas = std::max(0.0, number_or(json_member(spec, "replicas"), 1));
    replicas_max = replicas;
    const auto hpa = hpas.find(fmt::format("{}/{}/{}", item.namespace_, kind, item.name));
    if (hpa != hpas.end()) {
      replicas = hpa->second.first;
      replicas_max = hpa->second.second;
      detail = fmt::format("HPA {:g}-{:g} replicas", replicas, replicas_max);
    } else {
      detail = replicas == 1 ? "1 replica" : fmt::format("{:g} replicas", replicas);
    }
  } else if (kind == "DaemonSet") {
    pod_spec = &json_member(json_member(spec, "template"), "spec");
    replicas = rates.usage->number("DaemonSet", item.name, "nodes", rates.config->nodes);
    replicas_max = replicas;
    detail = fmt::format("on {:g} nodes", replicas);
  } else if (kind == "Pod") {
    pod_spec = &spec;
    detail = "1 pod";
  } else if (kind == "Job") {
    pod_spec = &json_member(json_member(spec, "template"), "spec");
    replicas = replicas_max = std::max(1.0, number_or(json_member(spec, "parallelism"), 1));
    hours = rates.usage->number("Job", item.name, "monthly_hours", 1);
    detail = fmt::format("{}, {:g} h a month", pods_text(replicas), hours);
  } else if (kind == "CronJob") {
    const json& job = json_member(json_member(spec, "jobTemplate"), "spec");
    pod_spec = &json_member(json_member(job, "template"), "spec");
    replicas = replicas_max = std::max(1.0, number_or(json_member(job, "parallelism"), 1));
    const json* given = rates.usage->find("CronJob", item.name, "monthly_hours");
    if (given != nullptr) {
      hours = given->get<double>();
      detail = fmt::format("{}, {:g} h a month", pods_text(replicas), hours);
    } else {
      const json& schedule = json_member(spec, "schedule");
      auto runs = runs_per_month(schedule.is_string() ? schedule.get<std::string>() : std::string());
      if (!runs) {
        return util::fail("{}: {}", what(item), runs.error().message);
      }
      hours = *runs * 10.0 / 60.0; // 10 minutes a run unless the usage file says otherwise
      detail = fmt::format("{}, {:.0f} runs x 10 min a month", pods_text(replicas), *runs);
    }
  } else if (kind == "PersistentVolumeClaim") {
    auto r = price_claim(spec, 1, 1, rates, item.name, item);
    if (!r) {
      return util::fail("{}: {}", what(item), r.error().message);
    }
    const json& size = json_member(json_member(json_member(spec, "resources"), "requests"), "storage");
    item.detail = size.is_string() ? size.get<std::string>() + " " + volume_type(json_member(spec, "storageClassName"), rates)
                                   : "no size";
    return true;
  } else if (kind == "Service") {
    if (json_member(spec, "type") != "LoadBalancer") {
      return false;
    }
    const double lcu = rates.usage->number("Service", item.name, "lcu", 0);
    const double u = rates.region->nlb_hourly * rates.other;
    item.components.push_back({"Network Load Balancer", "hours", rates.hours, u, rates.hours * u, rates.hours * u});
    if (lcu > 0) {
      const double lu = rates.region->nlb_lcu_hourly * rates.other;
      item.components.push_back({"NLB capacity units", "NLCU-hours", lcu * rates.hours, lu, lcu * rates.hours * lu,
                                 lcu * rates.hours * lu});
    }
    item.detail = "type LoadBalancer (NLB)";
    return true;
  } else if (kind == "Ingress") {
    const json& annotations = json_member(json_member(object, "metadata"), "annotations");
    const bool alb = json_member(spec, "ingressClassName") == "alb" || json_member(annotations, "kubernetes.io/ingress.class") == "alb";
    if (!alb) {
      return false;
    }
    const double lcu = rates.usage->number("Ingress", item.name, "lcu", 1);
    const double u = rates.region->alb_hourly * rates.other;
    const double lu = rates.region->alb_lcu_hourly * rates.other;
    item.components.push_back({"Application Load Balancer", "hours", rates.hours, u, rates.hours * u, rates.hours * u});
    item.components.push_back({"ALB capacity units", "LCU-hours", lcu * rates.hours, lu, lcu * rates.hours * lu,
                               lcu * rates.hours * lu});
    item.detail = "ingress class alb";
    return true;
  } else {
    return false;
  }
  auto requests = pod_requests(*pod_spec);
  if (!requests) {
    return util::fail("{}: {}", what(item), requests.error().message);
  }
  const double cpu_h = requests->cpu * hours;
  const double mem_h = requests->memory_gib * hours;
  item.components.push_back({"CPU (requests)", "vCPU-hours", cpu_h * replicas, rates.vcpu_hourly,
                             cpu_h * replicas * rates.vcpu_hourly, cpu_h * replicas_max * rates.vcpu_hourly});
  item.components.push_back({"Memory (requests)", "GiB-hours", mem_h * replicas, rates.gib_hourly,
                             mem_h * replicas * rates.gib_hourly, mem_h * replicas_max * rates.gib_hourly});
  if (kind == "StatefulSet" && json_member(spec, "volumeClaimTemplates").is_array()) {
    for (const auto& claim : json_member(spec, "volumeClaimTemplates")) {
      auto r = price_claim(json_member(claim, "spec"), replicas, replicas_max, rates, item.name, item);
      if (!r) {
        return util::fail("{}: volume claim template: {}", what(item), r.error().message);
      }
    }
  }
  item.detail = fmt::format("{}; {:g} vCPU, {:.3g} GiB a pod", detail, requests->cpu, requests->memory_gib);
  if (requests->cpu == 0 && requests->memory_gib == 0) {
    item.detail = detail + "; no resource requests";
  }
  return true;
}

} // namespace pave::cost
