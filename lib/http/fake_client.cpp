#include <pave/http/fake_client.hpp>

#include <memory>
#include <utility>

namespace pave::http {

void FakeHttpClient::on(std::string method, std::string url, Handler handler)
{
  std::lock_guard lock(m_mutex);
  m_routes.push_back(Route{std::move(method), std::move(url), std::move(handler)});
}

void FakeHttpClient::script(std::string method, std::string url, std::vector<Result<Response>> outcomes)
{
  struct Script
  {
    std::mutex mutex;
    std::vector<Result<Response>> outcomes;
    std::size_t next = 0;
  };
  auto s = std::make_shared<Script>();
  s->outcomes = std::move(outcomes);
  on(std::move(method), std::move(url), [s](const Request&) -> Result<Response> {
    std::lock_guard lock(s->mutex);
    if (s->outcomes.empty()) {
      return json(500, "{}");
    }
    const auto i = std::min(s->next, s->outcomes.size() - 1);
    ++s->next;
    return s->outcomes[i];
  });
}

Result<Response> FakeHttpClient::send(const Request& req)
{
  Handler handler;
  {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(req);
    for (auto it = m_routes.rbegin(); it != m_routes.rend(); ++it) {
      const bool method_ok = it->method == "*" || it->method == req.method;
      const bool url_ok = !it->url.empty() && it->url.back() == '*'
                              ? req.url.compare(0, it->url.size() - 1, it->url, 0, it->url.size() - 1) == 0
                              : req.url == it->url;
      if (method_ok && url_ok) {
        handler = it->handler;
        break;
      }
    }
  }
  if (!handler) {
    return json(404, "fake: no route for " + req.method + " " + req.url);
  }
  auto resp = handler(req);
  if (resp && req.body_sink && resp->ok()) { // as the curl client: a 2xx body goes to the sink
    const std::string body = std::exchange(resp->body, {});
    if (!req.body_sink(0, body)) {
      return std::unexpected(Failure{FailureKind::cancelled, url_host(req.url), "the response body could not be stored"});
    }
  }
  return resp;
}

std::vector<Request> FakeHttpClient::requests() const
{
  std::lock_guard lock(m_mutex);
  return m_requests;
}

Response FakeHttpClient::json(long status, std::string body)
{
  Response r;
  r.status = status;
  r.headers = {{"Content-Type", "application/json"}};
  r.body = std::move(body);
  r.http_version = "1.1";
  return r;
}

} // namespace pave::http
