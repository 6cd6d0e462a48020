#pragma once
/// Where backups are kept, behind a narrow interface: a local directory
/// (file://DIR or a plain path), S3 (s3://BUCKET/PREFIX, multipart) and a
/// memory destination (tests, and `memory://` for dry runs). Keys are
/// relative ("ID/archive.pave", "ID/backup.json"). Writes become visible
/// atomically: a streamed upload only when it is finished, so an
/// interrupted one never leaves a complete-looking object.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pave/backup/stream.hpp>

namespace pave::backup {

/// A streamed write: a Sink whose finish() makes the object visible.
/// Destroying it unfinished discards what was written (an aborted multipart
/// upload, a removed temporary file).
class Upload : public Sink
{
};

struct StoredEntry
{
  std::string key; ///< relative to the destination
  std::uint64_t size = 0;
};

class Destination
{
public:
  virtual ~Destination() = default;
  /// "s3://bucket/prefix", "file:///abs/dir", "memory://".
  virtual std::string describe() const = 0;
  /// Starts a streamed write of `key`.
  virtual util::Result<std::unique_ptr<Upload>> create(const std::string& key) = 0;
  /// Writes a small object atomically (replacing one that exists).
  virtual util::Result<void> put(const std::string& key, std::string_view data) = 0;
  /// A small object, or nullopt when there is none.
  virtual util::Result<std::optional<std::string>> get(const std::string& key) = 0;
  /// Streams an object. Error when it does not exist: "DESCRIBE/KEY: no such backup object".
  virtual util::Result<std::unique_ptr<Source>> open(const std::string& key) = 0;
  /// Every key under `prefix` ("" = all), sorted.
  virtual util::Result<std::vector<StoredEntry>> list(const std::string& prefix) = 0;
  /// Removes an object; one that is gone is not an error.
  virtual util::Result<void> remove(const std::string& key) = 0;
};

/// How an s3:// destination is reached (pave.toml [backup] region,
/// aws_profile, endpoint_url; default the environment's).
struct DestinationOptions
{
  std::string region;
  std::string profile;
  std::string endpoint_url;
  std::uint64_t part_size = 8ull << 20; ///< multipart part size (doubling every 1,000 parts, up to 128 MiB)
  int concurrency = 8;                  ///< parts in flight (memory: concurrency x part_size), like the AWS CLI's 10
};

/// Opens `url`: s3://BUCKET[/PREFIX], file://DIR, memory:// (one per
/// process, shared), or a plain directory path resolved against `base_dir`.
/// Error for another scheme.
util::Result<std::unique_ptr<Destination>> open_destination(const std::string& url, const std::string& base_dir,
                                                            const DestinationOptions& options = {});

/// A directory destination.
std::unique_ptr<Destination> make_file_destination(std::string dir);
/// A fresh in-memory destination.
std::unique_ptr<Destination> make_memory_destination();

} // namespace pave::backup
