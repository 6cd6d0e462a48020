#pragma once
/// Standard base64 (RFC 4648 with padding), through OpenSSL's EVP codec.
#include <optional>
#include <string>
#include <string_view>

namespace pave::util {

/// Encodes `in` as one line of padded base64.
std::string base64_encode(std::string_view in);

/// Decodes padded base64 (white space not allowed); nullopt when `in` is not valid base64.
std::optional<std::string> base64_decode(std::string_view in);

} // namespace pave::util
