#pragma once
/// The HTTP client interface. Implementations: CurlHttpClient (libcurl),
/// FakeHttpClient (in memory, scripted), RetryingHttpClient (a decorator).
#include <pave/http/failure.hpp>
#include <pave/http/request.hpp>

namespace pave::http {

class HttpClient
{
public:
  virtual ~HttpClient() = default;

  /// Sends `req` and returns the response, whatever its status (a 404 or a
  /// 503 is a Response, not a Failure). Failure only when no complete
  /// response arrived: timeout, connection, tls, dns, protocol, cancelled.
  /// Implementations are safe to call from several threads at once.
  virtual Result<Response> send(const Request& req) = 0;
};

} // namespace pave::http
