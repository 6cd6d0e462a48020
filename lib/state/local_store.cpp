#include <pave/state/local_store.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include <pave/state/os_lock.hpp>
#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/mapped_file.hpp>
#include <pave/util/random.hpp>
#include <pave/util/time.hpp>

namespace pave::state {

namespace fs = std::filesystem;

struct LocalStateStore::Held
{
  OsLock os;
  LockInfo info;
};

namespace {

/// The serial N of a file named PREFIX + N, or nullopt.
std::optional<std::uint64_t> serial_suffix(const std::string& name, const std::string& prefix)
{
  if (!name.starts_with(prefix) || name.size() == prefix.size()) {
    return std::nullopt;
  }
  std::uint64_t n = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') {
      return std::nullopt;
    }
    n = n * 10 + static_cast<std::uint64_t>(name[i] - '0');
  }
  return n;
}

} // namespace

std::string stale_lock_warning(std::string_view record)
{
  if (record.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return {};
  }
  const auto j = nlohmann::json::parse(record, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return "a damaged lock record was left by a previous run; its lock was cleared";
  }
  const LockInfo i = lock_info_from_json(j);
  const std::string what = fmt::format("pid {}, {}, since {}", i.pid, i.operation, i.created);
  if (!i.host.empty() && i.host != host_name()) {
    return fmt::format("previous run on {} ({}) did not release the lock; its lock was cleared", i.host, what);
  }
  if (process_running(i.pid)) { // the pid was reused, or the run was force-unlocked and went on
    return fmt::format("previous run ({}) did not release the lock; its lock was cleared", what);
  }
  return fmt::format("previous run ({}) died without releasing the lock; its lock was cleared", what);
}

LocalStateStore::LocalStateStore(fs::path dir, std::string environment)
  : m_dir(std::move(dir)), m_env(std::move(environment)), m_state(m_dir / (m_env + ".json")),
    m_lock(m_dir / (m_env + ".json.lock"))
{
}

LocalStateStore::~LocalStateStore() = default;

std::string LocalStateStore::describe() const
{
  return "local " + m_state.string();
}

fs::path LocalStateStore::backup_path(std::uint64_t serial) const
{
  return m_dir / fmt::format("{}.json.backup.{}", m_env, serial);
}

util::Error LocalStateStore::unreadable(util::Error e)
{
  const auto list = backups();
  if (!list || list->empty()) {
    e.message += "; there are no backups";
  } else {
    e.message += fmt::format("; backups are in {}.backup.N (newest: {})", m_state.string(), list->front().path);
  }
  e.detail = "pave never overwrites it; inspect it, then restore a backup with `pave state push --force BACKUP` "
             "(which moves this file aside)";
  return e;
}

util::Result<std::optional<std::string>> LocalStateStore::load_bytes() const
{
  auto bytes = util::read_file(m_state);
  if (!bytes) {
    if (!util::exists(m_state)) {
      return std::optional<std::string>();
    }
    return std::unexpected(bytes.error());
  }
  return std::optional<std::string>(std::move(*bytes));
}

util::Result<std::optional<StateStream>> LocalStateStore::open_bytes()
{
  // The file is replaced by rename: the open stream keeps reading the version it opened.
  auto in = std::make_unique<std::ifstream>(m_state, std::ios::binary);
  if (!*in) {
    if (!util::exists(m_state)) {
      return std::optional<StateStream>();
    }
    return util::fail("cannot read {}: {}", m_state.string(), std::strerror(errno));
  }
  StateStream s;
  in->seekg(0, std::ios::end);
  s.size = static_cast<std::uint64_t>(in->tellg());
  in->seekg(0);
  if (!*in) {
    return util::fail("cannot read {}", m_state.string());
  }
  s.in = std::move(in);
  return std::optional<StateStream>(std::move(s));
}

