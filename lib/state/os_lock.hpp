#pragma once
/// An exclusive OS lock on a lock file: an fcntl open-file-description lock
/// (F_OFD_SETLK; F_SETLK where OFD locks do not exist). The kernel drops it
/// when the process exits, however it exits, so a dead holder never blocks.
/// OFD locks conflict between two opens of the file even in one process, and
/// with classic POSIX (lockf) locks of other processes.
///
/// The lock file is never removed by its holder (that would race with a
/// waiter locking the unlinked inode); releasing empties it. A force-unlock
/// removes it, and still_current() lets the holder notice.
#include <filesystem>
#include <optional>
#include <string>

#include <pave/util/expected.hpp>

namespace pave::state {

class OsLock
{
public:
  /// The outcome of one try: the lock, or the content of the held lock file.
  struct Attempt;

  /// Opens (creating) `path` and tries to lock it without waiting.
  static util::Result<Attempt> try_lock(const std::filesystem::path& path);

  OsLock(OsLock&& other) noexcept;
  OsLock& operator=(OsLock&& other) noexcept;
  OsLock(const OsLock&) = delete;
  OsLock& operator=(const OsLock&) = delete;
  ~OsLock();

  bool held() const { return m_fd >= 0; }
  /// True while `path` still names the locked file (false after a force-unlock removed it).
  bool still_current() const;
  /// The lock file's content.
  util::Result<std::string> read() const;
  /// Replaces the lock file's content.
  util::Result<void> write(std::string_view content);
  /// Empties the lock file and releases the lock (idempotent).
  void release();

private:
  OsLock(int fd, std::filesystem::path path);
  int m_fd = -1;
  std::filesystem::path m_path;
};

struct OsLock::Attempt
{
  std::optional<OsLock> lock; ///< set when locked
  std::string holder;         ///< when not locked: the lock file's content (the holder's record)
};

/// Reads the whole content of an open file from offset 0.
std::string read_fd(int fd);

} // namespace pave::state
