#pragma once
/// Typed AWS failures: the service's error code and message (parsed from
/// REST-XML, query or JSON error bodies), or the network failure that kept a
/// response from arriving; and how the SDKs' standard retry mode classifies
/// each.
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <pave/http/failure.hpp>
#include <pave/util/expected.hpp>

namespace pave::cloud::aws {

struct AwsError
{
  std::string service;    ///< signing name: "s3", "route53"
  std::string operation;  ///< "PutObject"
  long status = 0;        ///< HTTP status; 0 for network failures
  std::string code;       ///< "NoSuchBucket", "SignatureDoesNotMatch", "PreconditionFailed"
  std::string message;    ///< the service's message (one line)
  std::string request_id;
  std::optional<http::FailureKind> network; ///< set when no response arrived
  std::string endpoint;   ///< the endpoint URL, for unreachable-endpoint messages

  /// One line: "s3 PutObject: NoSuchBucket: The specified bucket does not exist",
  /// "cannot reach AWS endpoint http://127.0.0.1:9 (s3 PutObject): connection failed to ...".
  std::string describe() const;

  /// Crosses into util::Error with describe() as its message.
  operator util::Error() const { return util::Error{describe()}; } // NOLINT(google-explicit-constructor)
};

template <typename T> using AwsResult = std::expected<T, AwsError>;

/// Code and message from an error response body: REST-XML (<Error><Code>),
/// query (<ErrorResponse><Error>, EC2's <Response><Errors><Error>), JSON 1.x
/// ({"__type": "ns#Code", "message": ...}) or the x-amzn-ErrorType header.
/// Bodiless responses (HEAD) get a code from the status: 301
/// "PermanentRedirect", 304 "NotModified", 400 "BadRequest", 403 "Forbidden",
/// 404 "NotFound", 412 "PreconditionFailed", else "HTTP<status>".
AwsError parse_error(const http::Response& resp);

enum class RetryClass { none, throttling, transient, expired_credentials };

/// Standard mode: throttling codes (Throttling, ThrottlingException,
/// ThrottledException, RequestThrottledException, TooManyRequestsException,
/// ProvisionedThroughputExceededException, TransactionInProgressException,
/// RequestLimitExceeded, BandwidthLimitExceeded, LimitExceededException,
/// RequestThrottled, SlowDown, PriorRequestNotComplete, EC2ThrottledException,
/// and HTTP 429); transient codes (RequestTimeout, RequestTimeoutException,
/// InternalError, InternalFailure, ServiceUnavailable) and statuses 500, 502,
/// 503, 504; connection failures and timeouts. Expired credentials
/// (ExpiredToken, ExpiredTokenException, RequestExpired) are retried once
/// after a credentials refresh.
RetryClass classify(const AwsError& e);

/// True for the codes above that mean the credentials have expired.
bool is_expired_credentials(std::string_view code);

} // namespace pave::cloud::aws
