#include <pave/state/memory_store.hpp>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/random.hpp>
#include <pave/util/time.hpp>

namespace pave::state {

MemoryStateStore::MemoryStateStore(std::string environment, std::shared_ptr<MemoryBackend> backend)
  : m_env(std::move(environment)), m_backend(std::move(backend))
{
}

std::string MemoryStateStore::describe() const
{
  return "memory " + m_env;
}

util::Result<std::optional<State>> MemoryStateStore::read()
{
  std::optional<std::string> bytes;
  {
    std::lock_guard g(m_backend->mutex);
    bytes = m_backend->bytes;
  }
  if (!bytes) {
    return std::optional<State>();
  }
  PAVE_TRY_ASSIGN(auto s, parse_state(*bytes, describe()));
  return std::optional<State>(std::move(s));
}

util::Result<std::optional<StateFile>> MemoryStateStore::read_file()
{
  std::optional<std::string> bytes;
  {
    std::lock_guard g(m_backend->mutex);
    bytes = m_backend->bytes;
  }
  if (!bytes) {
    return std::optional<StateFile>();
  }
  PAVE_TRY_ASSIGN(auto f, open_state_file(std::move(*bytes), describe()));
  return std::optional<StateFile>(std::move(f));
}

util::Result<void> MemoryStateStore::check_lock_held() const
{
  if (m_lock_id.empty()) {
    return util::fail("cannot write the state of {} without holding its lock", describe());
  }
  if (!m_backend->lock || m_backend->lock->id != m_lock_id) {
    return util::fail("the state lock of {} was broken (`pave state unlock --force {}`) while this operation held "
                      "it; not writing",
                      describe(), m_lock_id);
  }
  return {};
}

void MemoryStateStore::keep_current()
{
  if (!m_backend->bytes) {
    return;
  }
  const auto header = parse_state_header(*m_backend->bytes, describe());
  BackupInfo b{header ? header->serial : 0, util::now_rfc3339(), ""};
  m_backend->backups.insert(m_backend->backups.begin(), {b, std::move(*m_backend->bytes)});
  if (m_backend->backups.size() > k_backups_kept) {
    m_backend->backups.resize(k_backups_kept);
  }
  m_backend->bytes.reset();
}

util::Result<std::optional<std::string>> MemoryStateStore::read_bytes()
{
  std::lock_guard g(m_backend->mutex);
  return m_backend->bytes;
}

util::Result<void> MemoryStateStore::write_bytes(std::string_view bytes)
{
  std::lock_guard g(m_backend->mutex);
  PAVE_TRY(check_lock_held());
  keep_current();
  m_backend->bytes = std::string(bytes);
  return {};
}

util::Result<void> MemoryStateStore::remove_state()
{
  std::lock_guard g(m_backend->mutex);
  PAVE_TRY(check_lock_held());
  keep_current();
  return {};
}

util::Result<void> MemoryStateStore::write(State& s, WriteMode mode)
{
  std::lock_guard g(m_backend->mutex);
  PAVE_TRY(check_lock_held());
  std::optional<StateHeader> stored;
  if (m_backend->bytes) {
    auto parsed = parse_state_header(*m_backend->bytes, describe());
    if (!parsed && mode == WriteMode::checked) {
      return std::unexpected(parsed.error());
    }
    if (parsed) {
      stored = std::move(*parsed);
    }
  }
  const std::uint64_t floor = !stored && !m_backend->backups.empty() ? m_backend->backups.front().first.serial + 1 : 0;
  PAVE_TRY_ASSIGN(const auto serial, next_serial(stored, s, mode, describe(), floor));
  State next = s;
  stamp_header(next, serial, stored, m_env);
  PAVE_TRY_ASSIGN(auto bytes, serialize_state(next));
  keep_current(); // an unreadable state (replace mode) is kept as a backup with serial 0
  m_backend->bytes = std::move(bytes);
  s = std::move(next);
  return {};
}

util::Result<Lock> MemoryStateStore::lock(const LockInfo& who, std::chrono::milliseconds timeout)
{
  std::unique_lock g(m_backend->mutex);
  if (!m_backend->released.wait_for(g, timeout, [&] { return !m_backend->lock; })) {
    return std::unexpected(lock_held_error(describe(), *m_backend->lock, timeout));
  }
  LockInfo info = who;
  if (info.id.empty()) {
    info.id = util::uuid_v4();
  }
  info.path = describe();
  m_backend->lock = info;
  m_lock_id = info.id;
  return Lock(info, [backend = m_backend, id = info.id] {
    {
      std::lock_guard g2(backend->mutex);
      if (backend->lock && backend->lock->id == id) {
        backend->lock.reset();
      }
    }
    backend->released.notify_all();
  });
}

util::Result<void> MemoryStateStore::force_unlock(std::string_view lock_id)
{
  {
    std::lock_guard g(m_backend->mutex);
    if (!m_backend->lock) {
      return util::fail("the state of {} is not locked", describe());
    }
    if (m_backend->lock->id != lock_id) {
      return util::fail("lock id {} does not match the lock of {}, held by {}", lock_id, describe(),
                        describe_holder(*m_backend->lock));
    }
    m_backend->lock.reset();
  }
  m_backend->released.notify_all();
  return {};
}

util::Result<std::vector<BackupInfo>> MemoryStateStore::backups()
{
  std::lock_guard g(m_backend->mutex);
  std::vector<BackupInfo> out;
  for (const auto& [info, bytes] : m_backend->backups) {
    out.push_back(info);
  }
  return out;
}

} // namespace pave::state
