#pragma once
/// Credential redaction for request/response logs: tokens, signatures,
/// passwords and cookies never reach the debug log.
#include <string>
#include <string_view>

namespace pave::http {

inline constexpr std::string_view k_redacted = "<redacted>";

/// The value to log for header `name`: Authorization keeps its scheme
/// ("Bearer <redacted>", "AWS4-HMAC-SHA256 <redacted>"); Cookie, Set-Cookie
/// and names containing token, secret, password, signature, credential or
/// api-key become "<redacted>"; anything else is returned as is.
std::string redact_header(std::string_view name, std::string_view value);

/// `url` with user info and the values of sensitive query parameters
/// (X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token, token,
/// access_token, signature, sig, password, secret...) replaced by "<redacted>".
std::string redact_url(std::string_view url);

} // namespace pave::http
