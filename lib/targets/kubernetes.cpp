#include <pave/targets/kubernetes.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include <pave/kube/client.hpp>
#include <pave/kube/kubeconfig.hpp>
#include <pave/kube/lookup.hpp>
#include <pave/kube/rollout.hpp>
#include <pave/util/parallel.hpp>

namespace pave::targets {

namespace {

/// More objects than this of one kind and namespace are refreshed with one list call.
constexpr std::size_t k_list_threshold = 3;
constexpr int k_refresh_parallelism = 8;

class KubernetesTarget final : public Target
{
public:
  KubernetesTarget(std::unique_ptr<kube::Client> client, std::string context, int concurrency)
    : m_client(std::move(client)), m_context(std::move(context)), m_concurrency(concurrency)
  {
  }

  std::string describe() const override
  {
    return fmt::format("kubernetes {} (context {})", m_client->server(), m_context);
  }

  plan::ScopeFn scope() override
  {
    return [this](const std::string& api_version, const std::string& kind) -> util::Result<bool> {
      PAVE_TRY_ASSIGN(kube::ResourceInfo r, m_client->resolve(api_version, kind));
      return r.namespaced;
    };
  }

  util::Result<std::map<std::string, nlohmann::json>> refresh(const std::vector<plan::ObjectRef>& refs) override
  {
    // Group by kind and namespace; each group is fetched with one list or a few gets.
    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, std::vector<const plan::ObjectRef*>> groups;
    for (const auto& ref : refs) {
      groups[{ref.api_version, ref.kind, ref.namespace_}].push_back(&ref);
    }
    std::vector<std::pair<Key, std::vector<const plan::ObjectRef*>>> work(groups.begin(), groups.end());
    std::map<std::string, nlohmann::json> live;
    std::mutex mutex;
    std::optional<util::Error> error;
    util::parallel_for(work.size(), k_refresh_parallelism, [&](std::size_t i) {
      auto found = refresh_group(work[i].second);
      const std::lock_guard lock(mutex);
      if (!found) {
        if (!error) {
          error = found.error();
        }
        return;
      }
      for (auto& [address, object] : *found) {
        live[address] = std::move(object);
      }
    });
    if (error) {
      return std::unexpected(*error);
    }
    return live;
  }

  util::Result<nlohmann::json> apply(const nlohmann::json& object, const ApplyOptions& options) override
  {
    kube::ApplyOptions ao;
    ao.force_conflicts = options.force_conflicts;
    ao.dry_run = options.dry_run;
    return m_client->apply(object, ao);
  }

  util::Result<void> remove(const plan::ObjectRef& ref) override
  {
    PAVE_TRY_ASSIGN(kube::ResourceInfo r, m_client->resolve(ref.api_version, ref.kind));
    return m_client->remove(r, ref.namespace_, ref.name, kube::DeleteOptions{});
  }

  util::Result<Rollout> rollout(const plan::ObjectRef& ref) override
  {
    PAVE_TRY_ASSIGN(kube::ResourceInfo r, m_client->resolve(ref.api_version, ref.kind));
    PAVE_TRY_ASSIGN(std::optional<nlohmann::json> object, m_client->get(r, ref.namespace_, ref.name));
    if (!object) {
      return Rollout{false, true, "it was deleted while pave waited for it"};
    }
    const kube::RolloutStatus s = kube::rollout_status(*object);
    return Rollout{s.done, s.failed, s.message};
  }

  /// One refresh (a list per kind and namespace) for all of them.
  util::Result<std::map<std::string, Rollout>> rollouts(const std::vector<plan::ObjectRef>& refs) override
  {
    PAVE_TRY_ASSIGN(auto live, refresh(refs));
    std::map<std::string, Rollout> out;
    for (const auto& ref : refs) {
      const auto it = live.find(ref.address());
      if (it == live.end()) {
        out[ref.address()] = Rollout{false, true, "it was deleted while pave waited for it"};
        continue;
      }
      const kube::RolloutStatus st = kube::rollout_status(it->second);
      out[ref.address()] = Rollout{st.done, st.failed, st.message};
    }
    return out;
  }

  chart::LookupFn lookup() override { return kube::make_lookup(*m_client); }

