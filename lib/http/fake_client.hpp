#pragma once
/// An in-memory HttpClient: routes answered by handlers or scripted
/// responses, and a record of every request. For unit tests of the clients
/// built on the HTTP layer, and for dry runs that must not touch the network.
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <pave/http/client.hpp>

namespace pave::http {

class FakeHttpClient final : public HttpClient
{
public:
  using Handler = std::function<Result<Response>(const Request&)>;

  /// Answers requests whose method is `method` ("*" for any) and whose URL is
  /// `url`, or starts with it when `url` ends in '*'. The most recently
  /// added matching route wins.
  void on(std::string method, std::string url, Handler handler);

  /// Like on(), answering successive matching requests with successive
  /// `outcomes`; the last one repeats.
  void script(std::string method, std::string url, std::vector<Result<Response>> outcomes);

  /// A matching route's answer; 404 with body "fake: no route for METHOD URL" otherwise.
  Result<Response> send(const Request& req) override;

  /// Every request sent so far, in order.
  std::vector<Request> requests() const;

  /// A response with `status`, a JSON content type and `body`.
  static Response json(long status, std::string body);

private:
  struct Route
  {
    std::string method;
    std::string url;
    Handler handler;
  };
  mutable std::mutex m_mutex;
  std::vector<Route> m_routes;
  std::vector<Request> m_requests;
};

} // namespace pave::http
