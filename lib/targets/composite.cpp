#include <pave/targets/composite.hpp>

#include <algorithm>

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

util::Result<void> CompositeTarget::visit_live(const std::vector<plan::ObjectRef>& refs, const LiveVisitor& visit)
{
  const auto cloud = static_cast<std::size_t>(
    std::count_if(refs.begin(), refs.end(), [](const plan::ObjectRef& r) { return cloud_api(r.api_version); }));
  if (cloud == 0 || cloud == refs.size()) { // one side (a backup's refs are all Kubernetes objects): no copy
    if (refs.empty()) {
      return {};
    }
    PAVE_TRY_ASSIGN(Target * t, side(refs.front().api_version));
    return t->visit_live(refs, visit);
  }
  for (const bool want_cloud : {false, true}) {
    std::vector<plan::ObjectRef> part;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < refs.size(); ++i) {
      if (cloud_api(refs[i].api_version) == want_cloud) {
        part.push_back(refs[i]);
        index.push_back(i);
      }
    }
    PAVE_TRY_ASSIGN(Target * t, side(part.front().api_version));
    PAVE_TRY(t->visit_live(part, [&](std::size_t i, nlohmann::json&& object) { return visit(index[i], std::move(object)); }));
  }
  return {};
}

util::Result<std::vector<std::string>> CompositeTarget::visit_objects(const ListQuery& query, const ObjectVisitor& visit)
{
  PAVE_TRY_ASSIGN(Target * t, side("v1"));
  return t->visit_objects(query, visit);
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
