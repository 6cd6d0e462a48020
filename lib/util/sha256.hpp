#pragma once
/// SHA-256 digests (OpenSSL), as used for state checksums and object digests.
#include <string>
#include <string_view>

namespace pave::util {

/// Lowercase hex SHA-256 of `data` (64 characters).
std::string sha256_hex(std::string_view data);

/// "sha256:" followed by sha256_hex(data): the form stored in state files.
std::string sha256_tagged(std::string_view data);

} // namespace pave::util
