#pragma once
/// The HTTP client interface. Implementations: CurlHttpClient (libcurl),
/// FakeHttpClient (in memory, scripted), RetryingHttpClient (a decorator).
#include <span>
#include <vector>

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

  /// Sends all of `reqs` and returns their outcomes in the same order, each
  /// as send() would. CurlHttpClient runs them at once on the calling thread
  /// (libcurl's multi interface, a connection per request or HTTP/2
  /// streams); this default sends them one after another. Callers bound
  /// the batch: every request may hold a connection.
  virtual std::vector<Result<Response>> send_all(std::span<const Request> reqs)
  {
    std::vector<Result<Response>> out;
    out.reserve(reqs.size());
    for (const auto& r : reqs) {
      out.push_back(send(r));
    }
    return out;
  }
};

} // namespace pave::http
