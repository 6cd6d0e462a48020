#pragma once
/// The memory state backend: a real StateStore whose data lives in a
/// MemoryBackend that several stores can share, the way several processes
/// share a file or a bucket. States are kept as the bytes of the state file
/// format, so the codec and its checks run as for any other backend. Used by
/// unit tests and `pave demo` (state_dir "memory://").
#include <condition_variable>
#include <memory>
#include <mutex>

#include <pave/state/store.hpp>

namespace pave::state {

/// The shared storage of memory stores. Fields are guarded by `mutex`.
struct MemoryBackend
{
  std::mutex mutex;
  std::condition_variable released;
  std::optional<std::string> bytes; ///< the state file, nullopt = no state
  std::optional<LockInfo> lock;     ///< the current holder
  std::vector<std::pair<BackupInfo, std::string>> backups; ///< newest first, with their bytes
};

class MemoryStateStore final : public StateStore
{
public:
  explicit MemoryStateStore(std::string environment,
                            std::shared_ptr<MemoryBackend> backend = std::make_shared<MemoryBackend>());

  std::string describe() const override;
  util::Result<std::optional<State>> read() override;
  util::Result<std::optional<StateFile>> read_file() override;
  util::Result<void> write(State& s, WriteMode mode = WriteMode::checked) override;
  util::Result<Lock> lock(const LockInfo& who, std::chrono::milliseconds timeout) override;
  util::Result<void> force_unlock(std::string_view lock_id) override;
  util::Result<std::vector<BackupInfo>> backups() override;
  util::Result<std::optional<std::string>> read_bytes() override;
  util::Result<void> write_bytes(std::string_view bytes) override;
  util::Result<void> remove_state() override;

  const std::shared_ptr<MemoryBackend>& backend() const { return m_backend; }

private:
  /// Error unless this store holds the lock (call with the mutex held).
  util::Result<void> check_lock_held() const;
  /// Moves the stored bytes to the backups (mutex held).
  void keep_current();

  std::string m_env;
  std::shared_ptr<MemoryBackend> m_backend;
  std::string m_lock_id; ///< id of the lock this store took, "" when none
};

} // namespace pave::state
