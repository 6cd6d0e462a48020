#pragma once
/// A real DNS query to one server (the zone's authoritative server), with
/// glibc's libresolv: res_nquery sends it, ns_initparse/ns_parserr read
/// the answer. No recursion is asked of anyone else and nothing is cached.
#include <string>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::failover {

struct DnsQueryResult
{
  std::vector<std::string> values; ///< A/AAAA addresses or CNAME targets (without the final dot)
  bool authoritative = false;      ///< the AA bit
  std::string rcode;               ///< "NOERROR", "NXDOMAIN", ...
};

/// Asks `server` ("IPv4[:PORT]", port 53 by default) for `name` of `type`
/// (A, AAAA or CNAME) over UDP (TCP when truncated). NXDOMAIN and NODATA are
/// results with no values; errors are network failures and refusals.
util::Result<DnsQueryResult> query_dns(const std::string& server, const std::string& name, const std::string& type);

} // namespace pave::failover
