#include <pave/cloud/aws/route53.hpp>

#include <fmt/format.h>

#include <pave/cloud/aws/xml.hpp>

namespace pave::cloud::aws::route53 {

namespace {

constexpr const char* k_ns = "https://route53.amazonaws.com/doc/2013-04-01/";
constexpr const char* k_api = "/2013-04-01";

pugi::xml_node root(pugi::xml_document& doc, const char* name)
{
  auto r = doc.append_child(name);
  r.append_attribute("xmlns") = k_ns;
  return r;
}

HostedZone zone_from(const pugi::xml_node& z)
{
  HostedZone h;
  h.id = strip_id_prefix(xml::text(z, "Id"));
  h.name = xml::text(z, "Name");
  h.caller_reference = xml::text(z, "CallerReference");
  h.comment = xml::text(z.child("Config"), "Comment");
  h.private_zone = xml::text(z.child("Config"), "PrivateZone") == "true";
  return h;
}

RecordSet record_from(const pugi::xml_node& r)
{
  RecordSet s;
  s.name = xml::text(r, "Name");
  s.type = xml::text(r, "Type");
  s.set_identifier = xml::text(r, "SetIdentifier");
  if (r.child("Weight")) {
    s.weight = r.child("Weight").text().as_llong();
  }
  s.failover = xml::text(r, "Failover");
  if (r.child("TTL")) {
    s.ttl = r.child("TTL").text().as_llong();
  }
  for (auto v : r.child("ResourceRecords").children("ResourceRecord")) {
    s.values.push_back(xml::text(v, "Value"));
  }
  s.health_check_id = xml::text(r, "HealthCheckId");
  return s;
}

HealthCheckConfig config_from(const pugi::xml_node& c)
{
  HealthCheckConfig h;
  h.ip_address = xml::text(c, "IPAddress");
  if (c.child("Port")) {
    h.port = c.child("Port").text().as_int();
  }
  h.type = xml::text(c, "Type");
  h.resource_path = xml::text(c, "ResourcePath");
  h.fqdn = xml::text(c, "FullyQualifiedDomainName");
  h.search_string = xml::text(c, "SearchString");
  if (c.child("RequestInterval")) {
    h.request_interval = c.child("RequestInterval").text().as_int();
  }
  if (c.child("FailureThreshold")) {
    h.failure_threshold = c.child("FailureThreshold").text().as_int();
  }
  if (c.child("Inverted")) {
    h.inverted = xml::text(c, "Inverted") == "true";
  }
  if (c.child("Disabled")) {
    h.disabled = xml::text(c, "Disabled") == "true";
  }
  return h;
}

const char* boolean(bool b)
{
  return b ? "true" : "false";
}

} // namespace

std::string strip_id_prefix(std::string_view id)
{
  const auto slash = id.rfind('/');
  return std::string(slash == std::string_view::npos ? id : id.substr(slash + 1));
}

// API reference order: Name, VPC, CallerReference, HostedZoneConfig (Comment, PrivateZone), DelegationSetId.
std::string create_hosted_zone_body(const HostedZone& zone)
{
  pugi::xml_document doc;
  auto r = root(doc, "CreateHostedZoneRequest");
  xml::add(r, "Name", zone.name);
  xml::add(r, "CallerReference", zone.caller_reference);
  auto cfg = r.append_child("HostedZoneConfig");
  if (!zone.comment.empty()) {
    xml::add(cfg, "Comment", zone.comment);
  }
  xml::add(cfg, "PrivateZone", boolean(zone.private_zone));
  return xml::to_string(doc);
}

// ResourceRecordSet order: Name, Type, SetIdentifier, Weight, Region, GeoLocation, Failover,
// MultiValueAnswer, TTL, ResourceRecords, AliasTarget, HealthCheckId, ...
std::string change_batch_body(const std::vector<std::pair<std::string, RecordSet>>& changes)
{
  pugi::xml_document doc;
  auto list = root(doc, "ChangeResourceRecordSetsRequest").append_child("ChangeBatch").append_child("Changes");
  for (const auto& [action, rs] : changes) {
    auto change = list.append_child("Change");
    xml::add(change, "Action", action);
    auto r = change.append_child("ResourceRecordSet");
    xml::add(r, "Name", rs.name);
    xml::add(r, "Type", rs.type);
    if (!rs.set_identifier.empty()) {
      xml::add(r, "SetIdentifier", rs.set_identifier);
    }
    if (rs.weight) {
      xml::add(r, "Weight", std::to_string(*rs.weight));
    }
    if (!rs.failover.empty()) {
      xml::add(r, "Failover", rs.failover);
    }
    if (rs.ttl) {
      xml::add(r, "TTL", std::to_string(*rs.ttl));
    }
    auto records = r.append_child("ResourceRecords");
    for (const auto& v : rs.values) {
      xml::add(records.append_child("ResourceRecord"), "Value", v);
    }
    if (!rs.health_check_id.empty()) {
      xml::add(r, "HealthCheckId", rs.health_check_id);
    }
  }
  return xml::to_string(doc);
}

// HealthCheckConfig order: IPAddress, Port, Type, ResourcePath, FullyQualifiedDomainName, SearchString,
// RequestInterval, FailureThreshold, MeasureLatency, Inverted, Disabled, ...
std::string create_health_check_body(const std::string& caller_reference, const HealthCheckConfig& c)
{
  pugi::xml_document doc;
  auto r = root(doc, "CreateHealthCheckRequest");
  xml::add(r, "CallerReference", caller_reference);
  auto cfg = r.append_child("HealthCheckConfig");
  if (!c.ip_address.empty()) {
    xml::add(cfg, "IPAddress", c.ip_address);
  }
  if (c.port) {
    xml::add(cfg, "Port", std::to_string(*c.port));
  }
  xml::add(cfg, "Type", c.type);
  if (!c.resource_path.empty()) {
    xml::add(cfg, "ResourcePath", c.resource_path);
  }
  if (!c.fqdn.empty()) {
    xml::add(cfg, "FullyQualifiedDomainName", c.fqdn);
  }
  if (!c.search_string.empty()) {
    xml::add(cfg, "SearchString", c.search_string);
  }
  if (c.request_interval) {
    xml::add(cfg, "RequestInterval", std::to_string(*c.request_interval));
  }
  if (c.failure_threshold) {
    xml::add(cfg, "FailureThreshold", std::to_string(*c.failure_threshold));
  }
  if (c.inverted) {
    xml::add(cfg, "Inverted", boolean(*c.inverted));
  }
  if (c.disabled) {
    xml::add(cfg, "Disabled", boolean(*c.disabled));
  }
  return xml::to_string(doc);
}

// UpdateHealthCheckRequest order: HealthCheckVersion, IPAddress, Port, ResourcePath,
// FullyQualifiedDomainName, SearchString, FailureThreshold, Inverted, Disabled, ...
std::string update_health_check_body(const HealthCheckConfig& c)
{
  pugi::xml_document doc;
  auto r = root(doc, "UpdateHealthCheckRequest");
  if (!c.ip_address.empty()) {
    xml::add(r, "IPAddress", c.ip_address);
  }
  if (c.port) {
    xml::add(r, "Port", std::to_string(*c.port));
  }
  if (!c.resource_path.empty()) {
    xml::add(r, "ResourcePath", c.resource_path);
  }
  if (!c.fqdn.empty()) {
    xml::add(r, "FullyQualifiedDomainName", c.fqdn);
  }
  if (!c.search_string.empty()) {
    xml::add(r, "SearchString", c.search_string);
  }
  if (c.failure_threshold) {
    xml::add(r, "FailureThreshold", std::to_string(*c.failure_threshold));
  }
  if (c.inverted) {
    xml::add(r, "Inverted", boolean(*c.inverted));
  }
  if (c.disabled) {
    xml::add(r, "Disabled", boolean(*c.disabled));
  }
  return xml::to_string(doc);
}

// ChangeTagsForResourceRequest order: AddTags (Tag: Key, Value), RemoveTagKeys (Key).
std::string change_tags_body(const std::string&, const std::string&, const std::map<std::string, std::string>& add,
                             const std::vector<std::string>& remove)
{
  pugi::xml_document doc;
  auto r = root(doc, "ChangeTagsForResourceRequest");
  if (!add.empty()) {
    auto tags = r.append_child("AddTags");
    for (const auto& [k, v] : add) {
      auto t = tags.append_child("Tag");
      xml::add(t, "Key", k);
      xml::add(t, "Value", v);
    }
  }
  if (!remove.empty()) {
    auto keys = r.append_child("RemoveTagKeys");
    for (const auto& k : remove) {
      xml::add(keys, "Key", k);
    }
  }
  return xml::to_string(doc);
}

template <typename T>
AwsResult<T> Route53::create_once(const std::function<AwsResult<T>()>& attempt,
                                  const std::function<AwsResult<std::optional<T>>()>& existing)
{
  const RetryConfig& retry = m_client.config().retry;
  for (int n = 1;; ++n) {
    auto r = attempt();
    if (r || classify(r.error()) != RetryClass::transient || n >= retry.max_attempts) {
      return r;
    }
    PAVE_TRY_ASSIGN(auto found, existing());
    if (found) {
      return std::move(*found); // the lost attempt went through
    }
    const auto ceiling =
        std::min<long long>(retry.max_delay.count(), retry.base_delay.count() << std::min(n - 1, 20));
    m_client.clock().sleep_for(std::chrono::milliseconds(ceiling / 2));
  }
}

AwsResult<http::Response> Route53::send(std::string operation, std::string method, std::string path, std::string query,
                                        std::string body, bool idempotent)
{
  OperationRequest o;
  o.idempotent = idempotent;
  o.operation = std::move(operation);
  o.method = std::move(method);
  o.path = k_api + path;
  o.query = std::move(query);
  if (!body.empty()) {
    o.headers = {{"Content-Type", "application/xml"}};
  }
  o.body = std::move(body);
  return m_client.send(k_route53, std::move(o));
}

AwsResult<std::pair<HostedZone, std::string>> Route53::create_hosted_zone(const HostedZone& zone)
{
  using Created = std::pair<HostedZone, std::string>;
  std::optional<HostedZone> found_zone; // found after a lost answer
  const std::function<AwsResult<http::Response>()> attempt = [&] {
    return send("CreateHostedZone", "POST", "/hostedzone", {}, create_hosted_zone_body(zone), false);
  };
  const auto existing = [&]() -> AwsResult<std::optional<http::Response>> {
    PAVE_TRY_ASSIGN(auto found, find_hosted_zone(zone.name));
    if (found && found->caller_reference == zone.caller_reference) {
      found_zone = *found;
      return std::optional<http::Response>(http::Response{});
    }
    return std::optional<http::Response>();
  };
  auto r = create_once<http::Response>(attempt, existing);
  if (r && found_zone) {
    return Created{*found_zone, std::string()};
  }
  if (!r) {
    if (r.error().code == "HostedZoneAlreadyExists") { // our own earlier attempt got through
      PAVE_TRY_ASSIGN(auto found, find_hosted_zone(zone.name));
      if (found && found->caller_reference == zone.caller_reference) {
        return std::pair{*found, std::string()};
      }
    }
    return std::unexpected(r.error());
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r->body, "CreateHostedZone"));
  const auto resp = doc.child("CreateHostedZoneResponse");
  return std::pair{zone_from(resp.child("HostedZone")), strip_id_prefix(xml::text(resp.child("ChangeInfo"), "Id"))};
}

