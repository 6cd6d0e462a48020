#include <pave/cost/estimator.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pave/cost/cloud.hpp>
#include <pave/cost/kubernetes.hpp>
#include <pave/util/parallel.hpp>
#include <pave/util/prefault.hpp>

namespace pave::cost {

namespace {

bool is_cloud(std::string_view api_version)
{
  const auto slash = api_version.find('/');
  const std::string_view group = slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
  return group == "pave.dev" || group.ends_with(".pave.dev");
}

void copy_tags(Value from, std::map<std::string, std::string>& to)
{
  simdjson::dom::object o;
  if (from.get_object().get(o) != simdjson::SUCCESS) {
    return;
  }
  for (const auto [k, v] : o) {
    if (v.is_string()) {
      to.emplace(std::string(k), std::string(string_of(v)));
    }
  }
}

/// nlohmann objects parsed once into one simdjson document.
class JsonObjects final : public ObjectSource
{
public:
  explicit JsonObjects(const std::vector<Resource>& resources) : m_resources(resources) {}

  util::Result<void> parse()
  {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& r : m_resources) {
      all.push_back(r.object != nullptr ? *r.object : nlohmann::json());
    }
    simdjson::dom::array a;
    if (m_parser.parse(all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).get_array().get(a) !=
        simdjson::SUCCESS) {
      return util::fail("cannot read the objects to price"); // not reached: nlohmann writes valid JSON
    }
    for (const Value v : a) {
      m_values.push_back(v);
    }
    return {};
  }
  std::size_t size() const override { return m_resources.size(); }
  util::Result<Object> read(std::size_t i, simdjson::dom::parser&) const override
  {
    Object o{m_resources[i].address, m_resources[i].app, std::nullopt};
    if (!m_values[i].is_null()) {
      o.object = m_values[i];
    }
    return o;
  }

private:
  const std::vector<Resource>& m_resources;
  simdjson::dom::parser m_parser;
  std::vector<Value> m_values;
};

/// What one chunk of resources came to: how many cost nothing, and the first error.
struct Chunk
{
  int unpriced = 0;
  std::optional<util::Error> error;
};

constexpr std::string_view k_hpa_kind = "HorizontalPodAutoscaler";

/// The HPAs of `source` (the last of a key wins, as in source order), read on
/// `threads` threads by chunks of `chunk`: only the resources that may be one
/// (by type_of() when the source can tell, or else may_be_kind()).
/// A record that cannot be read is skipped here: pricing reads every record
/// and reports the first error in source order.
/// `free_kind[i]` is set for the resources type_of() shows to be of a kind that
/// costs nothing by itself (pricing then counts them without reading them).
HpaIndex read_hpas(const ObjectSource& source, std::size_t chunks, std::size_t chunk, int threads,
                   std::vector<char>& free_kind)
{
  std::vector<HpaIndex> found(chunks);
  util::parallel_for(chunks, threads, [&](std::size_t c) {
    simdjson::dom::parser parser;
    const std::size_t end = std::min(source.size(), (c + 1) * chunk);
    for (std::size_t i = c * chunk; i < end; ++i) {
      const auto type = source.type_of(i);
      free_kind[i] = type && !is_cloud(type->api_version) && !kind_may_cost(type->kind) ? 1 : 0;
      if (type ? type->kind != k_hpa_kind : !source.may_be_kind(i, k_hpa_kind)) {
        continue;
      }
      const auto r = source.read(i, parser);
      if (r && r->object && string_of(json_member(*r->object, "kind")) == k_hpa_kind) {
        index_hpa(*r->object, found[c]);
      }
    }
  });
  HpaIndex all;
  for (auto& one : found) {
    for (auto& entry : one) {
      all.insert_or_assign(entry.first, entry.second);
    }
  }
  return all;
}

/// price_resource() into `item` (empty): false when the resource costs nothing.
util::Result<bool> price_into(const Object& r, const Rates& rates, const HpaIndex& hpas, const std::string& environment,
                              LineItem& item)
{
  if (!r.object) {
    return false;
  }
  const Value o = *r.object;
  const Value meta = json_member(o, "metadata");
  item.components.reserve(2); // CPU and memory: one allocation for most workloads
  item.kind = std::string(string_of(json_member(o, "kind")));
  const std::string_view api_version = string_of(json_member(o, "apiVersion"));
  item.name = std::string(string_of(json_member(meta, "name")));
  item.namespace_ = std::string(string_of(json_member(meta, "namespace")));
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
    return false;
  }
  item.address = std::string(r.address);
  item.app = std::string(r.app);
  item.environment = environment;
  total(item);
  return true;
}

} // namespace

util::Result<std::optional<LineItem>> price_resource(const Object& r, const Rates& rates, const HpaIndex& hpas,
                                                     const std::string& environment)
{
  LineItem item;
  PAVE_TRY_ASSIGN(const bool priced, price_into(r, rates, hpas, environment, item));
  if (!priced) {
    return std::nullopt;
  }
  return item;
}

