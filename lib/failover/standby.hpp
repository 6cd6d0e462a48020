#pragma once
/// A site's capacity: its Kubernetes Deployments (through lib/kube) and its
/// Auto Scaling group (through lib/cloud/aws/autoscaling) — how ready it is,
/// scaling it up for takeover, and waiting until it is ready.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pave/cloud/aws/session.hpp>
#include <pave/failover/config.hpp>
#include <pave/kube/client.hpp>
#include <pave/util/clock.hpp>

namespace pave::failover {

struct DeploymentReadiness
{
  std::string name;
  bool exists = false;
  long replicas = 0; ///< spec.replicas
  long ready = 0;    ///< status.readyReplicas (of the current generation)
  bool rolled_out = false;
};

struct GroupReadiness
{
  std::string name;
  bool exists = false;
  long desired = 0;
  long in_service = 0;
};

struct Readiness
{
  std::string site;
  std::vector<DeploymentReadiness> deployments;
  std::optional<GroupReadiness> group;

  /// Everything exists and has at least `wanted` ready (the site's active
  /// capacity: replicas / desired_capacity); `wanted` false: what is asked
  /// for now is ready.
  bool ready_for_takeover(const Site& site) const;
  /// True when a deployment or the group is missing.
  bool missing() const;
  /// "web 2/2 ready, asg-b 2/2 in service".
  std::string summary() const;
};

/// One request a scale-up sends, for --dry-run.
struct ScaleRequest
{
  std::string method, target, body;
};

class SiteControl
{
public:
  /// Connects lazily: nothing is sent before the first call.
  SiteControl(const Site& site, const DnsConfig& dns, util::Clock& clock = util::system_clock());
  ~SiteControl();

  util::Result<Readiness> readiness();
  /// The requests scale_up() sends.
  std::vector<ScaleRequest> scale_requests() const;
  /// Scales each deployment to at least site.replicas (scale subresource,
  /// merge patch; a deployment already at or above is left alone) and the
  /// group's DesiredCapacity to at least site.desired_capacity (MaxSize
  /// raised when needed). Idempotent. Returns one line per change made.
  util::Result<std::vector<std::string>> scale_up();
  /// Polls readiness() every second until ready_for_takeover or `timeout`.
  util::Result<Readiness> wait_ready(std::chrono::milliseconds timeout);

private:
  util::Result<kube::Client*> kube();
  util::Result<cloud::aws::Client*> aws();

  const Site& m_site;
  const DnsConfig& m_dns;
  util::Clock& m_clock;
  std::unique_ptr<kube::Client> m_kube;
  std::optional<cloud::aws::Session> m_aws;
};

} // namespace pave::failover