AwsResult<std::optional<HostedZone>> Route53::find_hosted_zone(const std::string& name)
{
  PAVE_TRY_ASSIGN(auto r, send("ListHostedZonesByName", "GET", "/hostedzonesbyname",
                               "dnsname=" + uri_encode(name, false) + "&maxitems=100"));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r.body, "ListHostedZonesByName"));
  for (auto z : doc.child("ListHostedZonesByNameResponse").child("HostedZones").children("HostedZone")) {
    if (xml::text(z, "Name") == name) {
      return std::optional<HostedZone>(zone_from(z));
    }
  }
  return std::optional<HostedZone>();
}

AwsResult<HostedZone> Route53::get_hosted_zone(const std::string& id)
{
  PAVE_TRY_ASSIGN(auto r, send("GetHostedZone", "GET", "/hostedzone/" + id));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r.body, "GetHostedZone"));
  return zone_from(doc.child("GetHostedZoneResponse").child("HostedZone"));
}

AwsResult<void> Route53::update_comment(const std::string& id, const std::string& comment)
{
  pugi::xml_document doc;
  xml::add(root(doc, "UpdateHostedZoneCommentRequest"), "Comment", comment);
  PAVE_TRY(send("UpdateHostedZoneComment", "POST", "/hostedzone/" + id, {}, xml::to_string(doc)));
  return {};
}