util::Result<std::optional<State>> LocalStateStore::read()
{
  PAVE_TRY_ASSIGN(const auto bytes, load_bytes());
  if (!bytes) {
    return std::optional<State>();
  }
  auto s = parse_state(*bytes, m_state.string());
  if (!s) {
    return std::unexpected(unreadable(std::move(s.error())));
  }
  return std::optional<State>(std::move(*s));
}

util::Result<std::optional<StateFile>> LocalStateStore::read_file()
{
  // Mapped, not read: a large state's bytes are not copied, and its pages come
  // straight from the page cache.
  auto mapped = util::MappedFile::open(m_state);
  if (!mapped) {
    if (!util::exists(m_state)) {
      return std::optional<StateFile>();
    }
    return std::unexpected(mapped.error());
  }
  const std::string_view bytes = (*mapped)->bytes();
  auto f = open_state_file(std::move(*mapped), bytes, m_state.string());
  if (!f) {
    return std::unexpected(unreadable(std::move(f.error())));
  }
  return std::optional<StateFile>(std::move(*f));
}

util::Result<void> LocalStateStore::check_lock_held() const
{
  const auto held = m_held.lock();
  if (!held || !held->os.held()) {
    return util::fail("cannot write the state of {} without holding its lock", describe());
  }
  if (!held->os.still_current()) {
    return util::fail("the state lock of {} was broken (`pave state unlock --force {}`) while this operation held "
                      "it; not writing",
                      describe(), held->info.id);
  }
  return {};
}

void LocalStateStore::keep_current(std::string_view current)
{
  const auto header = parse_state_header(current, m_state.string());
  const fs::path keep =
    header ? backup_path(header->serial) : fs::path(m_state.string() + ".corrupt-" + std::to_string(::time(nullptr)));
  ::unlink(keep.c_str());
  if (::link(m_state.c_str(), keep.c_str()) != 0) {
    std::error_code ec;
    fs::copy_file(m_state, keep, fs::copy_options::overwrite_existing, ec);
  }
}

util::Result<void> LocalStateStore::write_bytes(std::string_view bytes)
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(const auto current, load_bytes());
  if (current) {
    keep_current(*current);
  }
  PAVE_TRY(util::write_file_atomic(m_state, bytes, 0600));
  prune_backups();
  return {};
}

util::Result<void> LocalStateStore::remove_state()
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(const auto current, load_bytes());
  if (!current) {
    return {};
  }
  keep_current(*current);
  if (::unlink(m_state.c_str()) != 0 && errno != ENOENT) {
    return util::fail("cannot remove {}: {}", m_state.string(), std::strerror(errno));
  }
  prune_backups();
  return {};
}

util::Result<void> LocalStateStore::write(State& s, WriteMode mode)
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(const auto bytes, load_bytes());
  std::optional<StateHeader> stored;
  if (bytes) {
    auto header = parse_state_header(*bytes, m_state.string());
    if (header) {
      stored = std::move(*header);
    } else if (mode != WriteMode::replace) {
      return std::unexpected(unreadable(std::move(header.error())));
    } else {
      const fs::path aside = m_state.string() + ".corrupt-" + std::to_string(::time(nullptr));
      if (::rename(m_state.c_str(), aside.c_str()) != 0) {
        return util::fail("cannot move {} aside: {}", m_state.string(), std::strerror(errno));
      }
    }
  }
  std::uint64_t floor = 0;
  if (!stored) {
    if (const auto list = backups(); list && !list->empty()) {
      floor = list->front().serial + 1;
    }
  }
  PAVE_TRY_ASSIGN(const auto serial, next_serial(stored, s, mode, describe(), floor));
  // The new header is set in place and put back if the write fails.
  SavedHeader old_header = stamp_header(s, serial, stored, m_env);
  auto restore = [&] { restore_header(s, std::move(old_header)); };
  auto text = serialize_state(s);
  if (!text) {
    restore();
    return std::unexpected(text.error());
  }
  if (stored) {
    // Keep the version being replaced: a second name for its inode.
    const fs::path backup = backup_path(stored->serial);
    ::unlink(backup.c_str());
    if (::link(m_state.c_str(), backup.c_str()) != 0) {
      std::error_code ec;
      fs::copy_file(m_state, backup, fs::copy_options::overwrite_existing, ec);
    }
  }
  if (auto w = util::write_file_atomic(m_state, *text, 0600); !w) {
    restore();
    return w;
  }
  prune_backups();
  return {};
}