util::Result<Estimate> estimate(const std::vector<Resource>& resources, const Rates& rates,
                                const std::string& environment)
{
  JsonObjects source(resources);
  PAVE_TRY(source.parse());
  return estimate(source, rates, environment);
}

util::Result<Estimate> estimate(const ObjectSource& source, const Rates& rates, const std::string& environment)
{
  Estimate e;
  e.environment = environment;
  e.region = rates.region_name;
  // Resources are priced independently, in chunks on up to 4 threads, each
  // reading its records with its own parser, once the HPAs are known: they
  // are read first (from a state file only the few records whose text may be
  // one), so that every workload is priced once, with its HPA's range.
  constexpr std::size_t k_chunk = 2048;
  const std::size_t n = source.size();
  std::vector<Chunk> chunks((n + k_chunk - 1) / k_chunk);
  const int threads = util::worker_threads(4);
  std::vector<char> free_kind(n, 0);
  const HpaIndex hpas = read_hpas(source, chunks.size(), k_chunk, threads, free_kind);
  // Each resource that may cost something is priced in place, into its own
  // slot of e.items (slot[i] for resource i); the slots of those that turn
  // out to cost nothing are then squeezed out. (Pricing into per-chunk
  // vectors and moving them into e.items wrote the ~25 MB of items of a
  // 100,000-resource state twice; a slot for every resource, ConfigMaps and
  // HPAs included, faulted in a fifth more memory than needed.)
  std::vector<std::size_t> slot(n);
  std::size_t slots = 0;
  for (std::size_t i = 0; i < n; ++i) {
    slot[i] = slots;
    slots += free_kind[i] != 0 ? 0 : 1;
  }
  // The items' pages are faulted in on all threads first: resize() would
  // take each fault on this one.
  e.items.reserve(slots);
  util::prefault(e.items.data(), slots * sizeof(LineItem), threads);
  e.items.resize(slots);
  std::vector<char> priced(slots, 0);
  util::parallel_for(chunks.size(), threads, [&](std::size_t c) {
    Chunk& out = chunks[c];
    simdjson::dom::parser parser;
    const std::size_t end = std::min(n, (c + 1) * k_chunk);
    for (std::size_t i = c * k_chunk; i < end; ++i) {
      if (free_kind[i] != 0) {
        ++out.unpriced; // a ConfigMap, an HPA ...: not read at all
        continue;
      }
      auto r = source.read(i, parser);
      if (!r) {
        out.error = std::move(r.error());
        return;
      }
      const auto p = price_into(*r, rates, hpas, environment, e.items[slot[i]]);
      if (!p) {
        out.error = std::move(p.error());
        return;
      }
      priced[slot[i]] = *p ? 1 : 0;
      out.unpriced += *p ? 0 : 1;
    }
  });
  for (auto& chunk : chunks) {
    if (chunk.error) {
      e.items.clear();
      return std::unexpected(std::move(*chunk.error));
    }
    e.unpriced += chunk.unpriced;
  }
  // One pass over the priced items: squeezed together, counted for the
  // warnings, checked for order and summed (in order, as total() would).
  std::size_t kept = 0;
  int no_requests = 0;
  int unpriced_asg = 0;
  bool sorted = true;
  double monthly = 0;
  double monthly_max = 0;
  for (std::size_t i = 0; i < slots; ++i) {
    if (priced[i] == 0) {
      continue;
    }
    if (kept != i) {
      e.items[kept] = std::move(e.items[i]);
    }
    const LineItem& item = e.items[kept];
    no_requests += item.detail.ends_with("no resource requests") ? 1 : 0;
    unpriced_asg += item.kind == "AutoScalingGroupCapacity" && item.components.empty() ? 1 : 0;
    sorted = sorted && (kept == 0 || e.items[kept - 1].address < item.address);
    monthly += item.monthly;
    monthly_max += item.monthly_max;
    ++kept;
  }
  e.items.erase(e.items.begin() + static_cast<std::ptrdiff_t>(kept), e.items.end());
  e.monthly = monthly;
  e.monthly_max = monthly_max;
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
    sorted = false; // its address goes before those of Kubernetes objects
  }
  if (!sorted) { // a state is sorted already
    std::stable_sort(e.items.begin(), e.items.end(),
                     [](const LineItem& a, const LineItem& b) { return a.address < b.address; });
    total(e); // in the order of the items, as above
  }
  if (no_requests > 0) {
    e.warnings.push_back(fmt::format("{} workload{} without resource requests: priced at zero", no_requests,
                                     no_requests == 1 ? " has" : "s have"));
  }
  if (unpriced_asg > 0) {
    e.warnings.push_back(fmt::format("{} Auto Scaling group{} no instance_type in the usage file: not priced",
                                     unpriced_asg, unpriced_asg == 1 ? " has" : "s have"));
  }
  return e;
}

} // namespace pave::cost
