// Sprig's getHostByName: net.LookupHost(name) and one of its addresses at
// random ("invalid argument to Intn" when the lookup finds nothing, like Go).
#include <netdb.h>
#include <sys/socket.h>

#include <arpa/inet.h>

#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

std::vector<std::string> lookup_host(const std::string& name)
{
  std::vector<std::string> out;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(name.c_str(), nullptr, &hints, &res) != 0) {
    return out;
  }
  for (addrinfo* p = res; p != nullptr; p = p->ai_next) {
    char buf[INET6_ADDRSTRLEN] = {};
    const void* addr = nullptr;
    if (p->ai_family == AF_INET) {
      addr = &reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr;
    } else if (p->ai_family == AF_INET6) {
      addr = &reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr;
    } else {
      continue;
    }
    if (inet_ntop(p->ai_family, addr, buf, sizeof buf) != nullptr) {
      std::string s = buf;
      bool dup = false;
      for (const auto& o : out) {
        dup = dup || o == s;
      }
      if (!dup) {
        out.push_back(std::move(s));
      }
    }
  }
  freeaddrinfo(res);
  return out;
}

} // namespace

void add_network_functions(FunctionTable& t)
{
  def(t, "getHostByName", {{P::string}}, [](CallContext&, Args a) {
    auto addrs = lookup_host(std::string(arg_string(a[0])));
    if (addrs.empty()) {
      fail("invalid argument to Intn");
    }
    return Value(addrs[random_bytes_index(addrs.size())]);
  });
}

} // namespace pave::tmpl::sprig
