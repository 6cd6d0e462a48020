#include <pave/failover/standby.hpp>

#include <fmt/format.h>

#include <pave/cloud/aws/autoscaling.hpp>
#include <pave/kube/rollout.hpp>
#include <pave/util/strings.hpp>

namespace pave::failover {

namespace asg = cloud::aws::autoscaling;

bool Readiness::missing() const
{
  for (const auto& d : deployments) {
    if (!d.exists) {
      return true;
    }
  }
  return group && !group->exists;
}

bool Readiness::ready_for_takeover(const Site& site) const
{
  for (const auto& d : deployments) {
    if (!d.exists || d.ready < site.replicas || !d.rolled_out) {
      return false;
    }
  }
  return !group || (group->exists && group->in_service >= site.desired_capacity);
}

std::string Readiness::summary() const
{
  std::vector<std::string> parts;
  for (const auto& d : deployments) {
    parts.push_back(d.exists ? fmt::format("{} {}/{} ready", d.name, d.ready, d.replicas)
                             : fmt::format("{} missing", d.name));
  }
  if (group) {
    parts.push_back(group->exists ? fmt::format("{} {}/{} in service", group->name, group->in_service, group->desired)
                                  : fmt::format("{} missing", group->name));
  }
  return parts.empty() ? "no capacity declared" : util::join(parts, ", ");
}

SiteControl::SiteControl(const Site& site, const DnsConfig& dns, util::Clock& clock)
  : m_site(site), m_dns(dns), m_clock(clock)
{
}

SiteControl::~SiteControl() = default;

util::Result<kube::Client*> SiteControl::kube()
{
  if (!m_kube) {
    kube::KubeconfigOptions ko;
    ko.path = m_site.kubeconfig;
    ko.context = m_site.kube_context;
    auto config = kube::load_kubeconfig(ko);
    if (!config) {
      return util::fail("{} site: {}", m_site.name, config.error().message);
    }
    kube::ConnectOptions co;
    co.timeout = std::chrono::seconds(15);
    PAVE_TRY_ASSIGN(m_kube, kube::connect(*config, co));
  }
  return m_kube.get();
}

util::Result<cloud::aws::Client*> SiteControl::aws()
{
  if (!m_aws) {
    cloud::aws::SessionOptions so;
    so.region = m_site.region.empty() ? m_dns.region : m_site.region;
    so.profile = m_dns.aws_profile;
    so.endpoint_url = m_dns.endpoint_url;
    so.timeout = std::chrono::seconds(30);
    PAVE_TRY_ASSIGN(auto s, cloud::aws::open_session(so));
    m_aws = std::move(s);
  }
  return m_aws->client.get();
}

namespace {

std::string scale_path(const Site& site, const std::string& name)
{
  return fmt::format("/apis/apps/v1/namespaces/{}/deployments/{}/scale", site.namespace_, name);
}

} // namespace

util::Result<Readiness> SiteControl::readiness()
{
  Readiness r;
  r.site = m_site.name;
  if (!m_site.deployments.empty()) {
    PAVE_TRY_ASSIGN(kube::Client * k, kube());
    PAVE_TRY_ASSIGN(const kube::ResourceInfo info, k->resolve("apps/v1", "Deployment"));
    for (const auto& name : m_site.deployments) {
      DeploymentReadiness d;
      d.name = name;
      auto obj = k->get(info, m_site.namespace_, name);
      if (!obj) {
        return util::fail("{} site: deployment {}/{}: {}", m_site.name, m_site.namespace_, name,
                          obj.error().message);
      }
      if (*obj) {
        const auto& o = **obj;
        d.exists = true;
        d.replicas = o.value("/spec/replicas"_json_pointer, 1L);
        d.ready = o.value("/status/readyReplicas"_json_pointer, 0L);
        d.rolled_out = kube::rollout_status(o).done;
      }
      r.deployments.push_back(std::move(d));
    }
  }
  if (m_site.has_asg()) {
    PAVE_TRY_ASSIGN(cloud::aws::Client * c, aws());
    auto g = asg::describe_group(*c, m_site.autoscaling_group);
    if (!g) {
      return util::fail("{} site: Auto Scaling group {}: {}", m_site.name, m_site.autoscaling_group,
                        g.error().describe());
    }
    GroupReadiness gr;
    gr.name = m_site.autoscaling_group;
    if (*g) {
      gr.exists = true;
      gr.desired = (*g)->capacity.desired;
      gr.in_service = (*g)->in_service;
    }
    r.group = gr;
  }
  return r;
}

std::vector<ScaleRequest> SiteControl::scale_requests() const
{
  std::vector<ScaleRequest> out;
  for (const auto& name : m_site.deployments) {
    out.push_back({"PATCH", fmt::format("{} {}", m_site.kube_context, scale_path(m_site, name)),
                   fmt::format(R"({{"spec":{{"replicas":{}}}}})", m_site.replicas)});
  }
  if (m_site.has_asg()) {
    out.push_back({"POST", "autoscaling UpdateAutoScalingGroup",
                   fmt::format("AutoScalingGroupName={}&DesiredCapacity={} (MaxSize raised to it when lower)",
                               m_site.autoscaling_group, m_site.desired_capacity)});
  }
  return out;
}

util::Result<std::vector<std::string>> SiteControl::scale_up()
{
  std::vector<std::string> done;
  PAVE_TRY_ASSIGN(const Readiness now, readiness());
  if (now.missing()) {
    return util::fail("{} site cannot take over: {}", m_site.name, now.summary());
  }
  for (const auto& d : now.deployments) {
    if (d.replicas >= m_site.replicas) {
      continue;
    }
    PAVE_TRY_ASSIGN(kube::Client * k, kube());
    auto r = k->request("PATCH", scale_path(m_site, d.name),
                        fmt::format(R"({{"spec":{{"replicas":{}}}}})", m_site.replicas), "application/merge-patch+json");
    if (!r) {
      return util::fail("{} site: scaling deployment {}: {}", m_site.name, d.name, r.error().message);
    }
    if (!r->ok()) {
      return util::fail("{} site: scaling deployment {}: HTTP {}: {}", m_site.name, d.name, r->status,
                        r->body.substr(0, 200));
    }
    done.push_back(fmt::format("deployment {}/{} scaled {} -> {}", m_site.namespace_, d.name, d.replicas,
                               m_site.replicas));
  }
  if (now.group && now.group->desired < m_site.desired_capacity) {
    PAVE_TRY_ASSIGN(cloud::aws::Client * c, aws());
    auto g = asg::describe_group(*c, m_site.autoscaling_group);
    if (!g || !*g) {
      return util::fail("{} site: Auto Scaling group {} vanished", m_site.name, m_site.autoscaling_group);
    }
    asg::Capacity cap = (*g)->capacity;
    cap.desired = m_site.desired_capacity;
    cap.max = std::max(cap.max, cap.desired);
    cap.min = std::min(cap.min, cap.desired);
    auto u = asg::update_capacity(*c, m_site.autoscaling_group, cap);
    if (!u) {
      return util::fail("{} site: Auto Scaling group {}: {}", m_site.name, m_site.autoscaling_group,
                        u.error().describe());
    }
    done.push_back(fmt::format("group {} desired {} -> {}", m_site.autoscaling_group, now.group->desired,
                               cap.desired));
  }
  return done;
}

util::Result<Readiness> SiteControl::wait_ready(std::chrono::milliseconds timeout)
{
  const auto deadline = m_clock.now() + timeout;
  for (;;) {
    PAVE_TRY_ASSIGN(Readiness r, readiness());
    if (r.ready_for_takeover(m_site)) {
      return r;
    }
    if (m_clock.now() >= deadline) {
      return util::fail("{} site not ready after {} s: {}", m_site.name, timeout.count() / 1000, r.summary());
    }
    m_clock.sleep_for(std::chrono::milliseconds(500));
  }
}

} // namespace pave::failover