util::Result<Lock> LocalStateStore::lock(const LockInfo& who, std::chrono::milliseconds timeout)
{
  PAVE_TRY(util::create_directories(m_dir));
  LockInfo info = who;
  if (info.id.empty()) {
    info.id = util::uuid_v4();
  }
  info.path = m_state.string();
  const auto start = std::chrono::steady_clock::now();
  auto delay = std::chrono::milliseconds(20);
  for (;;) {
    PAVE_TRY_ASSIGN(auto attempt, OsLock::try_lock(m_lock));
    if (attempt.lock) {
      auto held = std::make_shared<Held>(Held{std::move(*attempt.lock), info});
      PAVE_TRY_ASSIGN(const auto previous, held->os.read());
      std::string warning = stale_lock_warning(previous);
      PAVE_TRY(held->os.write(lock_info_to_json(info).dump() + "\n"));
      m_held = held;
      remove_temp_files();
      return Lock(info, [held] { held->os.release(); }, std::move(warning));
    }
    const auto j = nlohmann::json::parse(attempt.holder, nullptr, false);
    const LockInfo holder = lock_info_from_json(j.is_discarded() ? nlohmann::json() : j);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (waited >= timeout) {
      return std::unexpected(lock_held_error(describe(), holder, timeout));
    }
    std::this_thread::sleep_for(std::min(delay, timeout - waited));
    delay = std::min(delay * 2, std::chrono::milliseconds(500));
  }
}

util::Result<void> LocalStateStore::force_unlock(std::string_view lock_id)
{
  auto text = util::read_file(m_lock);
  const auto j = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
  const LockInfo holder = lock_info_from_json(j.is_discarded() ? nlohmann::json() : j);
  if (holder.id.empty()) {
    return util::fail("the state of {} is not locked (no lock record in {})", describe(), m_lock.string());
  }
  if (holder.id != lock_id) {
    return util::fail("lock id {} does not match the lock of {}, held by {}", lock_id, describe(),
                      describe_holder(holder));
  }
  if (::unlink(m_lock.c_str()) != 0 && errno != ENOENT) {
    return util::fail("cannot remove {}: {}", m_lock.string(), std::strerror(errno));
  }
  return {};
}

util::Result<std::vector<BackupInfo>> LocalStateStore::backups()
{
  std::vector<BackupInfo> out;
  std::error_code ec;
  const std::string prefix = m_env + ".json.backup.";
  for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto serial = serial_suffix(it->path().filename().string(), prefix);
    if (!serial) {
      continue;
    }
    BackupInfo b;
    b.serial = *serial;
    b.path = it->path().string();
    struct stat st = {};
    if (::stat(it->path().c_str(), &st) == 0) {
      b.time = util::rfc3339_utc(std::chrono::system_clock::from_time_t(st.st_ctime));
    }
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.serial > b.serial; });
  return out;
}

void LocalStateStore::prune_backups()
{
  auto list = backups();
  if (!list) {
    return;
  }
  for (std::size_t i = k_backups_kept; i < list->size(); ++i) {
    ::unlink((*list)[i].path.c_str());
  }
}

void LocalStateStore::remove_temp_files()
{
  // Leftovers of writes killed between creating and renaming their temp file
  // (util::write_file_atomic names them .NAME.tmp-XXXXXX). Only the lock
  // holder writes, so none of them is in use.
  const std::string prefix = "." + m_state.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(prefix)) {
      ::unlink(it->path().c_str());
    }
  }
}

} // namespace pave::state
