#pragma once
/// Where a state lives, behind one interface (Terraform's statemgr: Transient
/// + Persistent + Locker). Backends: LocalStateStore (a file per environment
/// with an fcntl lock, local_store.hpp), MemoryStateStore (memory_store.hpp;
/// a real backend for tests and `pave demo`), S3StateStore (s3_store.hpp: an
/// object per environment in a bucket, a lock object created with
/// If-None-Match: *, writes conditional on the ETag read).
///
/// Protocol of a change: lock() -> read() -> modify -> write() -> release the
/// Lock. Reads need no lock: writes replace the state atomically.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pave/state/object_store.hpp>
#include <pave/state/state.hpp>
#include <pave/state/state_file.hpp>
#include <pave/util/expected.hpp>

namespace pave::state {

class StateFile;

/// Who holds (or asks for) a state lock. Stored beside the state while held.
struct LockInfo
{
  std::string id;        ///< random UUID, what `pave state unlock --force ID` names
  std::string operation; ///< "deploy", "state rm", ...
  std::string who;       ///< user@host
  std::string host;
  std::string version;   ///< pave version
  long pid = 0;
  std::string created;   ///< RFC 3339 UTC
  std::string path;      ///< the state it locks (store's describe())

  bool operator==(const LockInfo&) const = default;
};

/// LockInfo for the current process: new id, user@host, pid, now, this pave's version.
LockInfo make_lock_info(std::string operation);
/// As JSON (the lock file content) and back; from_json accepts missing fields.
nlohmann::json lock_info_to_json(const LockInfo& info);
LockInfo lock_info_from_json(const nlohmann::json& j);
/// "alice@box (pid 42, deploy, since 2024-05-01T12:00:00Z, lock id 9f0c...)".
std::string describe_holder(const LockInfo& info);

/// The Error (ExitCode::lock_held) for a lock of `where` held by `holder`;
/// `waited` > 0 says how long we waited.
util::Error lock_held_error(std::string_view where, const LockInfo& holder, std::chrono::milliseconds waited);

/// A held state lock. Releases on destruction; movable, not copyable.
class Lock
{
public:
  Lock() = default;
  /// `release` is called once, by release() or the destructor.
  Lock(LockInfo info, std::function<void()> release, std::string warning = {});
  Lock(Lock&& other) noexcept;
  Lock& operator=(Lock&& other) noexcept;
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
  ~Lock();

  bool held() const { return static_cast<bool>(m_release); }
  const LockInfo& info() const { return m_info; }
  /// Non-empty when taking the lock cleared the leftovers of a run that died
  /// holding it: "previous run (pid N, deploy, since T) died without releasing
  /// the lock; its lock was cleared". Show it to the user as a warning.
  const std::string& warning() const { return m_warning; }
  void release();

private:
  LockInfo m_info;
  std::function<void()> m_release;
  std::string m_warning;
};

/// A kept previous version of the state.
struct BackupInfo
{
  std::uint64_t serial = 0; ///< the serial that version had
  std::string time;         ///< when it was replaced (RFC 3339 UTC)
  std::string path;         ///< where it is ("" for memory)
};

/// How write() treats the stored state.
enum class WriteMode {
  checked, ///< refuse unless the stored lineage and serial are those `s` was read with
  replace, ///< replace whatever is stored (state push --force); an unreadable stored file is moved aside, not lost
};

/// A stored state file opened for reading (StateStore::open_bytes).
struct StateStream
{
  std::unique_ptr<std::istream> in;
  std::uint64_t size = 0;
};

class StateStore
{
public:
  virtual ~StateStore() = default;
  /// "local .pave/state/dev.json", "memory dev".
  virtual std::string describe() const = 0;
  /// The stored state; nullopt when there is none yet. Errors: unreadable,
  /// corrupt (named, with where the backups are), newer format.
  virtual util::Result<std::optional<State>> read() = 0;
  /// The stored state opened for reading its records one at a time, without
  /// building a State (state_reader.hpp): for readers of large states, such
  /// as cost-report. nullopt when there is none. Errors as read()'s, except
  /// that a record is only decoded, and found invalid, when it is read.
  virtual util::Result<std::optional<StateFile>> read_file() = 0;
  /// Stores `s` as the new state. Requires this store's lock to be held (and
  /// not broken by a force-unlock since). Sets s.serial to the stored serial
  /// plus one (at least s.serial + 1), s.pave_version, and a new lineage when
  /// s has none and nothing is stored. In `checked` mode refuses when the
  /// stored lineage differs or the stored serial is not s.serial (another
  /// writer moved on since s was read). Never overwrites a corrupt stored
  /// state in `checked` mode. The replaced version becomes a backup.
  virtual util::Result<void> write(State& s, WriteMode mode = WriteMode::checked) = 0;
  /// Takes the lock for `who.operation`, waiting up to `timeout` (polling with
  /// backoff). Held by someone else -> Error with ExitCode::lock_held naming
  /// the holder (describe_holder). The lock ends when the Lock is released.
  virtual util::Result<Lock> lock(const LockInfo& who, std::chrono::milliseconds timeout) = 0;
  /// Breaks the lock whose id is `lock_id` (for a holder that cannot release
  /// it: a crash on a filesystem without working OS locks, a lost machine).
  /// Error when no lock is recorded or its id differs. A holder that is still
  /// running finds out at its next write(), which then fails.
  virtual util::Result<void> force_unlock(std::string_view lock_id) = 0;
  /// The kept previous versions, newest first.
  virtual util::Result<std::vector<BackupInfo>> backups() = 0;

