#pragma once
/// Typed network failures. Callers (retries, the Kubernetes and AWS clients)
/// decide what to do from the kind; users see a one-line message naming the host.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include <pave/http/request.hpp>
#include <pave/util/expected.hpp>

namespace pave::http {

enum class FailureKind : std::uint8_t {
  timeout,     ///< connect, total or low-speed timeout
  connection,  ///< refused, reset, closed before a response
  tls,         ///< handshake, certificate verification, bad client certificate
  dns,         ///< host (or proxy) name did not resolve
  http_status, ///< the server answered with a status the caller did not accept
  protocol,    ///< malformed response, unsupported feature, bad URL, anything else
  cancelled,   ///< Request::cancel was set
};

/// "timeout", "connection", ... as used in messages and logs.
std::string_view to_string(FailureKind kind);

struct Failure
{
  FailureKind kind = FailureKind::protocol;
  std::string host;    ///< "host:port" the request went to
  std::string message; ///< one line, names the host: "cannot connect to 127.0.0.1:6443: Connection refused"
  long status = 0;     ///< HTTP status for http_status
  Response response{}; ///< the response, for http_status

  /// Crosses into the general Result type, keeping the message.
  operator util::Error() const { return util::Error{message}; } // NOLINT(google-explicit-constructor)
};

template <typename T> using Result = std::expected<T, Failure>;

/// Failure for a response whose status the caller does not accept:
/// "HOST: HTTP 503 Service Unavailable: FIRST LINE OF BODY".
Failure status_failure(const Request& req, const Response& resp);

/// resp when it is 2xx, else status_failure.
Result<Response> require_success(const Request& req, Result<Response> resp);

} // namespace pave::http
