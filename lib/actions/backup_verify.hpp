#pragma once
/// `pave backup verify ID`: downloads the archive and checks every layer
/// (GCM tag of every chunk, zstd checksum, tar structure, SHA-256 of every
/// entry against the manifest, size and SHA-256 against the record)
/// without restoring anything.
#include <string>

#include <pave/actions/backup_common.hpp>
#include <pave/backup/catalog.hpp>

namespace pave::actions {

struct BackupVerifyOptions
{
  std::string id;
  std::string environment; ///< for the AWS settings of an s3:// destination ("" = the first environment)
  BackupDestinationOptions dest;
};

struct BackupVerifyResult
{
  backup::BackupInfo info;
  std::size_t entries = 0;          ///< entries checked (manifest excluded)
  std::uint64_t plaintext_bytes = 0;
  double seconds = 0;
};

/// Error: the backup is missing, the key is wrong, or any check fails (the message says which entry or chunk).
util::Result<BackupVerifyResult> backup_verify(const project::Project& project, const BackupVerifyOptions& options);

} // namespace pave::actions