  // Verbatim access, for `pave state migrate` (copies keep serial, lineage
  // and checksum byte for byte).
  /// The stored state file as is (not parsed); nullopt when there is none.
  virtual util::Result<std::optional<std::string>> read_bytes() = 0;
  /// The same as a stream, for readers that need not hold the file in
  /// memory (`pave backup create` of a large state): positioned at its
  /// start, seekable, with its size. It reads one version: a write that
  /// replaces the state meanwhile does not change it. The default holds
  /// read_bytes() in memory; the local store reads the file.
  virtual util::Result<std::optional<StateStream>> open_bytes();
  /// Stores `bytes` (a state file its caller verified) verbatim. Requires the
  /// lock, like write(). The replaced version becomes a backup (an
  /// unreadable one is kept aside).
  virtual util::Result<void> write_bytes(std::string_view bytes) = 0;
  /// Removes the state, keeping it as a backup (so a later write continues
  /// its serials). Requires the lock. No state: nothing to do.
  virtual util::Result<void> remove_state() = 0;
};

/// How many previous versions a store keeps as backups.
inline constexpr std::size_t k_backups_kept = 10;

/// Which store to open.
struct StoreConfig
{
  /// The `state_dir` setting or pave.toml's [state] backend: a directory
  /// (relative to `base_dir`) for the local backend, "memory://" for a fresh
  /// memory store, "s3://BUCKET[/PREFIX]" for the S3 backend.
  std::string location = ".pave/state";
  std::filesystem::path base_dir; ///< the project directory
  std::string environment;
  /// Opens a bucket for "s3://" locations; without it they are an error.
  ObjectStoreFactory object_store;
};

util::Result<std::unique_ptr<StateStore>> open_store(const StoreConfig& config);

/// This machine's host name ("unknown" when it has none), as LockInfo::host.
std::string host_name();
/// True when a process with `pid` exists on this host.
bool process_running(long pid);

/// The check both write modes share: the new serial for `s` given what is
/// stored (nullopt = nothing), or the refusal in checked mode. With nothing
/// stored the new serial is above `floor` too (the newest backup's serial +
/// 1: a state that was lost or moved aside never reuses a serial). `where`
/// names the store in errors.
util::Result<std::uint64_t> next_serial(const std::optional<StateHeader>& stored, const State& s, WriteMode mode,
                                        std::string_view where, std::uint64_t floor = 0);

/// The header fields stamp_header() replaced, for restore_header().
struct SavedHeader
{
  std::uint64_t serial = 0;
  std::string lineage;
  std::string environment;
  std::string pave_version;
};

/// What every store does to `s` before serialising it: sets `serial`, this
/// pave's version and the current format, and, when empty, the lineage (the
/// stored one, else a new UUID) and `environment`. In place, so a large state
/// is not copied; returns the previous values.
SavedHeader stamp_header(State& s, std::uint64_t serial, const std::optional<StateHeader>& stored,
                         std::string_view environment);

/// Puts back what stamp_header() replaced (after a failed write).
void restore_header(State& s, SavedHeader&& old);

} // namespace pave::state
