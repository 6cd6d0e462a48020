#pragma once
/// `pave __aws`: diagnostics over pave's AWS client layer, for system tests,
/// benchmarks and debugging credentials and endpoints:
///  - sign: reads request specs as JSON lines and prints SigV4 signatures
///    (tests/aws/sigv4_vs_botocore.py compares them with botocore);
///  - whoami: STS GetCallerIdentity with the resolved credentials;
///  - s3 cp SRC DST: upload or download (one side s3://BUCKET/KEY) with
///    parallel multipart transfers and bounded memory;
///  - s3 ls s3://BUCKET[/PREFIX], s3 rm s3://BUCKET/KEY, s3 mb/rb s3://BUCKET.
#include <chrono>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::actions {

struct AwsDebugOptions
{
  std::string op;                ///< sign, whoami, s3
  std::vector<std::string> args; ///< s3: cp SRC DST | ls URL | rm URL | mb URL | rb URL
  std::string region;
  std::string profile;
  std::string endpoint_url;
  std::uint64_t part_size_mib = 8;
  int concurrency = 8;
  std::string timeout;           ///< per request ("10s"); empty: 5 minutes
  std::istream* input = nullptr; ///< sign: the JSON lines
};

struct AwsDebugResult
{
  nlohmann::ordered_json data;
  std::vector<std::string> lines;
  std::uint64_t requests = 0;
  std::chrono::milliseconds elapsed{};
};

util::Result<AwsDebugResult> aws_debug(const AwsDebugOptions& options);

/// One `sign` spec: {"method", "url", "headers": [[k, v], ...], "body",
/// "service", "region", "time" (epoch seconds), "access_key", "secret_key",
/// "token", "s3": bool, "unsigned": bool, "presign": seconds (0: header
/// signing)} → {"signature", "authorization" | "url", "canonical_request",
/// "string_to_sign"}.
util::Result<nlohmann::ordered_json> sign_spec(const nlohmann::json& spec);

} // namespace pave::actions
