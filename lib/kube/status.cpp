#include <pave/kube/status.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pave::kube {

std::optional<Status> parse_status(std::string_view body)
{
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("kind", "") != "Status") {
    return std::nullopt;
  }
  Status s;
  s.message = doc.value("message", "");
  s.reason = doc.value("reason", "");
  if (const auto c = doc.find("code"); c != doc.end() && c->is_number_integer()) {
    s.code = c->get<long>();
  }
  if (const auto d = doc.find("details"); d != doc.end() && d->is_object()) {
    if (const auto causes = d->find("causes"); causes != d->end() && causes->is_array()) {
      for (const auto& c : *causes) {
        if (c.is_object()) {
          s.causes.push_back({c.value("reason", ""), c.value("message", ""), c.value("field", "")});
        }
      }
    }
  }
  return s;
}

util::Error status_error(const http::Request& req, const http::Response& resp)
{
  const auto s = parse_status(resp.body);
  if (!s || s->message.empty()) {
    return util::Error{http::status_failure(req, resp).message};
  }
  util::Error e;
  e.message = s->reason.empty() ? fmt::format("{} (HTTP {})", s->message, resp.status)
                                : fmt::format("{} ({}, HTTP {})", s->message, s->reason, resp.status);
  for (const auto& c : s->causes) {
    e.detail += fmt::format("{}{}{}{}", e.detail.empty() ? "" : "\n", c.field, c.field.empty() ? "" : ": ", c.message);
  }
  return e;
}

util::Error request_error(const http::Request& req, const http::Failure& failure)
{
  if (failure.kind == http::FailureKind::http_status) {
    return status_error(req, failure.response);
  }
  return util::Error{failure.message};
}

} // namespace pave::kube
