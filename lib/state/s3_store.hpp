#pragma once
/// The remote state backend: a state per environment in an object store
/// (S3), shared by every machine that can reach the bucket.
///
///   PREFIX/ENV.json            the state (the state file format, checksum
///                              verified on every read; a corrupt object is
///                              refused and never overwritten)
///   PREFIX/ENV.json.lock       the lock: created with If-None-Match: * (only
///                              one creator wins), holding the holder's
///                              LockInfo JSON, deleted on release (with
///                              If-Match, only while it is still ours), as
///                              Terraform 1.10+ does with `use_lockfile`
///   PREFIX/ENV.json.backup.N   the version with serial N, copied before it
///                              was replaced; the newest k_backups_kept stay
///   PREFIX/ENV.json.corrupt-T  an unreadable state kept aside by a forced
///                              replace (never deleted by pave)
///
/// Writes are conditional on the version read: If-Match on the ETag that
/// read() saw (If-None-Match: * for the first state), so that two runners
/// never lose each other's update even when the lock was broken. Nothing
/// releases the lock of a holder that died: a lock older than
/// k_stale_lock_age, or whose holder ran on this host and is gone, is
/// reported as probably stale, with the `pave state unlock --force ID` that
/// removes it.
#include <memory>

#include <pave/state/object_store.hpp>
#include <pave/state/store.hpp>
#include <pave/util/clock.hpp>

namespace pave::state {

/// A lock held longer than this is reported as probably stale.
inline constexpr std::chrono::hours k_stale_lock_age{1};

/// "s3://bucket/prefix" split; prefix is "" or ends with '/'.
struct ObjectLocation
{
  std::string scheme; ///< "s3"
  std::string bucket;
  std::string prefix;
};

/// Parses "s3://BUCKET[/PREFIX]". Errors: no bucket, a bucket name S3 does not
/// allow, "." or ".." segments in the prefix.
util::Result<ObjectLocation> parse_object_location(std::string_view location);

class S3StateStore final : public StateStore
{
public:
  /// `objects` is the bucket's store; keys are `prefix` (from
  /// parse_object_location) + environment + ".json...". `clock` paces lock
  /// polling and dates locks for stale-lock reports.
  S3StateStore(std::shared_ptr<ObjectStore> objects, std::string prefix, std::string environment,
               util::Clock& clock = util::system_clock());
  ~S3StateStore() override;

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

  const std::string& state_key() const { return m_key; }
  const std::string& lock_key() const { return m_lock_key; }
  std::string backup_key(std::uint64_t serial) const;

private:
  struct Held;
  /// What read() saw: the write after it is conditional on that version.
  struct Seen
  {
    std::string etag;
    std::uint64_t serial = 0;
    std::string lineage;
  };
  std::string url(const std::string& key) const;
  /// Error unless this store holds the lock and its lock object is still ours.
  util::Result<void> check_lock_held();
  /// Adds where the backups are to an error about an unreadable state.
  util::Error unreadable(util::Error e);
  /// Puts `bytes` as the state conditional on `current` (nullopt: absent);
  /// a failed condition is the "changed since it was read" error.
  util::Result<std::string> put_state(std::string bytes, const std::optional<StoredObject>& current);
  void prune_backups();

  std::shared_ptr<ObjectStore> m_objects;
  std::string m_prefix;
  std::string m_env;
  util::Clock& m_clock;
  std::string m_key;
  std::string m_lock_key;
  std::optional<Seen> m_seen;
  std::shared_ptr<Held> m_held;
};

/// Why the lock of `holder` looks stale at `now` ("" when it does not): held
/// longer than k_stale_lock_age, or taken on this host by a process that is
/// gone.
std::string stale_lock_reason(const LockInfo& holder, std::chrono::system_clock::time_point now);

} // namespace pave::state
