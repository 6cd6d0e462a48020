#pragma once
/// [failover] of pave.toml: the two sites of an active-passive pair, the DNS
/// record that points at the active one, and the recovery objectives. Parsed
/// from the raw table project::Project::reserved["failover"]; every key is
/// listed once in config.cpp, and an unknown key is an error naming the file
/// and the key (with a "did you mean").
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/project/project.hpp>
#include <pave/util/diagnostics.hpp>
#include <pave/util/expected.hpp>

namespace pave::failover {

/// One HTTP health endpoint of a site.
struct HealthEndpoint
{
  std::string url;
  long expect_status = 200;
  std::string expect_body; ///< substring the body must contain ("" = any)
  std::chrono::milliseconds timeout{std::chrono::seconds(5)};
  int failures = 3;        ///< consecutive failed probes before the site counts as down
  std::chrono::milliseconds interval{std::chrono::seconds(1)}; ///< between probes
};

struct Site
{
  std::string name; ///< "primary" or "secondary"
  // Kubernetes side (optional).
  std::string kubeconfig;   ///< "" = KUBECONFIG or ~/.kube/config
  std::string kube_context; ///< "" = no Kubernetes side
  std::string namespace_;
  std::vector<std::string> deployments; ///< scaled to `replicas` when the site becomes active
  int replicas = 1;
  // Auto Scaling side (optional).
  std::string autoscaling_group;
  int desired_capacity = 1; ///< DesiredCapacity when the site becomes active
  std::string region;       ///< of the group; default [failover.dns] region, then AWS_REGION
  std::vector<HealthEndpoint> health;
  std::string dns_target; ///< the record value while this site is active (IP or host name)
  /// The pave environment whose target is this site: where runbook step 3
  /// (restore_backup = true) restores the newest backup; "" = none.
  std::string environment;

  bool has_kube() const { return !kube_context.empty(); }
  bool has_asg() const { return !autoscaling_group.empty(); }
};

enum class Provider { powerdns, route53 };
enum class Routing { simple, weighted, failover };

struct DnsConfig
{
  Provider provider = Provider::powerdns;
  std::string record; ///< fully qualified, with the trailing dot added when missing
  std::string type = "A";
  long ttl = 60;
  /// Authoritative server "HOST:PORT" (or HOST, port 53) for the real DNS
  /// query of status and step 5; "" = verify through the provider's API only.
  std::string nameserver;
  // PowerDNS
  std::string api_url;   ///< http://127.0.0.1:8081 (without /api/v1)
  std::string api_key;   ///< literal key, or
  std::string api_key_env = "PDNS_API_KEY"; ///< the environment variable holding it
  std::string server_id = "localhost";
  std::string zone; ///< PowerDNS zone, or the Route 53 zone name (when no zone_id)
  // Route 53
  std::string zone_id;
  Routing routing = Routing::simple;
  long weight = 100; ///< weighted routing: the active site's weight (the standby's is 0)
  std::string region, aws_profile, endpoint_url;
  std::chrono::milliseconds propagation_timeout{std::chrono::minutes(5)}; ///< INSYNC / answer wait
};

struct Config
{
  std::string source; ///< "pave.toml" path, for errors
  Site primary, secondary;
  DnsConfig dns;
  std::optional<std::chrono::milliseconds> rto; ///< target
  std::optional<std::chrono::milliseconds> rpo; ///< target
  bool restore_backup = false;                   ///< runbook step 3
  std::chrono::milliseconds ready_timeout{std::chrono::minutes(10)}; ///< step 2 and step 5 health wait
  std::optional<std::chrono::milliseconds> drill_interval; ///< status: a drill older than this is out of bounds
  std::string drill_record; ///< [failover.drill] record: switched by drills instead of dns.record ("" = dry-run drills)

  const Site& site(std::string_view name) const { return name == "secondary" ? secondary : primary; }
};

/// Parses [failover]. Errors are one line naming the file and the key:
///   "pave.toml: [failover.dns] unknown key \"zoen\" (did you mean \"zone\"?)"
///   "pave.toml: [failover.primary] health[0].url is required"
util::Result<Config> parse_config(const nlohmann::json& table, const std::string& source);

/// The [failover] table of `environment`: the base table with
/// [failover.environments.ENV] merged over it (RFC 7386 merge patch: tables
/// merge key by key, arrays such as health are replaced), so that a staging
/// environment names its own sites, record and drill record. Errors for a
/// table under [failover.environments] that names no environment of `names`.
util::Result<nlohmann::json> environment_table(const nlohmann::json& table, const std::string& environment,
                                               const std::vector<std::string>& names, const std::string& source);

/// parse_config of environment_table(project.reserved["failover"], environment);
/// error when the project has no [failover].
util::Result<Config> load_config(const project::Project& project, const std::string& environment);

/// Checks [failover] (`table`, as kept raw in Project::reserved) for `pave
/// validate`: the base table and every environment's merged table parse; the
/// first problem is reported as one diagnostic on the project file.
void check(const nlohmann::json& table, const project::Project& project, util::Diagnostics& diags);

/// The other site's name ("primary" <-> "secondary").
std::string other_site(std::string_view name);

/// "name." for "name" (DNS names are compared fully qualified).
std::string fqdn(std::string_view name);

} // namespace pave::failover
