#pragma once
/// Content digests (OpenSSL SHA-256), written as "sha256:<64 hex digits>"
/// wherever pave stores them (state, plans, backups).
#include <string>
#include <string_view>

namespace pave::util {

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// "sha256:" + sha256_hex(data).
std::string sha256_digest(std::string_view data);

} // namespace pave::util
