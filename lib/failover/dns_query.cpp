#include <pave/failover/dns_query.hpp>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include <pave/util/shared_library.hpp>

namespace pave::failover {

namespace {

const char* rcode_name(int rcode)
{
  switch (rcode) {
  case ns_r_noerror: return "NOERROR";
  case ns_r_formerr: return "FORMERR";
  case ns_r_servfail: return "SERVFAIL";
  case ns_r_nxdomain: return "NXDOMAIN";
  case ns_r_notimpl: return "NOTIMP";
  case ns_r_refused: return "REFUSED";
  default: return "RCODE?";
  }
}

/// res_state owned for one query (res_nclose on every path).
struct Resolver
{
  struct __res_state state;
  bool open = false;
  Resolver() { std::memset(&state, 0, sizeof state); }
  ~Resolver()
  {
    if (open) {
      res_nclose(&state);
    }
  }
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;
};

/// The answer parser of libresolv, loaded on first use: linking it made every
/// start of pave map and relocate one more library (~0.08 ms of a 4 ms
/// `pave render` of a small chart) for the failover command alone. The
/// query itself (res_nquery) is in libc.
struct AnswerParser
{
  decltype(&ns_initparse) initparse = nullptr;
  decltype(&ns_parserr) parserr = nullptr;
  decltype(&ns_msg_getflag) msg_getflag = nullptr;
};

util::Result<const AnswerParser*> answer_parser()
{
  static AnswerParser api;
  static util::Result<const AnswerParser*> result = util::fail("cannot load libresolv: not loaded");
  static std::once_flag once;
  std::call_once(once, [] {
    auto lib = util::SharedLibrary::open("libresolv.so.2");
    if (!lib) {
      result = std::unexpected(lib.error());
    } else if (lib->resolve("ns_initparse", api.initparse) && lib->resolve("ns_parserr", api.parserr) &&
               lib->resolve("ns_msg_getflag", api.msg_getflag)) {
      result = &api;
    } else {
      result = util::fail("cannot load libresolv.so.2: it lacks ns_initparse, ns_parserr or ns_msg_getflag");
    }
  });
  return result;
}

} // namespace

util::Result<DnsQueryResult> query_dns(const std::string& server, const std::string& name, const std::string& type)
{
  std::string host = server;
  int port = 53;
  if (const auto colon = server.rfind(':'); colon != std::string::npos) {
    host = server.substr(0, colon);
    try {
      port = std::stoi(server.substr(colon + 1));
    } catch (const std::exception&) {
      port = -1;
    }
    if (port <= 0 || port > 65535) {
      return util::fail("nameserver \"{}\": the port must be 1 to 65535", server);
    }
  }
  in_addr addr{};
  if (inet_pton(AF_INET, host.c_str(), &addr) != 1) {
    return util::fail("nameserver \"{}\": expected an IPv4 address, optionally with :PORT", server);
  }
  int qtype = ns_t_a;
  if (type == "AAAA") {
    qtype = ns_t_aaaa;
  } else if (type == "CNAME") {
    qtype = ns_t_cname;
  } else if (type != "A") {
    return util::fail("DNS query: unsupported type {}", type);
  }
  PAVE_TRY_ASSIGN(const AnswerParser* parser, answer_parser());
  Resolver r;
  if (res_ninit(&r.state) != 0) {
    return util::fail("DNS query: cannot initialise the resolver");
  }
  r.open = true;
  r.state.nscount = 1;
  r.state.nsaddr_list[0].sin_family = AF_INET;
  r.state.nsaddr_list[0].sin_addr = addr;
  r.state.nsaddr_list[0].sin_port = htons(static_cast<uint16_t>(port));
  r.state.retrans = 2;
  r.state.retry = 2;
  r.state.options &= ~(RES_DNSRCH | RES_DEFNAMES);
  r.state.options |= RES_NORELOAD;
  unsigned char answer[8192];
  const std::string qname = name.ends_with('.') ? name.substr(0, name.size() - 1) : name;
  const int n = res_nquery(&r.state, qname.c_str(), ns_c_in, qtype, answer, sizeof answer);
  DnsQueryResult out;
  if (n < 0) {
    // res_nquery fails for NXDOMAIN, NODATA and SERVFAIL alike; h_errno tells them apart.
    switch (r.state.res_h_errno) {
    case HOST_NOT_FOUND: out.rcode = "NXDOMAIN"; return out;
    case NO_DATA: out.rcode = "NOERROR"; return out;
    case TRY_AGAIN: return util::fail("DNS query to {} for {} {}: no answer (timeout or SERVFAIL)", server, name, type);
    default: return util::fail("DNS query to {} for {} {}: refused or unanswered", server, name, type);
    }
  }
  ns_msg msg;
  if (parser->initparse(answer, n, &msg) != 0) {
    return util::fail("DNS query to {} for {} {}: malformed answer", server, name, type);
  }
  out.authoritative = parser->msg_getflag(msg, ns_f_aa) != 0;
  out.rcode = rcode_name(parser->msg_getflag(msg, ns_f_rcode));
  const int count = ns_msg_count(msg, ns_s_an);
  for (int i = 0; i < count; ++i) {
    ns_rr rr;
    if (parser->parserr(&msg, ns_s_an, i, &rr) != 0) {
      return util::fail("DNS query to {} for {} {}: malformed answer record", server, name, type);
    }
    const int t = ns_rr_type(rr);
    if (t == ns_t_a && ns_rr_rdlen(rr) == 4) {
      char text[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, ns_rr_rdata(rr), text, sizeof text);
      if (qtype == ns_t_a) {
        out.values.emplace_back(text);
      }
    } else if (t == ns_t_aaaa && ns_rr_rdlen(rr) == 16) {
      char text[INET6_ADDRSTRLEN];
      inet_ntop(AF_INET6, ns_rr_rdata(rr), text, sizeof text);
      if (qtype == ns_t_aaaa) {
        out.values.emplace_back(text);
      }
    } else if (t == ns_t_cname && qtype == ns_t_cname) {
      char target[NS_MAXDNAME];
      if (ns_name_uncompress(ns_msg_base(msg), ns_msg_end(msg), ns_rr_rdata(rr), target, sizeof target) < 0) {
        return util::fail("DNS query to {} for {} {}: malformed CNAME", server, name, type);
      }
      out.values.emplace_back(target);
    }
  }
  return out;
}

} // namespace pave::failover
