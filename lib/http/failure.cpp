#include <pave/http/failure.hpp>

#include <fmt/format.h>

namespace pave::http {

std::string_view to_string(FailureKind kind)
{
  switch (kind) {
  case FailureKind::timeout: return "timeout";
  case FailureKind::connection: return "connection";
  case FailureKind::tls: return "tls";
  case FailureKind::dns: return "dns";
  case FailureKind::http_status: return "http_status";
  case FailureKind::protocol: return "protocol";
  case FailureKind::cancelled: return "cancelled";
  }
  return "protocol";
}

namespace {

std::string_view reason_phrase(long status)
{
  switch (status) {
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 409: return "Conflict";
  case 410: return "Gone";
  case 415: return "Unsupported Media Type";
  case 422: return "Unprocessable Entity";
  case 429: return "Too Many Requests";
  case 500: return "Internal Server Error";
  case 502: return "Bad Gateway";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  default: return "";
  }
}

} // namespace

Failure status_failure(const Request& req, const Response& resp)
{
  Failure f;
  f.kind = FailureKind::http_status;
  f.host = url_host(req.url);
  f.status = resp.status;
  std::string line = resp.body.substr(0, resp.body.find('\n'));
  if (line.size() > 200) {
    line = line.substr(0, 200) + "...";
  }
  const auto phrase = reason_phrase(resp.status);
  f.message = fmt::format("{}: HTTP {}{}{}{}{}", f.host, resp.status, phrase.empty() ? "" : " ", phrase,
                          line.empty() ? "" : ": ", line);
  f.response = resp;
  return f;
}

Result<Response> require_success(const Request& req, Result<Response> resp)
{
  if (resp && !resp->ok()) {
    return std::unexpected(status_failure(req, *resp));
  }
  return resp;
}

} // namespace pave::http
