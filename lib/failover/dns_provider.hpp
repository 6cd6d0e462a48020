#pragma once
/// The DNS provider that holds the failover record, behind one interface:
/// PowerDNS (its HTTP API, powerdns.hpp) or Route 53 (route53_dns.hpp).
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <pave/failover/config.hpp>
#include <pave/util/expected.hpp>

namespace pave::failover {

/// One API request of a DNS switch, exactly as it is sent (for --dry-run,
/// the journal and the audit log).
struct DnsRequest
{
  std::string method;
  std::string url;
  std::string body;
  std::string summary; ///< "app.example.org. A -> 192.0.2.2"
};

class DnsProvider
{
public:
  virtual ~DnsProvider() = default;

  /// "PowerDNS http://127.0.0.1:8081 zone example.org." (for output).
  virtual std::string describe() const = 0;

  /// Checks that the provider answers, the credentials are accepted and the
  /// zone exists; nothing is changed. Errors say which of these failed.
  virtual util::Result<void> check_access() = 0;

  /// The values `record` answers with now, according to the provider's API
  /// (failover routing: the PRIMARY record's; weighted: the heaviest).
  virtual util::Result<std::vector<std::string>> answer(const std::string& record) = 0;

  /// The request that points `record` at `active` (and, for Route 53
  /// failover or weighted routing, the other record at `standby`).
  /// Pure: nothing is sent.
  virtual DnsRequest switch_request(const std::string& record, const std::string& active,
                                    const std::string& standby) const = 0;

  /// Sends `req`; returns a change id to wait for ("" when the change is
  /// effective on return, as with PowerDNS).
  virtual util::Result<std::string> apply(const DnsRequest& req) = 0;

  /// Waits until the change is live on the provider's servers (Route 53
  /// GetChange INSYNC); immediate for an empty id.
  virtual util::Result<void> wait(const std::string& change_id, std::chrono::milliseconds timeout) = 0;
};

/// The provider of `config` (credentials and endpoints resolved now, nothing sent).
util::Result<std::unique_ptr<DnsProvider>> open_provider(const DnsConfig& config);

} // namespace pave::failover
