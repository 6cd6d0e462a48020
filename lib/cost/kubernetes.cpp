#include <pave/cost/kubernetes.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include <pave/cost/cron.hpp>
#include <pave/cost/json_member.hpp>
#include <pave/cost/quantity.hpp>
#include <pave/util/number_text.hpp>

namespace pave::cost {

namespace {

/// The elements of an array (none for any other value).
simdjson::dom::array elements(Value v)
{
  simdjson::dom::array a;
  if (v.get_array().get(a) != simdjson::SUCCESS) {
    static const simdjson::dom::array k_empty = [] {
      static simdjson::dom::parser parser;
      simdjson::dom::array e;
      if (parser.parse(std::string_view("[]")).get_array().get(e) != simdjson::SUCCESS) {
        std::abort();
      }
      return e;
    }();
    return k_empty;
  }
  return a;
}

util::Result<PodRequests> container_requests(Value container)
{
  PodRequests r;
  const Value resources = json_member(container, "resources");
  const Value req = json_member(resources, "requests");
  // Kubernetes defaults a missing request to the limit.
  Value cpu = json_member(req, "cpu");
  Value mem = json_member(req, "memory");
  if (cpu.is_null() || mem.is_null()) {
    const Value lim = json_member(resources, "limits");
    cpu = cpu.is_null() ? json_member(lim, "cpu") : cpu;
    mem = mem.is_null() ? json_member(lim, "memory") : mem;
  }
  const Value name_value = json_member(container, "name");
  const std::string_view name = name_value.is_string() ? string_of(name_value) : std::string_view("?");
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

std::string volume_type(Value storage_class, const Rates& rates)
{
  if (storage_class.is_string()) {
    const auto it = rates.config->storage_classes.find(std::string(string_of(storage_class)));
    if (it != rates.config->storage_classes.end()) {
      return it->second;
    }
  }
  return rates.config->default_volume_type;
}

/// Storage components of a claim spec, `copies` times (StatefulSet replicas).
util::Result<void> price_claim(Value spec, double copies, double copies_max, const Rates& rates,
                               const std::string& usage_name, LineItem& item)
{
  const Value size = json_member(json_member(json_member(spec, "resources"), "requests"), "storage");
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
  if (n == 1) {
    return "1 pod";
  }
  std::string text;
  util::append_general(text, n);
  return text + " pods";
}

} // namespace

void append_hpa_key(std::string& out, std::string_view namespace_, std::string_view kind, std::string_view name)
{
  out.append(namespace_).append("/").append(kind).append("/").append(name);
}

std::string hpa_key(std::string_view namespace_, std::string_view kind, std::string_view name)
{
  std::string key;
  key.reserve(namespace_.size() + kind.size() + name.size() + 2);
  append_hpa_key(key, namespace_, kind, name);
  return key;
}

void index_hpa(Value hpa, HpaIndex& index)
{
  const Value spec = json_member(hpa, "spec");
  const Value target = json_member(spec, "scaleTargetRef");
  if (!json_member(target, "kind").is_string() || !json_member(target, "name").is_string()) {
    return;
  }
  const Value ns = json_member(json_member(hpa, "metadata"), "namespace");
  const double min = std::max(1.0, number_or(json_member(spec, "minReplicas"), 1));
  const double max = std::max(min, number_or(json_member(spec, "maxReplicas"), min));
  index[hpa_key(string_of(ns), string_of(json_member(target, "kind")), string_of(json_member(target, "name")))] = {min,
                                                                                                                  max};
}

util::Result<PodRequests> pod_requests(Value pod_spec)
{
  PodRequests sum;
  for (const Value c : elements(json_member(pod_spec, "containers"))) {
    PAVE_TRY_ASSIGN(const PodRequests r, container_requests(c));
    sum.cpu += r.cpu;
    sum.memory_gib += r.memory_gib;
  }
  for (const Value c : elements(json_member(pod_spec, "initContainers"))) {
    PAVE_TRY_ASSIGN(const PodRequests r, container_requests(c));
    sum.cpu = std::max(sum.cpu, r.cpu);
    sum.memory_gib = std::max(sum.memory_gib, r.memory_gib);
  }
  const Value overhead = json_member(pod_spec, "overhead");
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

bool kind_may_cost(std::string_view kind)
{
  static constexpr std::array<std::string_view, 11> k_kinds{
      "CronJob", "DaemonSet", "Deployment", "Ingress", "Job", "PersistentVolumeClaim", "Pod", "ReplicaSet",
      "ReplicationController", "Service", "StatefulSet"};
  return std::find(k_kinds.begin(), k_kinds.end(), kind) != k_kinds.end();
}

util::Result<bool> price_kubernetes(Value object, const Rates& rates, const HpaIndex& hpas, LineItem& item)
{
  const std::string& kind = item.kind;
  if (!kind_may_cost(kind)) { // the one list of kinds priced below
    return false;
  }
  const Value spec = json_member(object, "spec");
  std::optional<Value> pod_spec;
  double replicas = 1, replicas_max = 1, hours = rates.hours;
  std::string detail;
  detail.reserve(64); // "HPA 2-10 replicas; 0.25 vCPU, 0.5 GiB a pod": one allocation
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "ReplicaSet" || kind == "ReplicationController") {
    pod_spec = json_member(json_member(spec, "template"), "spec");
    replicas = std::max(0.0, number_or(json_member(spec, "replicas"), 1));
    replicas_max = replicas;
    auto hpa = hpas.end();
    if (!hpas.empty()) {
      thread_local std::string key; // made on every workload: not allocated each time
      key.clear();
      append_hpa_key(key, item.namespace_, kind, item.name);
      hpa = hpas.find(std::string_view(key));
    }
    if (hpa != hpas.end()) {
      replicas = hpa->second.first;
      replicas_max = hpa->second.second;
      detail = "HPA ";
      util::append_general(detail, replicas);
      detail += '-';
      util::append_general(detail, replicas_max);
      detail += " replicas";
    } else if (replicas == 1) {
      detail = "1 replica";
    } else {
      util::append_general(detail, replicas);
      detail += " replicas";
    }
  } else if (kind == "DaemonSet") {
    pod_spec = json_member(json_member(spec, "template"), "spec");
    replicas = rates.usage->number("DaemonSet", item.name, "nodes", rates.config->nodes);
    replicas_max = replicas;
    detail = fmt::format("on {:g} nodes", replicas);
  } else if (kind == "Pod") {
    pod_spec = spec;
    detail = "1 pod";
  } else if (kind == "Job") {
    pod_spec = json_member(json_member(spec, "template"), "spec");
    replicas = replicas_max = std::max(1.0, number_or(json_member(spec, "parallelism"), 1));
    hours = rates.usage->number("Job", item.name, "monthly_hours", 1);
    detail = fmt::format("{}, {:g} h a month", pods_text(replicas), hours);
  } else if (kind == "CronJob") {
    const Value job = json_member(json_member(spec, "jobTemplate"), "spec");
    pod_spec = json_member(json_member(job, "template"), "spec");
    replicas = replicas_max = std::max(1.0, number_or(json_member(job, "parallelism"), 1));
    const nlohmann::json* given = rates.usage->find("CronJob", item.name, "monthly_hours");
    if (given != nullptr) {
      hours = given->get<double>();
      detail = fmt::format("{}, {:g} h a month", pods_text(replicas), hours);
    } else {
      auto runs = runs_per_month(std::string(string_of(json_member(spec, "schedule"))));
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
    const Value size = json_member(json_member(json_member(spec, "resources"), "requests"), "storage");
    item.detail = size.is_string() ? std::string(string_of(size)) + " " + volume_type(json_member(spec, "storageClassName"), rates)
                                   : "no size";
    return true;
  } else if (kind == "Service") {
    if (string_of(json_member(spec, "type")) != "LoadBalancer") {
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
    const Value annotations = json_member(json_member(object, "metadata"), "annotations");
    const bool alb = string_of(json_member(spec, "ingressClassName")) == "alb" ||
                     string_of(json_member(annotations, "kubernetes.io/ingress.class")) == "alb";
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
  if (kind == "StatefulSet") {
    for (const Value claim : elements(json_member(spec, "volumeClaimTemplates"))) {
      auto r = price_claim(json_member(claim, "spec"), replicas, replicas_max, rates, item.name, item);
      if (!r) {
        return util::fail("{}: volume claim template: {}", what(item), r.error().message);
      }
    }
  }
  item.detail = std::move(detail);
  if (requests->cpu == 0 && requests->memory_gib == 0) {
    item.detail += "; no resource requests";
  } else {
    item.detail += "; ";
    util::append_general(item.detail, requests->cpu);
    item.detail += " vCPU, ";
    util::append_general(item.detail, requests->memory_gib, 3);
    item.detail += " GiB a pod";
  }
  return true;
}

} // namespace pave::cost
