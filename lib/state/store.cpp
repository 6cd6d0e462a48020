#include <pave/state/store.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <utility>
#include <cerrno>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>

#include <pave/state/local_store.hpp>
#include <pave/state/memory_store.hpp>
#include <pave/state/s3_store.hpp>
#include <pave/util/random.hpp>
#include <pave/util/time.hpp>
#include <pave_build_info.hpp>

namespace pave::state {

namespace {

std::string current_user()
{
  if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0') {
    return u;
  }
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return std::to_string(::getuid());
}

} // namespace

std::string host_name()
{
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) {
    return "unknown";
  }
  return buf;
}

bool process_running(long pid)
{
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

LockInfo make_lock_info(std::string operation)
{
  LockInfo i;
  i.id = util::uuid_v4();
  i.operation = std::move(operation);
  i.host = host_name();
  i.who = current_user() + "@" + i.host;
  i.version = PAVE_VERSION;
  i.pid = static_cast<long>(::getpid());
  i.created = util::now_rfc3339();
  return i;
}

nlohmann::json lock_info_to_json(const LockInfo& i)
{
  return {{"id", i.id},           {"operation", i.operation}, {"who", i.who},         {"host", i.host},
          {"version", i.version}, {"pid", i.pid},             {"created", i.created}, {"path", i.path}};
}

LockInfo lock_info_from_json(const nlohmann::json& j)
{
  LockInfo i;
  if (!j.is_object()) {
    return i;
  }
  auto str = [&](const char* k) {
    const auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  i.id = str("id");
  i.operation = str("operation");
  i.who = str("who");
  i.host = str("host");
  i.version = str("version");
  i.created = str("created");
  i.path = str("path");
  if (const auto it = j.find("pid"); it != j.end() && it->is_number_integer()) {
    i.pid = it->get<long>();
  }
  return i;
}

std::string describe_holder(const LockInfo& i)
{
  return fmt::format("{} (pid {}, {}, since {}, lock id {})", i.who.empty() ? "unknown" : i.who, i.pid,
                     i.operation.empty() ? "unknown operation" : i.operation, i.created.empty() ? "?" : i.created,
                     i.id.empty() ? "?" : i.id);
}

util::Error lock_held_error(std::string_view where, const LockInfo& holder, std::chrono::milliseconds waited)
{
  util::Error e;
  e.code = util::ExitCode::lock_held;
  e.message = waited.count() > 0 ? fmt::format("timed out after {} waiting for the state lock of {}: held by {}",
                                               util::format_duration(waited), where, describe_holder(holder))
                                 : fmt::format("the state lock of {} is held by {}", where, describe_holder(holder));
  e.detail = fmt::format("wait for it with --lock-timeout DURATION (e.g. 5m); if that operation is gone but its lock "
                         "remains, release it with `pave state unlock --force {}`",
                         holder.id.empty() ? "LOCK_ID" : holder.id);
  return e;
}

Lock::Lock(LockInfo info, std::function<void()> release, std::string warning)
  : m_info(std::move(info)), m_release(std::move(release)), m_warning(std::move(warning))
{
}

Lock::Lock(Lock&& other) noexcept
  : m_info(std::move(other.m_info)), m_release(std::exchange(other.m_release, nullptr)),
    m_warning(std::move(other.m_warning))
{
}

Lock& Lock::operator=(Lock&& other) noexcept
{
  if (this != &other) {
    release();
    m_info = std::move(other.m_info);
    m_release = std::exchange(other.m_release, nullptr);
    m_warning = std::move(other.m_warning);
  }
  return *this;
}

Lock::~Lock()
{
  release();
}

void Lock::release()
{
  if (auto r = std::exchange(m_release, nullptr)) {
    r();
  }
}

util::Result<std::uint64_t> next_serial(const std::optional<StateHeader>& stored, const State& s, WriteMode mode,
                                        std::string_view where, std::uint64_t floor)
{
  if (!stored) {
    if (mode == WriteMode::checked && s.serial != 0) {
      return util::fail("the state in {} disappeared since it was read at serial {}; not writing", where, s.serial);
    }
    return std::max(s.serial, floor) + 1;
  }
  if (mode == WriteMode::checked) {
    if (stored->lineage != s.lineage) {
      return util::fail("the state in {} has lineage {}, not {}: it is a different state; not writing", where,
                        stored->lineage, s.lineage.empty() ? "(new)" : s.lineage);
    }
    if (stored->serial != s.serial) {
      return util::fail("the state in {} changed since it was read (serial {} now, {} then): another operation wrote "
                        "it; not writing",
                        where, stored->serial, s.serial);
    }
  }
  return std::max(stored->serial, s.serial) + 1;
}

util::Result<std::unique_ptr<StateStore>> open_store(const StoreConfig& config)
{
  if (config.environment.empty()) {
    return util::fail("no environment given for the state");
  }
  if (config.environment.find('/') != std::string::npos || config.environment.starts_with('.')) {
    return util::fail("invalid environment name \"{}\" for a state", config.environment);
  }
  if (config.location.starts_with("s3://")) {
    PAVE_TRY_ASSIGN(const auto where, parse_object_location(config.location));
    if (!config.object_store) {
      return util::fail("state location {}: no S3 client to open it with", config.location);
    }
    PAVE_TRY_ASSIGN(auto objects, config.object_store(where.bucket));
    return std::unique_ptr<StateStore>(std::make_unique<S3StateStore>(std::move(objects), where.prefix,
                                                                      config.environment));
  }
  if (config.location == "memory://") {
    return std::unique_ptr<StateStore>(std::make_unique<MemoryStateStore>(config.environment));
  }
  if (config.location.find("://") != std::string::npos) {
    return util::fail("state location {}: unknown state backend (use a directory, s3://BUCKET/PREFIX or memory://)", config.location);
  }
  std::filesystem::path dir = config.location.empty() ? std::filesystem::path(".pave/state") : std::filesystem::path(config.location);
  if (dir.is_relative() && !config.base_dir.empty() && config.base_dir != ".") {
    dir = config.base_dir / dir;
  }
  return std::unique_ptr<StateStore>(std::make_unique<LocalStateStore>(dir, config.environment));
}

util::Result<std::optional<StateStream>> StateStore::open_bytes()
{
  PAVE_TRY_ASSIGN(auto bytes, read_bytes());
  if (!bytes) {
    return std::optional<StateStream>();
  }
  StateStream s;
  s.size = bytes->size();
  s.in = std::make_unique<std::istringstream>(std::move(*bytes));
  return std::optional<StateStream>(std::move(s));
}

SavedHeader stamp_header(State& s, std::uint64_t serial, const std::optional<StateHeader>& stored,
                         std::string_view environment)
{
  SavedHeader old{s.serial, s.lineage, s.environment, s.pave_version};
  s.serial = serial;
  s.pave_version = PAVE_VERSION;
  s.format_version = State::k_current_format;
  if (s.lineage.empty()) {
    s.lineage = stored ? stored->lineage : util::uuid_v4();
  }
  if (s.environment.empty()) {
    s.environment = environment;
  }
  return old;
}

void restore_header(State& s, SavedHeader&& old)
{
  s.serial = old.serial;
  s.lineage = std::move(old.lineage);
  s.environment = std::move(old.environment);
  s.pave_version = std::move(old.pave_version);
}

} // namespace pave::state
