#include <pave/state/os_lock.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pave::state {

namespace {

#ifdef F_OFD_SETLK
constexpr int k_setlk = F_OFD_SETLK;
#else
constexpr int k_setlk = F_SETLK;
#endif

} // namespace

std::string read_fd(int fd)
{
  std::string out;
  char buf[4096];
  off_t off = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, off);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    out.append(buf, static_cast<std::size_t>(n));
    off += n;
  }
  return out;
}

OsLock::OsLock(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}

OsLock::OsLock(OsLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

OsLock& OsLock::operator=(OsLock&& other) noexcept
{
  if (this != &other) {
    release();
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
  }
  return *this;
}

OsLock::~OsLock()
{
  release();
}

util::Result<OsLock::Attempt> OsLock::try_lock(const std::filesystem::path& path)
{
  for (int tries = 0; tries < 100; ++tries) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return util::fail("cannot open lock file {}: {}", path.string(), std::strerror(errno));
    }
    struct flock fl = {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (::fcntl(fd, k_setlk, &fl) != 0) {
      const int err = errno;
      if (err == EAGAIN || err == EACCES) {
        Attempt a;
        a.holder = read_fd(fd);
        ::close(fd);
        return a;
      }
      ::close(fd);
      return util::fail("cannot lock {}: {}", path.string(), std::strerror(err));
    }
    OsLock lock(fd, path);
    if (lock.still_current()) {
      Attempt a;
      a.lock = std::move(lock);
      return a;
    }
    // The file was removed (force-unlock) between open and lock: the lock on
    // the old inode means nothing. Release it without emptying and retry.
    ::close(std::exchange(lock.m_fd, -1));
  }
  return util::fail("cannot lock {}: the lock file keeps being replaced", path.string());
}

bool OsLock::still_current() const
{
  struct stat a = {};
  struct stat b = {};
  if (m_fd < 0 || ::fstat(m_fd, &a) != 0 || ::stat(m_path.c_str(), &b) != 0) {
    return false;
  }
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

util::Result<std::string> OsLock::read() const
{
  return read_fd(m_fd);
}

util::Result<void> OsLock::write(std::string_view content)
{
  if (::ftruncate(m_fd, 0) != 0) {
    return util::fail("cannot write lock file {}: {}", m_path.string(), std::strerror(errno));
  }
  std::size_t off = 0;
  while (off < content.size()) {
    const ssize_t n = ::pwrite(m_fd, content.data() + off, content.size() - off, static_cast<off_t>(off));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return util::fail("cannot write lock file {}: {}", m_path.string(), std::strerror(errno));
    }
    off += static_cast<std::size_t>(n);
  }
  return {};
}

void OsLock::release()
{
  if (m_fd < 0) {
    return;
  }
  if (still_current()) {
    (void)::ftruncate(m_fd, 0);
  }
  ::close(std::exchange(m_fd, -1)); // closing the description drops the OFD lock
}

} // namespace pave::state
