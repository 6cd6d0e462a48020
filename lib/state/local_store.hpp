#pragma once
/// The local state backend: DIR/ENV.json, one file per environment.
///
///   DIR/ENV.json            the state (mode 0600), replaced atomically: temp
///                           file, fsync, rename, fsync of DIR
///   DIR/ENV.json.lock       the lock file: an fcntl OFD lock on it is the
///                           lock; its content is the holder's LockInfo JSON
///                           while held, empty after a clean release
///   DIR/ENV.json.backup.N   the version with serial N, kept when it was
///                           replaced (a hard link, so no copy); the newest
///                           k_backups_kept are kept
///   DIR/ENV.json.corrupt-T  an unreadable state moved aside by a forced
///                           replace (never deleted by pave)
///
/// A lock record found in the lock file when the OS lock is free was left by
/// a run that died holding the lock (the kernel released its OS lock); lock()
/// clears it and reports it in Lock::warning(). force_unlock() removes the
/// lock file, so that the next run takes a fresh lock even when the OS lock
/// cannot be trusted (NFS) or its holder hangs; a holder that still runs
/// notices at write() and refuses to write.
#include <filesystem>
#include <memory>

#include <pave/state/store.hpp>

namespace pave::state {

class LocalStateStore final : public StateStore
{
public:
  LocalStateStore(std::filesystem::path dir, std::string environment);
  ~LocalStateStore() override;

  std::string describe() const override;
  util::Result<std::optional<State>> read() override;
  util::Result<std::optional<StateFile>> read_file() override;
  util::Result<void> write(State& s, WriteMode mode = WriteMode::checked) override;
  util::Result<Lock> lock(const LockInfo& who, std::chrono::milliseconds timeout) override;
  util::Result<void> force_unlock(std::string_view lock_id) override;
  util::Result<std::vector<BackupInfo>> backups() override;
  util::Result<std::optional<std::string>> read_bytes() override { return load_bytes(); }
  util::Result<std::optional<StateStream>> open_bytes() override;
  util::Result<void> write_bytes(std::string_view bytes) override;
  util::Result<void> remove_state() override;

  const std::filesystem::path& state_path() const { return m_state; }
  const std::filesystem::path& lock_path() const { return m_lock; }
  std::filesystem::path backup_path(std::uint64_t serial) const;

private:
  struct Held;
  /// The stored bytes, nullopt when there is no state file.
  util::Result<std::optional<std::string>> load_bytes() const;
  /// Error unless this store holds the lock and it was not broken.
  util::Result<void> check_lock_held() const;
  /// Keeps the stored file as backup.SERIAL (or .corrupt-T when unreadable).
  void keep_current(std::string_view current);
  /// Adds where the backups are to an error about an unreadable state.
  util::Error unreadable(util::Error e);
  void prune_backups();
  void remove_temp_files();

  std::filesystem::path m_dir;
  std::string m_env;
  std::filesystem::path m_state;
  std::filesystem::path m_lock;
  std::weak_ptr<Held> m_held;
};

/// The warning for a lock record left by a run that did not release its lock
/// ("previous run (pid 42, deploy, since T) died without releasing the lock;
/// its lock was cleared"), or "" when `record` is empty.
std::string stale_lock_warning(std::string_view record);

} // namespace pave::state
