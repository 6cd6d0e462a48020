#include <pave/state/s3_store.hpp>

#include <algorithm>
#include <ctime>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/state/state_file.hpp>
#include <pave/state/state_reader.hpp>
#include <pave/util/random.hpp>
#include <pave/util/time.hpp>

namespace pave::state {

struct S3StateStore::Held
{
  LockInfo info;
  bool released = false;
};

namespace {

bool valid_bucket(std::string_view b)
{
  if (b.size() < 3 || b.size() > 63 || b.front() == '-' || b.front() == '.' || b.back() == '-' || b.back() == '.') {
    return false;
  }
  return std::all_of(b.begin(), b.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

/// The holder recorded in a lock object. A record that is not LockInfo JSON
/// gets the id "damaged-ETAG", which force_unlock() accepts for it.
LockInfo holder_of(const StoredObject& lock)
{
  const auto j = nlohmann::json::parse(lock.bytes, nullptr, false);
  LockInfo i = lock_info_from_json(j.is_discarded() ? nlohmann::json() : j);
  if (i.id.empty()) {
    std::string tag = lock.etag;
    std::erase(tag, '"');
    i.id = "damaged-" + tag;
    i.who = "a damaged lock record";
  }
  return i;
}

/// The serial N of a key named PREFIX + N, or nullopt.
std::optional<std::uint64_t> serial_suffix(std::string_view key, std::string_view prefix)
{
  if (!key.starts_with(prefix) || key.size() == prefix.size() || key.size() - prefix.size() > 19) {
    return std::nullopt;
  }
  std::uint64_t n = 0;
  for (const char c : key.substr(prefix.size())) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

} // namespace

util::Result<ObjectLocation> parse_object_location(std::string_view location)
{
  const auto sep = location.find("://");
  if (sep == std::string_view::npos) {
    return util::fail("state location {}: not SCHEME://BUCKET/PREFIX", location);
  }
  ObjectLocation l;
  l.scheme = std::string(location.substr(0, sep));
  std::string_view rest = location.substr(sep + 3);
  const auto slash = rest.find('/');
  l.bucket = std::string(rest.substr(0, slash));
  if (!valid_bucket(l.bucket)) {
    return util::fail("state location {}: \"{}\" is not a valid bucket name (3 to 63 lowercase letters, digits, '-' "
                      "and '.')",
                      location, l.bucket);
  }
  std::string_view prefix = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  while (prefix.ends_with('/')) {
    prefix.remove_suffix(1);
  }
  std::size_t start = 0;
  while (start <= prefix.size() && !prefix.empty()) {
    const auto end = std::min(prefix.find('/', start), prefix.size());
    const auto seg = prefix.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") {
      return util::fail("state location {}: the prefix may not have empty, \".\" or \"..\" segments", location);
    }
    start = end + 1;
  }
  l.prefix = prefix.empty() ? std::string() : std::string(prefix) + "/";
  return l;
}

std::string stale_lock_reason(const LockInfo& holder, std::chrono::system_clock::time_point now)
{
  if (!holder.host.empty() && holder.host == host_name() && holder.pid > 0 && !process_running(holder.pid)) {
    return fmt::format("its holder (pid {} on this host, {}) is no longer running", holder.pid, holder.host);
  }
  if (const auto created = util::parse_rfc3339(holder.created); created && now - *created > k_stale_lock_age) {
    return fmt::format("it was taken {} ago",
                       util::format_duration(std::chrono::duration_cast<std::chrono::milliseconds>(now - *created)));
  }
  return {};
}

S3StateStore::S3StateStore(std::shared_ptr<ObjectStore> objects, std::string prefix, std::string environment,
                           util::Clock& clock)
  : m_objects(std::move(objects)), m_prefix(std::move(prefix)), m_env(std::move(environment)), m_clock(clock),
    m_key(m_prefix + m_env + ".json"), m_lock_key(m_key + ".lock")
{
}

S3StateStore::~S3StateStore() = default;

std::string S3StateStore::url(const std::string& key) const
{
  return m_objects->describe() + "/" + key;
}

std::string S3StateStore::describe() const
{
  return url(m_key);
}

std::string S3StateStore::backup_key(std::uint64_t serial) const
{
  return fmt::format("{}.backup.{}", m_key, serial);
}

util::Error S3StateStore::unreadable(util::Error e)
{
  const auto list = backups();
  if (!list || list->empty()) {
    e.message += "; there are no backups";
  } else {
    e.message += fmt::format("; backups are in {}.backup.N (newest: {})", describe(), list->front().path);
  }
  e.detail = "pave never overwrites it; inspect it, then restore a backup with `pave state push --force FILE` "
             "(after copying it, e.g. `aws s3 cp BACKUP FILE`), which keeps this object aside";
  return e;
}

util::Result<std::optional<std::string>> S3StateStore::read_bytes()
{
  PAVE_TRY_ASSIGN(auto obj, m_objects->get(m_key));
  if (!obj) {
    m_seen = Seen{};
    return std::optional<std::string>();
  }
  if (auto h = parse_state_header(obj->bytes, describe())) {
    m_seen = Seen{obj->etag, h->serial, h->lineage};
  }
  return std::optional<std::string>(std::move(obj->bytes));
}

util::Result<std::optional<State>> S3StateStore::read()
{
  PAVE_TRY_ASSIGN(auto obj, m_objects->get(m_key));
  if (!obj) {
    m_seen = Seen{};
    return std::optional<State>();
  }
  auto s = parse_state(obj->bytes, describe());
  if (!s) {
    return std::unexpected(unreadable(std::move(s.error())));
  }
  m_seen = Seen{obj->etag, s->serial, s->lineage};
  return std::optional<State>(std::move(*s));
}

util::Result<std::optional<StateFile>> S3StateStore::read_file()
{
  PAVE_TRY_ASSIGN(auto obj, m_objects->get(m_key));
  if (!obj) {
    m_seen = Seen{};
    return std::optional<StateFile>();
  }
  std::string etag = std::move(obj->etag);
  auto f = open_state_file(std::move(obj->bytes), describe());
  if (!f) {
    return std::unexpected(unreadable(std::move(f.error())));
  }
  m_seen = Seen{std::move(etag), f->header().serial, f->header().lineage};
  return std::optional<StateFile>(std::move(*f));
}

util::Result<void> S3StateStore::check_lock_held()
{
  if (!m_held || m_held->released) {
    return util::fail("cannot write the state of {} without holding its lock", describe());
  }
  PAVE_TRY_ASSIGN(const auto lock, m_objects->get(m_lock_key));
  if (!lock || holder_of(*lock).id != m_held->info.id) {
    return util::fail("the state lock of {} was broken (`pave state unlock --force {}`) while this operation held "
                      "it; not writing",
                      describe(), m_held->info.id);
  }
  return {};
}

util::Result<std::string> S3StateStore::put_state(std::string bytes, const std::optional<StoredObject>& expected)
{
  const auto condition = expected ? PutCondition::matching(expected->etag) : PutCondition::absent();
  PAVE_TRY_ASSIGN(const auto put, m_objects->put(m_key, bytes, condition));
  if (put.done) {
    return put.etag;
  }
  // The condition failed: another writer, or our own put retried after its
  // answer was lost (then the object holds our bytes).
  PAVE_TRY_ASSIGN(const auto now, m_objects->get(m_key));
  if (now && now->bytes == bytes) {
    return now->etag;
  }
  std::string who = "another run removed it";
  if (now) {
    const auto h = parse_state_header(now->bytes, describe());
    who = h ? fmt::format("another run wrote serial {}", h->serial) : "another run replaced it";
  }
  return util::fail("the state in {} changed since it was read ({}); not written: run again", describe(), who);
}

util::Result<void> S3StateStore::write(State& s, WriteMode mode)
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(auto current, m_objects->get(m_key));
  std::optional<StateHeader> stored;
  if (current) {
    auto header = parse_state_header(current->bytes, describe());
    if (header) {
      stored = std::move(*header);
    } else if (mode != WriteMode::replace) {
      return std::unexpected(unreadable(std::move(header.error())));
    } else {
      const std::string aside = fmt::format("{}.corrupt-{}", m_key, std::time(nullptr));
      PAVE_TRY(m_objects->put(aside, current->bytes, {}));
    }
  }
  std::uint64_t floor = 0;
  if (!stored) {
    if (const auto list = backups(); list && !list->empty()) {
      floor = list->front().serial + 1;
    }
  }
  PAVE_TRY_ASSIGN(const auto serial, next_serial(stored, s, mode, describe(), floor));
  // Conditional on the version `s` was read from, when read() saw it (else
  // on the version just checked).
  std::optional<StoredObject> expected = current;
  if (mode == WriteMode::checked && m_seen && m_seen->serial == s.serial && m_seen->lineage == s.lineage) {
    expected = m_seen->etag.empty() ? std::nullopt : std::optional<StoredObject>(StoredObject{{}, m_seen->etag});
  }
  // The new header is set in place and put back if the write fails.
  SavedHeader old_header = stamp_header(s, serial, stored, m_env);
  auto restore = [&] { restore_header(s, std::move(old_header)); };
  auto text = serialize_state(s);
  if (!text) {
    restore();
    return std::unexpected(text.error());
  }
  if (stored) {
    if (auto b = m_objects->put(backup_key(stored->serial), current->bytes, {}); !b) {
      restore();
      return std::unexpected(b.error());
    }
  }
  auto etag = put_state(std::move(*text), expected);
  if (!etag) {
    restore();
    return std::unexpected(etag.error());
  }
  m_seen = Seen{*etag, s.serial, s.lineage};
  prune_backups();
  return {};
}

util::Result<void> S3StateStore::write_bytes(std::string_view bytes)
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(const auto header, parse_state_header(bytes, "the state to store"));
  PAVE_TRY_ASSIGN(auto current, m_objects->get(m_key));
  if (current) {
    const auto h = parse_state_header(current->bytes, describe());
    const std::string keep = h ? backup_key(h->serial) : fmt::format("{}.corrupt-{}", m_key, std::time(nullptr));
    PAVE_TRY(m_objects->put(keep, current->bytes, {}));
  }
  PAVE_TRY_ASSIGN(const auto etag, put_state(std::string(bytes), current));
  m_seen = Seen{etag, header.serial, header.lineage};
  prune_backups();
  return {};
}

util::Result<void> S3StateStore::remove_state()
{
  PAVE_TRY(check_lock_held());
  PAVE_TRY_ASSIGN(auto current, m_objects->get(m_key));
  if (!current) {
    return {};
  }
  const auto h = parse_state_header(current->bytes, describe());
  const std::string keep = h ? backup_key(h->serial) : fmt::format("{}.corrupt-{}", m_key, std::time(nullptr));
  PAVE_TRY(m_objects->put(keep, current->bytes, {}));
  PAVE_TRY_ASSIGN(const auto removed, m_objects->remove(m_key, current->etag));
  if (!removed.done) {
    return util::fail("the state in {} changed while it was being removed; not removed", describe());
  }
  m_seen = Seen{};
  return {};
}

util::Result<Lock> S3StateStore::lock(const LockInfo& who, std::chrono::milliseconds timeout)
{
  LockInfo info = who;
  if (info.id.empty()) {
    info.id = util::uuid_v4();
  }
  info.path = describe();
  const std::string record = lock_info_to_json(info).dump() + "\n";
  const auto start = m_clock.now();
  auto delay = std::chrono::milliseconds(50);
  for (int vanished = 0;;) {
    PAVE_TRY_ASSIGN(const auto put, m_objects->put(m_lock_key, record, PutCondition::absent()));
    std::optional<LockInfo> holder;
    if (!put.done) {
      PAVE_TRY_ASSIGN(const auto current, m_objects->get(m_lock_key));
      if (!current) { // released between our put and get: try again at once (a few times)
        if (++vanished < 20) {
          continue;
        }
        return util::fail("the state lock of {} keeps changing; try again", describe());
      }
      holder = holder_of(*current);
    }
    // Taken, or found holding our own record: a retried create whose first
    // answer was lost.
    if (!holder || holder->id == info.id) {
      auto held = std::make_shared<Held>(Held{info, false});
      m_held = held;
      auto release = [objects = m_objects, key = m_lock_key, held, where = describe()] {
        held->released = true;
        auto current = objects->get(key);
        if (current && *current && holder_of(**current).id == held->info.id) {
          if (auto r = objects->remove(key, (*current)->etag); r) {
            return;
          } else {
            current = std::unexpected(r.error());
          }
        }
        if (!current) {
          spdlog::warn("could not release the state lock of {}: {}; release it with `pave state unlock --force {}`",
                       where, current.error().message, held->info.id);
        }
      };
      return Lock(info, std::move(release));
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - start);
    if (waited >= timeout) {
      util::Error e = lock_held_error(describe(), *holder, timeout);
      if (const auto reason = stale_lock_reason(*holder, m_clock.now()); !reason.empty()) {
        e.message += fmt::format("; the lock looks stale: {}", reason);
      }
      return std::unexpected(std::move(e));
    }
    m_clock.sleep_for(std::min(delay, timeout - waited));
    delay = std::min(delay * 2, std::chrono::milliseconds(1000));
  }
}

util::Result<void> S3StateStore::force_unlock(std::string_view lock_id)
{
  PAVE_TRY_ASSIGN(const auto current, m_objects->get(m_lock_key));
  if (!current) {
    return util::fail("the state of {} is not locked (no lock object {})", describe(), url(m_lock_key));
  }
  const LockInfo holder = holder_of(*current);
  if (holder.id != lock_id) {
    return util::fail("lock id {} does not match the lock of {}, held by {}", lock_id, describe(),
                      describe_holder(holder));
  }
  PAVE_TRY_ASSIGN(const auto removed, m_objects->remove(m_lock_key, current->etag));
  if (!removed.done) {
    return util::fail("the lock of {} changed while it was being removed; look again", describe());
  }
  return {};
}

util::Result<std::vector<BackupInfo>> S3StateStore::backups()
{
  const std::string prefix = m_key + ".backup.";
  PAVE_TRY_ASSIGN(const auto entries, m_objects->list(prefix));
  std::vector<BackupInfo> out;
  for (const auto& e : entries) {
    if (const auto serial = serial_suffix(e.key, prefix)) {
      out.push_back(BackupInfo{*serial, e.last_modified, url(e.key)});
    }
  }
  std::sort(out.begin(), out.end(), [](const BackupInfo& a, const BackupInfo& b) { return a.serial > b.serial; });
  return out;
}

void S3StateStore::prune_backups()
{
  const auto list = backups();
  if (!list) {
    return;
  }
  const std::string base = m_objects->describe() + "/";
  for (std::size_t i = k_backups_kept; i < list->size(); ++i) {
    if (auto r = m_objects->remove((*list)[i].path.substr(base.size())); !r) {
      spdlog::debug("pruning {}: {}", (*list)[i].path, r.error().message);
    }
  }
}

} // namespace pave::state