AwsResult<void> Route53::delete_hosted_zone(const std::string& id)
{
  auto r = send("DeleteHostedZone", "DELETE", "/hostedzone/" + id);
  if (!r && r.error().code != "NoSuchHostedZone") {
    return std::unexpected(r.error());
  }
  return {};
}

AwsResult<std::string> Route53::change_record_sets(const std::string& zone_id,
                                                   const std::vector<std::pair<std::string, RecordSet>>& changes)
{
  PAVE_TRY_ASSIGN(auto r, send("ChangeResourceRecordSets", "POST", "/hostedzone/" + zone_id + "/rrset/", {},
                               change_batch_body(changes)));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r.body, "ChangeResourceRecordSets"));
  return strip_id_prefix(xml::text(doc.child("ChangeResourceRecordSetsResponse").child("ChangeInfo"), "Id"));
}

AwsResult<void> Route53::wait_insync(const std::string& change_id, std::chrono::milliseconds timeout,
                                     std::chrono::milliseconds interval)
{
  const auto deadline = m_client.clock().now() + timeout;
  for (;;) {
    PAVE_TRY_ASSIGN(auto r, send("GetChange", "GET", "/change/" + change_id));
    pugi::xml_document doc;
    PAVE_TRY(xml::parse(doc, r.body, "GetChange"));
    if (xml::text(doc.child("GetChangeResponse").child("ChangeInfo"), "Status") == "INSYNC") {
      return {};
    }
    if (m_client.clock().now() + interval > deadline) {
      AwsError e;
      e.service = "route53";
      e.operation = "GetChange";
      e.code = "Timeout";
      e.message = fmt::format("change {} not INSYNC after {} s", change_id, timeout.count() / 1000);
      return std::unexpected(e);
    }
    m_client.clock().sleep_for(interval);
  }
}

