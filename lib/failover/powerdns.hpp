#pragma once
/// PowerDNS Authoritative through its HTTP API (/api/v1): the zone is read
/// with GET /servers/ID/zones/ZONE and the record replaced with a PATCH of
/// one rrset (changetype REPLACE), authenticated with X-API-Key.
#include <memory>

#include <pave/failover/dns_provider.hpp>
#include <pave/http/client.hpp>

namespace pave::failover {

class PowerDns : public DnsProvider
{
public:
  /// `http` is kept by reference and must outlive this.
  PowerDns(http::HttpClient& http, DnsConfig config, std::string api_key);

  std::string describe() const override;
  util::Result<void> check_access() override;
  util::Result<std::vector<std::string>> answer(const std::string& record) override;
  DnsRequest switch_request(const std::string& record, const std::string& active,
                            const std::string& standby) const override;
  util::Result<std::string> apply(const DnsRequest& req) override;
  util::Result<void> wait(const std::string& change_id, std::chrono::milliseconds timeout) override;

private:
  std::string zone_url() const;
  util::Result<http::Response> send(const std::string& method, const std::string& url, const std::string& body);

  http::HttpClient& m_http;
  DnsConfig m_config;
  std::string m_api_key;
};

/// The PATCH body replacing the rrset `name`/`type` with one record `value`
/// (CNAME values and names fully qualified), e.g.
/// {"rrsets":[{"changetype":"REPLACE","name":"app.example.org.","records":[{"content":"192.0.2.2","disabled":false}],"ttl":60,"type":"A"}]}
std::string powerdns_patch_body(const std::string& name, const std::string& type, long ttl, const std::string& value);

} // namespace pave::failover
