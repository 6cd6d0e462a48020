#include <pave/util/pipe.hpp>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>

namespace pave::util {

bool widen_pipe(int fd, std::size_t bytes) noexcept
{
#if defined(F_GETPIPE_SZ) && defined(F_SETPIPE_SZ)
  struct stat st{};
  if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) {
    return false;
  }
  const int want = static_cast<int>(std::min<std::size_t>(bytes, std::size_t(1) << 20));
  const int now = fcntl(fd, F_GETPIPE_SZ);
  if (now < 0) {
    return false;
  }
  if (now >= want) {
    return true;
  }
  return fcntl(fd, F_SETPIPE_SZ, want) >= want;
#else
  (void)fd;
  (void)bytes;
  return false;
#endif
}

} // namespace pave::util
