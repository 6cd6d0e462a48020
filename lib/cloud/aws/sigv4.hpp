#pragma once
/// AWS Signature Version 4 (header signing and presigned URLs), as in
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html and
/// as botocore implements it (tests/aws/sigv4_vs_botocore.py compares both).
///
/// Differences between services handled here:
///  - S3 (`s3_rules`): the path is signed as sent (object keys are encoded
///    once, never normalised); the payload may be UNSIGNED-PAYLOAD.
///  - Every other service: each path segment is encoded again and the path
///    normalised (dot segments removed, duplicate slashes kept).
/// pave always sends and signs x-amz-content-sha256, because moto (and S3)
/// route on it and it costs nothing.
#include <chrono>
#include <string>
#include <string_view>

#include <pave/cloud/aws/credentials_types.hpp>
#include <pave/http/request.hpp>

namespace pave::cloud::aws {

inline constexpr std::string_view k_unsigned_payload = "UNSIGNED-PAYLOAD";

struct SigningParams
{
  std::string service; ///< credential scope service: "s3", "route53", "sts", "autoscaling"
  std::string region;  ///< "us-east-1"
  std::chrono::system_clock::time_point time;
  bool s3_rules = false;         ///< S3 path handling (see above)
  bool unsigned_payload = false; ///< sign UNSIGNED-PAYLOAD instead of the body's SHA-256
  /// Add x-amz-content-sha256 (the payload hash) to the headers when absent.
  bool add_content_sha256 = true;
};

/// The intermediate values, for diagnostics and tests.
struct Signature
{
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers; ///< "host;x-amz-content-sha256;x-amz-date"
  std::string signature;      ///< 64 hex digits
  std::string authorization;  ///< the Authorization header value (header signing)
  std::string url;            ///< the presigned URL (presigning)
};

/// "20150830T123600Z".
std::string amz_date(std::chrono::system_clock::time_point t);

/// AWS's URI encoding: RFC 3986 unreserved characters kept, everything else
/// %XX upper case; '/' kept when `keep_slash`.
std::string uri_encode(std::string_view s, bool keep_slash);

/// Percent-decoding ('+' is kept as '+').
std::string uri_decode(std::string_view s);

/// Signs `req` in place: removes any previous Authorization, sets
/// X-Amz-Date, X-Amz-Security-Token (when the credentials have a token) and
/// x-amz-content-sha256 (unless the request has one or
/// `add_content_sha256` is false), then Authorization. The Host header is
/// signed from the URL (without a default port), as libcurl sends it.
/// Headers that proxies rewrite (user-agent, expect, transfer-encoding,
/// x-amzn-trace-id) are not signed.
Signature sign_request(http::Request& req, const Credentials& creds, const SigningParams& params);

/// A presigned URL for `req` (method, url and headers; the body is not
/// sent): X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders and
/// -Security-Token added to the query, then X-Amz-Signature. S3 rules sign
/// UNSIGNED-PAYLOAD.
Signature presign_url(const http::Request& req, const Credentials& creds, const SigningParams& params,
                      std::chrono::seconds expires);

/// The signing key: HMAC chain over date, region, service, "aws4_request" (raw bytes).
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);

/// Lower-case hex HMAC-SHA256.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

} // namespace pave::cloud::aws
