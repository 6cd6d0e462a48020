#include <pave/util/fs.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <algorithm>
#include <sys/stat.h>
#include <sstream>
#include <unistd.h>

#include <pave/util/mapped_file.hpp>

namespace pave::util {

namespace fs = std::filesystem;

namespace {

/// Reads the rest of the open file `fd`, whose fstat is `st` (nullptr when it
/// failed). Error: the errno of the failed read.
std::expected<std::string, int> read_fd(int fd, const struct stat* st)
{
  // Read straight into the string (no staging buffer, no zero-filling), sized
  // from fstat plus one byte so the end of file shows in the first reads; a
  // file that is not regular or grows meanwhile is read to its end.
  const bool sized = st != nullptr && S_ISREG(st->st_mode);
  std::size_t capacity = (sized ? static_cast<std::size_t>(st->st_size) : 0) + (sized ? 1 : 65536);
  std::string data;
  int err = 0;
  for (;;) {
    if (data.size() == capacity) {
      capacity += std::max<std::size_t>(capacity / 2, 65536);
    }
    ssize_t n = 0;
    const std::size_t have = data.size();
    data.resize_and_overwrite(capacity, [&](char* buf, std::size_t len) {
      do {
        n = ::read(fd, buf + have, len - have);
      } while (n < 0 && errno == EINTR);
      err = n < 0 ? errno : 0;
      return have + (n > 0 ? static_cast<std::size_t>(n) : 0);
    });
    if (n <= 0) {
      break;
    }
  }
  if (err != 0) {
    return std::unexpected(err);
  }
  return data;
}

} // namespace

std::expected<std::string, int> read_file_errno(const fs::path& path)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(errno);
  }
  struct stat st{};
  auto data = read_fd(fd, ::fstat(fd, &st) == 0 ? &st : nullptr);
  ::close(fd);
  return data;
}

std::expected<SharedBytes, int> read_or_map_file_errno(const fs::path& path, std::size_t map_from)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(errno);
  }
  struct stat st{};
  const bool stat_ok = ::fstat(fd, &st) == 0;
  std::expected<SharedBytes, int> out;
  if (stat_ok && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) >= map_from) {
    if (auto mapped = MappedFile::map(fd, static_cast<std::size_t>(st.st_size), false); mapped) {
      out = SharedBytes::mapped(std::move(*mapped));
    } else {
      out = std::unexpected(mapped.error());
    }
  } else if (auto data = read_fd(fd, stat_ok ? &st : nullptr); data) {
    out = SharedBytes(std::move(*data));
  } else {
    out = std::unexpected(data.error());
  }
  ::close(fd);
  return out;
}

Result<std::string> read_file(const fs::path& path)
{
  auto data = read_file_errno(path);
  if (!data) {
    return fail("cannot read {}: {}", path.string(), std::strerror(data.error()));
  }
  return std::move(*data);
}

namespace {

Result<void> fsync_dir(const fs::path& dir)
{
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return fail("cannot open directory {}: {}", dir.string(), std::strerror(errno));
  }
  ::fsync(fd);
  ::close(fd);
  return {};
}

} // namespace

Result<void> write_file_atomic(const fs::path& path, std::string_view data, int mode)
{
  const fs::path dir = path.parent_path();
  if (!dir.empty()) {
    PAVE_TRY(util::create_directories(dir));
  }
  std::string tmpl = (dir.empty() ? fs::path(".") : dir).string() + "/." + path.filename().string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return fail("cannot write {}: {}", path.string(), std::strerror(errno));
  }
  auto cleanup = [&](int err) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    return fail("cannot write {}: {}", path.string(), std::strerror(err));
  };
  size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return cleanup(errno);
    }
    off += static_cast<size_t>(n);
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
    return cleanup(errno);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return fail("cannot write {}: {}", path.string(), std::strerror(err));
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return fail("cannot write {}: {}", path.string(), std::strerror(err));
  }
  return fsync_dir(dir);
}

bool exists(const fs::path& path)
{
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

Result<void> create_directories(const fs::path& path)
{
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    return fail("cannot create directory {}: {}", path.string(), ec.message());
  }
  return {};
}

Result<fs::path> make_temp_dir(std::string_view prefix)
{
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) {
    base = "/tmp";
  }
  std::string tmpl = (base / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return fail("cannot create a temporary directory in {}: {}", base.string(), std::strerror(errno));
  }
  return fs::path(tmpl);
}

Result<FilePtr> open_temp_file(std::string_view prefix)
{
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) {
    base = "/tmp";
  }
  std::string tmpl = (base / (std::string(prefix) + "-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return fail("cannot create a temporary file in {}: {}", base.string(), std::strerror(errno));
  }
  ::unlink(tmpl.c_str());
  std::FILE* f = ::fdopen(fd, "w+b");
  if (f == nullptr) {
    const int err = errno;
    ::close(fd);
    return fail("cannot create a temporary file in {}: {}", base.string(), std::strerror(err));
  }
  return FilePtr(f);
}

Result<void> remove_all(const fs::path& path)
{
  std::error_code ec;
  fs::remove_all(path, ec);
  if (ec) {
    return fail("cannot remove {}: {}", path.string(), ec.message());
  }
  return {};
}

Result<std::vector<std::string>> list_files_recursive(const fs::path& dir)
{
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) {
    return fail("cannot list {}: {}", dir.string(), ec.message());
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      return fail("cannot list {}: {}", dir.string(), ec.message());
    }
    if (it->is_regular_file(ec)) {
      out.push_back(fs::relative(it->path(), dir, ec).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace pave::util
