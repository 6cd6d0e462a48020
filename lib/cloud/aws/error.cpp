#include <pave/cloud/aws/error.hpp>

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace pave::cloud::aws {

namespace {

std::string one_line(std::string s)
{
  for (char& c : s) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return s;
}

std::string status_code(long status)
{
  switch (status) {
  case 301: return "PermanentRedirect";
  case 304: return "NotModified";
  case 400: return "BadRequest";
  case 403: return "Forbidden";
  case 404: return "NotFound";
  case 412: return "PreconditionFailed";
  default: return fmt::format("HTTP{}", status);
  }
}

} // namespace

std::string AwsError::describe() const
{
  const std::string op = operation.empty() ? service : fmt::format("{} {}", service, operation);
  if (network) {
    return fmt::format("cannot reach AWS endpoint {} ({}): {}", endpoint, op, message);
  }
  if (message.empty()) {
    return fmt::format("{}: {} (HTTP {})", op, code, status);
  }
  return fmt::format("{}: {}: {}", op, code, message);
}

AwsError parse_error(const http::Response& resp)
{
  AwsError e;
  e.status = resp.status;
  if (const auto id = resp.header("x-amzn-RequestId")) {
    e.request_id = *id;
  } else if (const auto id2 = resp.header("x-amz-request-id")) {
    e.request_id = *id2;
  }
  const std::string_view body = resp.body;
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '<') {
    pugi::xml_document doc;
    if (doc.load_buffer(body.data(), body.size())) {
      const pugi::xml_node err = doc.select_node("//Error").node();
      const pugi::xml_node scope = err ? err : doc.document_element();
      e.code = scope.child("Code").text().as_string();
      e.message = scope.child("Message").text().as_string();
      if (e.request_id.empty()) {
        e.request_id = doc.select_node("//RequestId").node().text().as_string();
      }
    }
  } else if (first != std::string_view::npos && body[first] == '{') {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object()) {
      for (const char* k : {"__type", "code", "Code"}) {
        if (j.contains(k) && j[k].is_string() && e.code.empty()) {
          e.code = j[k].get<std::string>();
        }
      }
      for (const char* k : {"message", "Message", "errorMessage"}) {
        if (j.contains(k) && j[k].is_string() && e.message.empty()) {
          e.message = j[k].get<std::string>();
        }
      }
    }
  }
  if (const auto type = resp.header("x-amzn-ErrorType"); type && e.code.empty()) {
    e.code = std::string(type->substr(0, type->find(':')));
  }
  if (const auto hash = e.code.rfind('#'); hash != std::string::npos) {
    e.code = e.code.substr(hash + 1); // "com.amazonaws.ce#LimitExceededException"
  }
  if (e.code.empty()) {
    e.code = status_code(resp.status);
  }
  e.message = one_line(e.message);
  return e;
}

bool is_expired_credentials(std::string_view code)
{
  return code == "ExpiredToken" || code == "ExpiredTokenException" || code == "RequestExpired";
}

RetryClass classify(const AwsError& e)
{
  if (e.network) {
    return *e.network == http::FailureKind::timeout || *e.network == http::FailureKind::connection
               ? RetryClass::transient
               : RetryClass::none;
  }
  static constexpr std::array<std::string_view, 14> k_throttling = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException"};
  static constexpr std::array<std::string_view, 5> k_transient = {"RequestTimeout", "RequestTimeoutException",
                                                                  "InternalError", "InternalFailure",
                                                                  "ServiceUnavailable"};
  for (const auto c : k_throttling) {
    if (e.code == c) {
      return RetryClass::throttling;
    }
  }
  if (e.status == 429) {
    return RetryClass::throttling;
  }
  if (is_expired_credentials(e.code)) {
    return RetryClass::expired_credentials;
  }
  for (const auto c : k_transient) {
    if (e.code == c) {
      return RetryClass::transient;
    }
  }
  if (e.status == 500 || e.status == 502 || e.status == 503 || e.status == 504) {
    return RetryClass::transient;
  }
  return RetryClass::none;
}

} // namespace pave::cloud::aws
