#pragma once
/// Writing a backup as a stream, entry by entry:
///   entries -> tar (tar.hpp) -> zstd (compress.hpp) -> AES-256-GCM chunks (crypto.hpp) -> destination
/// Each entry is written as it is added and then dropped; what the writer
/// holds does not grow with the backup: the pipeline's bounded buffers
/// (the destination's upload parts are the largest), one entry at a time,
/// and per entry a 16-byte fingerprint of its path (to refuse a path twice)
/// plus its manifest line, which goes to a temporary file beyond 1 MiB
/// (manifest_writer.hpp). The manifest is the last entry, and the record
/// is written once the archive is complete, so an interrupted backup is
/// never listed.
#include <chrono>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <pave/backup/archive.hpp>
#include <pave/backup/manifest_writer.hpp>

namespace pave::backup {

class TarWriter;

/// A resource entry ready to be written: its identity, its JSON text and
/// that text's SHA-256. Making it is most of the work of adding an object,
/// and needs no archive: it can be done on another thread (ResourceSpool).
struct SerializedResource
{
  std::string address, api_version, kind, namespace_, name;
  std::string body;   ///< the entry's bytes
  std::string sha256; ///< of `body` (hex)
};

/// `item`'s entry: the object as indented JSON, hashed.
SerializedResource serialize(ResourceItem item);

struct ArchiveOptions
{
  CompressOptions compress;
  EncryptOptions encrypt;
  bool threaded = true; ///< compress, encrypt and upload on a thread of their own (ThreadedSink)
};

class ArchiveWriter
{
public:
  /// Starts backup `header.id` at `dest` (DEST/ID/archive.pave). The header's
  /// counts are computed from what is added. Errors: a backup `id` exists
  /// already, a bad creation time, the key or the destination fails.
  static util::Result<std::unique_ptr<ArchiveWriter>> open(Destination& dest, const BackupHeader& header,
                                                           const KeyMaterial& key, const ArchiveOptions& options = {});
  /// Without finish(), the upload is discarded: nothing is listed.
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  /// Adds an object (already cleaned) as resources/NS/KIND.GROUP/NAME.json.
  /// Error: "backup: ADDRESS is listed twice" (another object had its path),
  /// or the stream failed. After an error the writer only reports it again.
  util::Result<void> add_resource(const ResourceItem& item);
  /// add_resource() of an entry serialized already (its SHA-256 is trusted).
  util::Result<void> add_serialized(const SerializedResource& entry);
  /// Adds the environment's state file: `size` bytes read from `in`.
  util::Result<void> add_state(std::istream& in, std::uint64_t size);
  /// Adds a local file as files/NAME, streamed. Error: a name that is empty,
  /// unsafe or used twice; the file cannot be read or changes size.
  util::Result<void> add_file(const FileItem& file);
  /// Writes the manifest, finishes the stream and the upload, then writes
  /// DEST/ID/backup.json: the backup is listed from now on.
  util::Result<BackupInfo> finish();

  struct Fingerprint
  {
    std::uint64_t a = 0, b = 0;
    bool operator==(const Fingerprint&) const = default;
  };
  struct FingerprintHash
  {
    std::size_t operator()(const Fingerprint& f) const { return static_cast<std::size_t>(f.a); }
  };

private:
  ArchiveWriter(Destination& dest, const BackupHeader& header, const KeyMaterial& key);
  /// Records an entry written: its path's fingerprint and its manifest line.
  util::Result<void> record(const Fingerprint& path, const ManifestEntry& entry);
  /// The first error of the stream, returned again by every later call.
  util::Result<void> check(util::Result<void> r);

  Destination& m_dest;
  BackupHeader m_header;
  std::string m_key_kind;
  std::chrono::system_clock::time_point m_created;
  std::unique_ptr<Upload> m_upload;
  std::unique_ptr<HashingSink> m_hashed;
  std::unique_ptr<Sink> m_encrypted;
  std::unique_ptr<Sink> m_compressed;
  std::unique_ptr<ThreadedSink> m_threaded; ///< compression and what follows run on their own thread
  std::unique_ptr<TarWriter> m_tar;
  ManifestWriter m_manifest;
  std::unordered_set<Fingerprint, FingerprintHash> m_paths;
  std::set<std::string> m_namespaces;
  std::optional<util::Error> m_error;
  bool m_finished = false;
};

/// Everything a small backup holds, for write_backup().
struct WriteInputs
{
  BackupHeader header;  ///< id, environment, created, cluster, pave_version, scope (counts are computed)
  std::vector<ResourceItem> resources;
  std::optional<std::string> state; ///< the environment's state file
  std::vector<FileItem> files;
  CompressOptions compress;
  EncryptOptions encrypt;
};

/// ArchiveWriter over inputs held in memory (tests, small backups): files,
/// then the state, then the resources. Errors: ArchiveWriter's.
util::Result<BackupInfo> write_backup(Destination& dest, const WriteInputs& in, const KeyMaterial& key);

} // namespace pave::backup
