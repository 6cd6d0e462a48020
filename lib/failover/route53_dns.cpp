#include <pave/failover/route53_dns.hpp>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace pave::failover {

namespace r53 = cloud::aws::route53;

std::vector<std::pair<std::string, r53::RecordSet>> route53_switch_changes(const DnsConfig& config,
                                                                          const std::string& record,
                                                                          const std::string& active_site,
                                                                          const std::string& active,
                                                                          const std::string& standby,
                                                                          const SetIdentifiers& ids)
{
  auto site_id = [&](const std::string& site) { return site == "primary" ? ids.primary : ids.secondary; };
  auto base = [&](const std::string& value) {
    r53::RecordSet rs;
    rs.name = record;
    rs.type = config.type;
    rs.ttl = config.ttl;
    rs.values = {config.type == "CNAME" ? fqdn(value) : value};
    return rs;
  };
  std::vector<std::pair<std::string, r53::RecordSet>> changes;
  switch (config.routing) {
  case Routing::simple: changes.emplace_back("UPSERT", base(active)); break;
  case Routing::weighted: {
    auto a = base(active);
    a.set_identifier = site_id(active_site);
    a.weight = config.weight;
    auto s = base(standby);
    s.set_identifier = site_id(other_site(active_site));
    s.weight = 0;
    changes.emplace_back("UPSERT", std::move(a));
    changes.emplace_back("UPSERT", std::move(s));
    break;
  }
  case Routing::failover: {
    auto p = base(active);
    p.set_identifier = ids.primary;
    p.failover = "PRIMARY";
    auto s = base(standby);
    s.set_identifier = ids.secondary;
    s.failover = "SECONDARY";
    changes.emplace_back("UPSERT", std::move(p));
    changes.emplace_back("UPSERT", std::move(s));
    break;
  }
  }
  return changes;
}

Route53Dns::Route53Dns(cloud::aws::Client& client, DnsConfig config)
  : m_client(client), m_config(std::move(config)), m_zone_id(m_config.zone_id)
{
}

std::string Route53Dns::describe() const
{
  return fmt::format("Route 53 zone {}", m_zone_id.empty() ? m_config.zone : m_zone_id);
}

util::Result<void> Route53Dns::check_access()
{
  r53::Route53 api(m_client);
  if (m_zone_id.empty()) {
    auto found = api.find_hosted_zone(m_config.zone);
    if (!found) {
      return util::fail("Route 53: {}", found.error().describe());
    }
    if (!*found) {
      return util::fail("Route 53: no hosted zone named {}", m_config.zone);
    }
    m_zone_id = (*found)->id;
    return {};
  }
  auto zone = api.get_hosted_zone(m_zone_id);
  if (!zone) {
    return util::fail("Route 53 zone {}: {}", m_zone_id, zone.error().describe());
  }
  return {};
}

util::Result<std::vector<cloud::aws::route53::RecordSet>> Route53Dns::record_sets()
{
  if (m_zone_id.empty()) {
    PAVE_TRY(check_access());
  }
  r53::Route53 api(m_client);
  auto sets = api.list_record_sets(m_zone_id);
  if (!sets) {
    return util::fail("Route 53 zone {}: {}", m_zone_id, sets.error().describe());
  }
  return std::move(*sets);
}

util::Result<std::vector<std::string>> Route53Dns::answer(const std::string& record)
{
  PAVE_TRY_ASSIGN(const auto sets, record_sets());
  std::vector<std::string> values;
  long best_weight = -1;
  for (const auto& rs : sets) {
    if (rs.name != record || rs.type != m_config.type) {
      continue;
    }
    if (!rs.failover.empty()) {
      if (rs.failover == "PRIMARY") {
        values = rs.values;
      }
    } else if (rs.weight) {
      if (*rs.weight > best_weight) {
        best_weight = *rs.weight;
        values = rs.values;
      }
    } else {
      values = rs.values;
    }
  }
  for (auto& v : values) {
    if (m_config.type == "CNAME" && v.ends_with('.')) {
      v.pop_back();
    }
  }
  return values;
}

DnsRequest Route53Dns::switch_request(const std::string& record, const std::string& active,
                                      const std::string& standby) const
{
  const auto changes = route53_switch_changes(m_config, record, m_active_site, active, standby, m_ids);
  const auto ep = m_client.endpoint(cloud::aws::k_route53);
  return {"POST", fmt::format("{}/2013-04-01/hostedzone/{}/rrset/", ep.url, m_zone_id.empty() ? "ZONE" : m_zone_id),
          r53::change_batch_body(changes), fmt::format("{} {} -> {}", record, m_config.type, active)};
}

util::Result<void> Route53Dns::adopt_identifiers(const std::string& record, const std::string& primary_target,
                                                 const std::string& secondary_target)
{
  m_ids = {};
  if (m_config.routing == Routing::simple) {
    return {};
  }
  PAVE_TRY_ASSIGN(const auto sets, record_sets());
  auto holds = [&](const r53::RecordSet& rs, const std::string& target) {
    return rs.values.size() == 1 && fqdn(rs.values[0]) == fqdn(target);
  };
  for (const auto& rs : sets) {
    if (rs.name != record || rs.type != m_config.type || rs.set_identifier.empty()) {
      continue;
    }
    if (m_config.routing == Routing::failover) {
      if (rs.failover == "PRIMARY") {
        m_ids.primary = rs.set_identifier;
      } else if (rs.failover == "SECONDARY") {
        m_ids.secondary = rs.set_identifier;
      }
    } else if (rs.weight) {
      if (holds(rs, primary_target)) {
        m_ids.primary = rs.set_identifier;
      } else if (holds(rs, secondary_target)) {
        m_ids.secondary = rs.set_identifier;
      }
    }
  }
  if (m_ids.primary == m_ids.secondary) {
    return util::fail("Route 53 zone {}: both records of {} use the set identifier \"{}\"", m_zone_id, record,
                      m_ids.primary);
  }
  return {};
}

util::Result<std::string> Route53Dns::apply(const DnsRequest& req)
{
  if (m_zone_id.empty()) {
    PAVE_TRY(check_access());
  }
  cloud::aws::OperationRequest op;
  op.operation = "ChangeResourceRecordSets";
  op.method = "POST";
  op.path = fmt::format("/2013-04-01/hostedzone/{}/rrset/", m_zone_id);
  op.headers = {{"Content-Type", "application/xml"}};
  op.body = req.body;
  auto r = m_client.send(cloud::aws::k_route53, std::move(op));
  if (!r) {
    return util::fail("Route 53 zone {}: {}", m_zone_id, r.error().describe());
  }
  pugi::xml_document doc;
  if (!doc.load_buffer(r->body.data(), r->body.size())) {
    return util::fail("Route 53 ChangeResourceRecordSets: the response is not XML");
  }
  const std::string id =
    doc.child("ChangeResourceRecordSetsResponse").child("ChangeInfo").child("Id").text().as_string();
  return r53::strip_id_prefix(id);
}

util::Result<void> Route53Dns::wait(const std::string& change_id, std::chrono::milliseconds timeout)
{
  if (change_id.empty()) {
    return {};
  }
  r53::Route53 api(m_client);
  auto r = api.wait_insync(change_id, timeout, std::chrono::seconds(1));
  if (!r) {
    return util::fail("Route 53 change {}: {}", change_id, r.error().describe());
  }
  return {};
}

} // namespace pave::failover
