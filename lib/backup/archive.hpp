#pragma once
/// Reading a backup archive (written by archive_writer.hpp) through the streamed pipeline:
///   destination -> AES-256-GCM chunks (crypto.hpp) -> zstd (compress.hpp) -> tar (tar.hpp)
/// Reading checks every layer:
/// the GCM tags of every chunk, the zstd frame checksum, the tar structure,
/// the SHA-256 and size of every entry against the manifest, and the
/// archive's size and SHA-256 against its catalog record.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/backup/catalog.hpp>
#include <pave/backup/compress.hpp>
#include <pave/backup/crypto.hpp>
#include <pave/backup/key.hpp>

namespace pave::backup {

struct ResourceItem
{
  std::string address;  ///< k8s:API_VERSION/KIND/NS/NAME
  std::string api_version, kind, namespace_, name;
  nlohmann::json object; ///< server fields stripped
};

struct FileItem
{
  std::filesystem::path source; ///< local file to include
  std::string name;             ///< stored as files/NAME
};

/// What reading an archive gives back.
struct ArchiveContents
{
  Manifest manifest;
  std::vector<ResourceItem> resources; ///< in archive order
  std::optional<std::string> state;
  std::vector<ManifestEntry> files;
  std::uint64_t plaintext_bytes = 0; ///< tar bytes
};

/// Receives each "file" entry while it is read (restore --files-to); `read` gives its data.
using FileHandler = std::function<util::Result<void>(const ManifestEntry& entry,
                                                     const std::function<util::Result<std::size_t>(char*, std::size_t)>& read)>;

/// What reading keeps.
enum class ReadMode {
  contents,    ///< the resources and the state, in memory (restore)
  verify_only, ///< nothing: every check is made as each entry is read (verify: memory does not grow with the backup)
};

/// Reads the decrypted, decompressed tar stream `tar`: every entry hashed,
/// the manifest (the last entry) checked against all of them. Resources and
/// the state are kept in memory (ReadMode::contents); file entries are
/// hashed (and passed to `on_file`). Errors: "archive corrupted: ..." naming the entry.
util::Result<ArchiveContents> read_tar_stream(Source& tar, const FileHandler& on_file = {},
                                              ReadMode mode = ReadMode::contents);

/// Reads and verifies backup `info` from `dest` with `key`.
/// Errors: the crypto/zstd/tar errors, "archive corrupted: ..." for a size
/// or SHA-256 mismatch with the record, a manifest that disagrees with the record.
util::Result<ArchiveContents> read_backup(Destination& dest, const BackupInfo& info, const KeyMaterial& key,
                                          const FileHandler& on_file = {}, ReadMode mode = ReadMode::contents);

} // namespace pave::backup
