#pragma once
/// Route 53 as the failover DNS provider: ChangeResourceRecordSets with
/// UPSERTs, then GetChange until INSYNC.
///
/// Routing (the record set identifiers are "primary" and "secondary", or
/// those the zone already uses, see adopt_identifiers):
///  - simple: one record, its value the active site's target;
///  - weighted: one record per site, the active site's with the configured
///    weight and the standby's with weight 0;
///  - failover: one PRIMARY record (the active site's target) and one
///    SECONDARY record (the standby's), switched in one change batch so that
///    the zone never holds two PRIMARY records.
#include <memory>

#include <pave/cloud/aws/route53.hpp>
#include <pave/cloud/aws/session.hpp>
#include <pave/failover/dns_provider.hpp>

namespace pave::failover {

/// The set identifiers of the two records (failover routing: of the PRIMARY
/// and the SECONDARY record; weighted: of the primary and the secondary
/// site's record).
struct SetIdentifiers
{
  std::string primary = "primary";
  std::string secondary = "secondary";
};

class Route53Dns : public DnsProvider
{
public:
  /// `client` must outlive this.
  Route53Dns(cloud::aws::Client& client, DnsConfig config);

  std::string describe() const override;
  /// Also resolves the zone id from the zone name.
  util::Result<void> check_access() override;
  util::Result<std::vector<std::string>> answer(const std::string& record) override;
  DnsRequest switch_request(const std::string& record, const std::string& active,
                            const std::string& standby) const override;
  util::Result<std::string> apply(const DnsRequest& req) override;
  util::Result<void> wait(const std::string& change_id, std::chrono::milliseconds timeout) override;

  /// Which site is active for switch_request ("primary" or "secondary"):
  /// names the weighted records. Set before switch_request.
  void set_active_site(std::string site) { m_active_site = std::move(site); }

  /// Reads the record sets of `record` and keeps the set identifiers the zone
  /// already uses, so that a switch UPSERTs those records instead of adding
  /// new ones: failover routing by role (the PRIMARY and the SECONDARY
  /// record's), weighted routing by value (the record holding a site's
  /// target is that site's). Nothing found: "primary" and "secondary".
  util::Result<void> adopt_identifiers(const std::string& record, const std::string& primary_target,
                                       const std::string& secondary_target);

private:
  /// Every record set of the zone (resolving the zone id first when needed).
  util::Result<std::vector<cloud::aws::route53::RecordSet>> record_sets();

  cloud::aws::Client& m_client;
  DnsConfig m_config;
  std::string m_zone_id;
  std::string m_active_site = "primary";
  SetIdentifiers m_ids;
};

/// The change batch of a switch (UPSERTs in the API reference's element order):
/// see the routing rules above. `active_site` names the active site's record.
std::vector<std::pair<std::string, cloud::aws::route53::RecordSet>>
route53_switch_changes(const DnsConfig& config, const std::string& record, const std::string& active_site,
                       const std::string& active, const std::string& standby, const SetIdentifiers& ids = {});

/// The provider with its own AWS session ([failover.dns] region, aws_profile, endpoint_url).
class OwnedRoute53Dns : public Route53Dns
{
public:
  OwnedRoute53Dns(cloud::aws::Session session, DnsConfig config)
    : Route53Dns(*session.client, std::move(config)), m_session(std::move(session))
  {
  }

private:
  cloud::aws::Session m_session;
};

} // namespace pave::failover