  util::Result<void> visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit) override
  {
    // Kinds with many objects in a namespace are listed page by page (as refresh() lists them, but
    // without holding the list); the others are fetched k_visit_batch refs at a time by refresh().
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;
    std::map<Key, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < refs.size(); ++i) {
      groups[{refs[i].api_version, refs[i].kind, refs[i].namespace_}].push_back(i);
    }
    std::vector<std::size_t> fetched; // refs of small groups
    for (const auto& [key, members] : groups) {
      if (members.size() <= k_list_threshold) {
        fetched.insert(fetched.end(), members.begin(), members.end());
        continue;
      }
      const plan::ObjectRef& first = refs[members.front()];
      auto resolved = m_client->resolve(first.api_version, first.kind);
      if (!resolved) {
        continue; // a kind the cluster does not know has no live objects
      }
      std::map<std::string_view, std::size_t> wanted;
      for (const std::size_t i : members) {
        wanted.emplace(refs[i].name, i);
      }
      PAVE_TRY(m_client->list_each(*resolved, first.namespace_, {}, [&](nlohmann::json&& item) -> util::Result<void> {
        const auto meta = item.find("metadata");
        if (meta == item.end() || !meta->is_object()) {
          return {};
        }
        const auto name = meta->find("name");
        if (name == meta->end() || !name->is_string()) {
          return {};
        }
        if (const auto it = wanted.find(name->get_ref<const std::string&>()); it != wanted.end()) {
          return visit(it->second, std::move(item));
        }
        return {};
      }));
    }
    std::vector<plan::ObjectRef> small;
    small.reserve(fetched.size());
    for (const std::size_t i : fetched) {
      small.push_back(refs[i]);
    }
    return Target::visit_live(small, [&](std::size_t j, nlohmann::json&& object) { return visit(fetched[j], std::move(object)); });
  }

  util::Result<std::vector<std::string>> visit_objects(const ListQuery& query, const ObjectVisitor& visit) override
  {
    // Kinds a backup never takes (Velero's default exclusions): generated or node-bound.
    static const std::set<std::string> k_skip = {"Event", "Node", "CSINode", "VolumeAttachment", "ComponentStatus",
                                                 "Lease", "EndpointSlice", "Endpoints", "Binding",
                                                 "TokenReview", "SubjectAccessReview", "SelfSubjectAccessReview",
                                                 "SelfSubjectRulesReview", "LocalSubjectAccessReview",
                                                 "SelfSubjectReview", "TokenRequest"};
    PAVE_TRY_ASSIGN(const auto resources, m_client->resources());
    std::vector<std::string> warnings;
    std::set<std::pair<std::string, std::string>> seen; // (group, kind): the first (preferred) version only
    for (const auto& r : resources) {
      if (k_skip.contains(r.kind) || !seen.insert({r.group, r.kind}).second) {
        continue;
      }
      if (!r.namespaced && !query.cluster_scoped) {
        continue;
      }
      std::vector<std::string> namespaces = r.namespaced ? query.namespaces : std::vector<std::string>{};
      if (namespaces.empty()) {
        namespaces.emplace_back();
      }
      for (const auto& ns : namespaces) {
        std::optional<util::Error> stopped; // the visitor's error ends the whole listing
        std::size_t visited = 0;
        auto listed = m_client->list_each(r, ns, query.label_selector, [&](nlohmann::json&& item) -> util::Result<void> {
          auto v = visit(std::move(item));
          if (!v) {
            stopped = v.error();
          }
          ++visited;
          return v;
        });
        if (stopped) {
          return std::unexpected(*stopped);
        }
        if (!listed) {
          // Pages already read were handed over: say so rather than "not listed".
          warnings.push_back(visited == 0 ? fmt::format("{}: not listed: {}", r.qualified(), listed.error().message)
                                          : fmt::format("{}: listing stopped after {} objects: {}", r.qualified(),
                                                        visited, listed.error().message));
          break;
        }
      }
    }
    return warnings;
  }

  int concurrency() const override { return m_concurrency; }

private:
  util::Result<std::map<std::string, nlohmann::json>> refresh_group(const std::vector<const plan::ObjectRef*>& refs)
  {
    const plan::ObjectRef& first = *refs.front();
    std::map<std::string, nlohmann::json> live;
    auto resolved = m_client->resolve(first.api_version, first.kind);
    if (!resolved) {
      // A kind the cluster does not know (yet: its CRD is in the plan) has no live objects.
      return live;
    }
    if (refs.size() > k_list_threshold) {
      PAVE_TRY_ASSIGN(auto items, m_client->list(*resolved, first.namespace_));
      std::map<std::string, const plan::ObjectRef*> wanted;
      for (const auto* ref : refs) {
        wanted[ref->name] = ref;
      }
      for (auto& item : items) {
        const auto name = item["metadata"].value("name", "");
        if (const auto it = wanted.find(name); it != wanted.end()) {
          live[it->second->address()] = std::move(item);
        }
      }
      return live;
    }
    for (const auto* ref : refs) {
      PAVE_TRY_ASSIGN(auto object, m_client->get(*resolved, ref->namespace_, ref->name));
      if (object) {
        live[ref->address()] = std::move(*object);
      }
    }
    return live;
  }

  std::unique_ptr<kube::Client> m_client;
  std::string m_context;
  int m_concurrency;
};

} // namespace

util::Result<std::unique_ptr<Target>> open_kubernetes(const KubernetesTargetOptions& options)
{
  kube::KubeconfigOptions ko;
  ko.path = options.kubeconfig;
  ko.context = options.context;
  PAVE_TRY_ASSIGN(kube::RestConfig config, kube::load_kubeconfig(ko));
  PAVE_TRY_ASSIGN(std::unique_ptr<kube::Client> client, kube::connect(config));
  return std::unique_ptr<Target>(
    std::make_unique<KubernetesTarget>(std::move(client), config.context, options.concurrency));
}

} // namespace pave::targets
