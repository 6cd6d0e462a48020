#pragma once
/// The secret a backup is encrypted with: a 32-byte key (PAVE_BACKUP_KEY or
/// a key file, as 64 hex digits, base64 of 32 bytes, or 32 raw bytes) or a
/// passphrase (PAVE_BACKUP_PASSPHRASE), which the encryption stretches with
/// scrypt under a per-backup salt (crypto.hpp).
#include <string>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::backup {

struct KeyMaterial
{
  std::string key;        ///< 32 bytes, or empty when `passphrase` is set
  std::string passphrase; ///< used when `key` is empty
  std::string origin;     ///< "PAVE_BACKUP_KEY", "key file /x", "PAVE_BACKUP_PASSPHRASE": for messages
};

/// Where to look for the key, first match wins: `key_file` (a flag or
/// [backup] key_file), PAVE_BACKUP_KEY, PAVE_BACKUP_PASSPHRASE.
struct KeyOptions
{
  std::string key_file;
  std::string env_key;        ///< value of PAVE_BACKUP_KEY ("" = unset)
  std::string env_passphrase; ///< value of PAVE_BACKUP_PASSPHRASE
};

/// KeyOptions with the two environment variables read from the process.
KeyOptions key_options_from_env(std::string key_file);

/// Parses a key: 64 hex digits, base64 of 32 bytes (surrounding whitespace
/// ignored), or exactly 32 raw bytes. Error:
/// "ORIGIN: not a 32-byte key (expected 64 hex digits or base64 of 32 bytes)".
util::Result<std::string> parse_key(std::string_view text, std::string_view origin);

/// The key material, or an error naming the three ways to give one.
util::Result<KeyMaterial> load_key(const KeyOptions& options);

} // namespace pave::backup
