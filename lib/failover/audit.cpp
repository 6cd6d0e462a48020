#include <pave/failover/audit.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <pave/util/fs.hpp>
#include <pave/util/time.hpp>

namespace pave::failover {

namespace {

std::string user_name()
{
  if (const passwd* pw = getpwuid(geteuid())) {
    return pw->pw_name;
  }
  return std::to_string(geteuid());
}

std::string host_name()
{
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) {
    return "";
  }
  return buf;
}

} // namespace

util::Result<void> append_audit(const std::filesystem::path& path, nlohmann::json entry)
{
  PAVE_TRY(util::create_directories(path.parent_path()));
  nlohmann::json line = {{"time", util::now_rfc3339()}, {"user", user_name()}, {"host", host_name()}};
  line.update(entry);
  const std::string text = line.dump() + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return util::fail("cannot open the failover audit log {}: {}", path.string(), std::strerror(errno));
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int err = errno;
      ::close(fd);
      return util::fail("cannot write the failover audit log {}: {}", path.string(), std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  return {};
}

} // namespace pave::failover
