#pragma once
/// Resource entries parked in an unlinked temporary file while the archive
/// is busy with other entries: `pave backup create` reads and serializes
/// the objects on one thread while the files stream into the archive on
/// another, then replays them into it. Memory holds one write buffer
/// whatever the number of objects; the disk holds their JSON text.
#include <cstdint>
#include <functional>

#include <pave/backup/archive_writer.hpp>
#include <pave/util/fs.hpp>

namespace pave::backup {

class ResourceSpool
{
public:
  /// Parks an entry. Error: the temporary file cannot be created or written.
  util::Result<void> put(const SerializedResource& entry);
  std::size_t entries() const { return m_entries; }
  /// Hands every entry back, in the order they were put. Error: the
  /// temporary file cannot be read, or `take` fails (which stops the replay).
  util::Result<void> replay(const std::function<util::Result<void>(SerializedResource&& entry)>& take);

private:
  util::FilePtr m_file;
  std::size_t m_entries = 0;
};

} // namespace pave::backup
