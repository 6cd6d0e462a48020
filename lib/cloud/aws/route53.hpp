#pragma once
/// Route 53 (REST-XML, API version 2013-04-01): hosted zones, record sets
/// (simple, weighted and failover routing with health checks), changes
/// waited on until INSYNC, and health checks. Request bodies follow the API
/// reference's element order exactly (AWS validates it against its schema;
/// moto does not), and are built by the pure functions at the end so unit
/// tests pin them as golden strings.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws::route53 {

struct HostedZone
{
  std::string id;   ///< "Z1D633PJN98FT9" (without "/hostedzone/")
  std::string name; ///< "example.com."
  std::string comment;
  bool private_zone = false;
  std::string caller_reference;
};

struct RecordSet
{
  std::string name; ///< "www.example.com."
  std::string type; ///< "A", "CNAME", ...
  std::string set_identifier;
  std::optional<long> weight;
  std::string failover; ///< "PRIMARY", "SECONDARY" or ""
  std::optional<long> ttl;
  std::vector<std::string> values;
  std::string health_check_id;
};

struct HealthCheckConfig
{
  std::string ip_address;
  std::optional<int> port;
  std::string type; ///< HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP
  std::string resource_path;
  std::string fqdn;
  std::string search_string;
  std::optional<int> request_interval; ///< 10 or 30 (immutable)
  std::optional<int> failure_threshold;
  std::optional<bool> inverted;
  std::optional<bool> disabled;
};

struct HealthCheck
{
  std::string id;
  std::string caller_reference;
  long version = 0;
  HealthCheckConfig config;
};

class Route53
{
public:
  explicit Route53(Client& client) : m_client(client) {}

  /// Creates a zone with `caller_reference` (a retried request with the same
  /// reference answers HostedZoneAlreadyExists: the zone is then looked up by
  /// name, never created twice). Returns the zone and its change id.
  AwsResult<std::pair<HostedZone, std::string>> create_hosted_zone(const HostedZone& zone);
  /// The zone named `name` ("example.com."), or nullopt.
  AwsResult<std::optional<HostedZone>> find_hosted_zone(const std::string& name);
  AwsResult<HostedZone> get_hosted_zone(const std::string& id);
  AwsResult<void> update_comment(const std::string& id, const std::string& comment);
  /// NoSuchHostedZone is success.
  AwsResult<void> delete_hosted_zone(const std::string& id);

  /// Applies one change batch; returns the change id.
  AwsResult<std::string> change_record_sets(const std::string& zone_id,
                                            const std::vector<std::pair<std::string, RecordSet>>& changes);
  /// Polls GetChange every `interval` until INSYNC or `timeout`.
  AwsResult<void> wait_insync(const std::string& change_id, std::chrono::milliseconds timeout,
                              std::chrono::milliseconds interval = std::chrono::seconds(2));
  /// Every record set of a zone (paginated).
  AwsResult<std::vector<RecordSet>> list_record_sets(const std::string& zone_id);

  /// Creates (at most once for a caller_reference) and returns the id.
  AwsResult<std::string> create_health_check(const std::string& caller_reference, const HealthCheckConfig& config);
  AwsResult<void> update_health_check(const std::string& id, const HealthCheckConfig& config);
  AwsResult<void> delete_health_check(const std::string& id);
  AwsResult<std::vector<HealthCheck>> list_health_checks();

  /// Tags of "hostedzone" or "healthcheck" resources.
  AwsResult<std::map<std::string, std::string>> list_tags(const std::string& type, const std::string& id);
  AwsResult<void> change_tags(const std::string& type, const std::string& id,
                              const std::map<std::string, std::string>& add, const std::vector<std::string>& remove);

private:
  AwsResult<http::Response> send(std::string operation, std::string method, std::string path, std::string query = {},
                                 std::string body = {}, bool idempotent = true);
  /// Runs a create with `attempt` (sent without blind retries); after a
  /// transient failure asks `existing` whether the create went through
  /// before trying again (standard backoff, the client's max attempts).
  template <typename T>
  AwsResult<T> create_once(const std::function<AwsResult<T>()>& attempt,
                           const std::function<AwsResult<std::optional<T>>()>& existing);
  Client& m_client;
};

// Request bodies (golden-tested).
std::string create_hosted_zone_body(const HostedZone& zone);
std::string change_batch_body(const std::vector<std::pair<std::string, RecordSet>>& changes);
std::string create_health_check_body(const std::string& caller_reference, const HealthCheckConfig& config);
std::string update_health_check_body(const HealthCheckConfig& config);
std::string change_tags_body(const std::string& type, const std::string& id,
                             const std::map<std::string, std::string>& add, const std::vector<std::string>& remove);

/// "Z123" from "/hostedzone/Z123" (and likewise for /change/ and /healthcheck/).
std::string strip_id_prefix(std::string_view id);

} // namespace pave::cloud::aws::route53
