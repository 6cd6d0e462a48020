#include <pave/targets/composite.hpp>

#include <pave/cloud/desired.hpp>

namespace pave::targets {

namespace {

bool cloud_api(std::string_view api_version)
{
  const auto slash = api_version.find('/');
  return slash != std::string_view::npos && cloud::is_cloud_group(api_version.substr(0, slash));
}

} // namespace

CompositeTarget::CompositeTarget(TargetFactory cluster, std::string cluster_description, TargetFactory cloud)
  : m_cluster{std::move(cluster), nullptr, std::nullopt},
    m_cloud{std::move(cloud), nullptr, std::nullopt},
    m_cluster_description(std::move(cluster_description))
{
}

util::Result<Target*> CompositeTarget::side(std::string_view api_version)
{
  const std::lock_guard lock(m_mutex);
  Side& s = cloud_api(api_version) ? m_cloud : m_cluster;
  if (!s.target && !s.error) {
    auto opened = s.factory();
    if (opened) {
      s.target = std::move(*opened);
    } else {
      s.error = opened.error();
    }
  }
  if (s.error) {
    return std::unexpected(*s.error);
  }
  return s.target.get();
}

std::string CompositeTarget::describe() const
{
  return m_cloud.target ? m_cluster_description + " and " + m_cloud.target->describe() : m_cluster_description;
}

plan::ScopeFn CompositeTarget::scope()
{
  return [this](const std::string& api_version, const std::string& kind) -> util::Result<bool> {
    if (cloud_api(api_version)) {
      return false; // cloud objects have no namespace
    }
    PAVE_TRY_ASSIGN(Target * t, side(api_version));
    return t->scope()(api_version, kind);
  };
}

util::Result<std::map<std::string, nlohmann::json>> CompositeTarget::refresh(const std::vector<plan::ObjectRef>& refs)
{
  std::vector<plan::ObjectRef> cluster, cloud;
  for (const auto& r : refs) {
    (cloud_api(r.api_version) ? cloud : cluster).push_back(r);
  }
  std::map<std::string, nlohmann::json> live;
  for (auto* group : {&cluster, &cloud}) {
    if (group->empty()) {
      continue;
    }
    PAVE_TRY_ASSIGN(Target * t, side(group->front().api_version));
    PAVE_TRY_ASSIGN(auto part, t->refresh(*group));
    live.merge(part);
  }
  return live;
}

util::Result<ListedObjects> CompositeTarget::list_objects(const ListQuery& query)
{
  PAVE_TRY_ASSIGN(Target * t, side("v1"));
  return t->list_objects(query);
}

util::Result<nlohmann::json> CompositeTarget::apply(const nlohmann::json& object, const ApplyOptions& options)
{
  PAVE_TRY_ASSIGN(Target * t, side(object.value("apiVersion", "")));
  return t->apply(object, options);
}

util::Result<void> CompositeTarget::remove(const plan::ObjectRef& ref)
{
  PAVE_TRY_ASSIGN(Target * t, side(ref.api_version));
  return t->remove(ref);
}

util::Result<Rollout> CompositeTarget::rollout(const plan::ObjectRef& ref)
{
  PAVE_TRY_ASSIGN(Target * t, side(ref.api_version));
  return t->rollout(ref);
}

util::Result<std::map<std::string, Rollout>> CompositeTarget::rollouts(const std::vector<plan::ObjectRef>& refs)
{
  std::vector<plan::ObjectRef> cluster, cloud;
  for (const auto& r : refs) {
    (cloud_api(r.api_version) ? cloud : cluster).push_back(r);
  }
  std::map<std::string, Rollout> out;
  for (auto* group : {&cluster, &cloud}) {
    if (group->empty()) {
      continue;
    }
    PAVE_TRY_ASSIGN(Target * t, side(group->front().api_version));
    PAVE_TRY_ASSIGN(auto part, t->rollouts(*group));
    out.merge(part);
  }
  return out;
}

chart::LookupFn CompositeTarget::lookup()
{
  // Opening the cluster only when a template calls lookup.
  return [this](std::string_view api_version, std::string_view kind, std::string_view ns,
                std::string_view name) -> util::Result<tmpl::Value> {
    PAVE_TRY_ASSIGN(Target * t, side(api_version));
    auto fn = t->lookup();
    if (!fn) {
      return tmpl::Value::map();
    }
    return fn(api_version, kind, ns, name);
  };
}

} // namespace pave::targets