AwsResult<std::vector<RecordSet>> Route53::list_record_sets(const std::string& zone_id)
{
  std::vector<RecordSet> out;
  std::string query = "maxitems=300";
  for (;;) {
    PAVE_TRY_ASSIGN(auto r, send("ListResourceRecordSets", "GET", "/hostedzone/" + zone_id + "/rrset", query));
    pugi::xml_document doc;
    PAVE_TRY(xml::parse(doc, r.body, "ListResourceRecordSets"));
    const auto resp = doc.child("ListResourceRecordSetsResponse");
    for (auto rs : resp.child("ResourceRecordSets").children("ResourceRecordSet")) {
      out.push_back(record_from(rs));
    }
    if (xml::text(resp, "IsTruncated") != "true") {
      return out;
    }
    query = "maxitems=300&name=" + uri_encode(xml::text(resp, "NextRecordName"), false);
    if (const auto t = xml::text(resp, "NextRecordType"); !t.empty()) {
      query += "&type=" + t;
    }
    if (const auto id = xml::text(resp, "NextRecordIdentifier"); !id.empty()) {
      query += "&identifier=" + uri_encode(id, false);
    }
  }
}

AwsResult<std::string> Route53::create_health_check(const std::string& caller_reference, const HealthCheckConfig& config)
{
  std::optional<std::string> found_id;
  const std::function<AwsResult<http::Response>()> attempt = [&] {
    return send("CreateHealthCheck", "POST", "/healthcheck", {}, create_health_check_body(caller_reference, config),
                false);
  };
  const auto existing = [&]() -> AwsResult<std::optional<http::Response>> {
    PAVE_TRY_ASSIGN(const auto all, list_health_checks());
    for (const auto& hc : all) {
      if (hc.caller_reference == caller_reference) {
        found_id = hc.id;
        return std::optional<http::Response>(http::Response{});
      }
    }
    return std::optional<http::Response>();
  };
  PAVE_TRY_ASSIGN(auto r, create_once<http::Response>(attempt, existing));
  if (found_id) {
    return *found_id;
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r.body, "CreateHealthCheck"));
  return xml::text(doc.child("CreateHealthCheckResponse").child("HealthCheck"), "Id");
}

AwsResult<void> Route53::update_health_check(const std::string& id, const HealthCheckConfig& config)
{
  PAVE_TRY(send("UpdateHealthCheck", "POST", "/healthcheck/" + id, {}, update_health_check_body(config)));
  return {};
}

AwsResult<void> Route53::delete_health_check(const std::string& id)
{
  auto r = send("DeleteHealthCheck", "DELETE", "/healthcheck/" + id);
  if (!r && r.error().code != "NoSuchHealthCheck") {
    return std::unexpected(r.error());
  }
  return {};
}

AwsResult<std::vector<HealthCheck>> Route53::list_health_checks()
{
  std::vector<HealthCheck> out;
  std::string query = "maxitems=100";
  for (;;) {
    PAVE_TRY_ASSIGN(auto r, send("ListHealthChecks", "GET", "/healthcheck", query));
    pugi::xml_document doc;
    PAVE_TRY(xml::parse(doc, r.body, "ListHealthChecks"));
    const auto resp = doc.child("ListHealthChecksResponse");
    for (auto h : resp.child("HealthChecks").children("HealthCheck")) {
      HealthCheck hc;
      hc.id = xml::text(h, "Id");
      hc.caller_reference = xml::text(h, "CallerReference");
      hc.version = h.child("HealthCheckVersion").text().as_llong();
      hc.config = config_from(h.child("HealthCheckConfig"));
      out.push_back(std::move(hc));
    }
    const auto next = xml::text(resp, "NextMarker");
    if (xml::text(resp, "IsTruncated") != "true" || next.empty()) {
      return out;
    }
    query = "maxitems=100&marker=" + uri_encode(next, false);
  }
}

AwsResult<std::map<std::string, std::string>> Route53::list_tags(const std::string& type, const std::string& id)
{
  PAVE_TRY_ASSIGN(auto r, send("ListTagsForResource", "GET", "/tags/" + type + "/" + id));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r.body, "ListTagsForResource"));
  std::map<std::string, std::string> tags;
  for (auto t : doc.child("ListTagsForResourceResponse").child("ResourceTagSet").child("Tags").children("Tag")) {
    tags[xml::text(t, "Key")] = xml::text(t, "Value");
  }
  return tags;
}

AwsResult<void> Route53::change_tags(const std::string& type, const std::string& id,
                                     const std::map<std::string, std::string>& add,
                                     const std::vector<std::string>& remove)
{
  if (add.empty() && remove.empty()) {
    return {};
  }
  PAVE_TRY(send("ChangeTagsForResource", "POST", "/tags/" + type + "/" + id, {},
                change_tags_body(type, id, add, remove)));
  return {};
}

} // namespace pave::cloud::aws::route53
