// The local-directory and in-memory destinations.
#include <pave/backup/destination.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include <fcntl.h>
#include <unistd.h>

#include <pave/util/fs.hpp>
#include <pave/util/random.hpp>

namespace pave::backup {

namespace fs = std::filesystem;

namespace {

class FileUpload : public Upload
{
public:
  FileUpload(fs::path final_path, fs::path tmp, int fd) : m_final(std::move(final_path)), m_tmp(std::move(tmp)), m_fd(fd) {}
  ~FileUpload() override
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    if (!m_done) {
      std::error_code ec;
      fs::remove(m_tmp, ec);
    }
  }

  util::Result<void> write(std::string_view data) override
  {
    while (!data.empty()) {
      const ssize_t n = ::write(m_fd, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return util::fail("cannot write {}: {}", m_tmp.string(), std::strerror(errno));
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
  }

  util::Result<void> finish() override
  {
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
      m_fd = -1;
      return util::fail("cannot write {}: {}", m_tmp.string(), std::strerror(errno));
    }
    m_fd = -1;
    std::error_code ec;
    fs::rename(m_tmp, m_final, ec);
    if (ec) {
      return util::fail("cannot rename {} to {}: {}", m_tmp.string(), m_final.string(), ec.message());
    }
    m_done = true;
    return {};
  }

private:
  fs::path m_final;
  fs::path m_tmp;
  int m_fd;
  bool m_done = false;
};

class FileSource : public Source
{
public:
  explicit FileSource(int fd) : m_fd(fd) {}
  ~FileSource() override { ::close(m_fd); }
  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    for (;;) {
      const ssize_t n = ::read(m_fd, buf, size);
      if (n >= 0) {
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) {
        return util::fail("read failed: {}", std::strerror(errno));
      }
    }
  }

private:
  int m_fd;
};

class FileDestination : public Destination
{
public:
  explicit FileDestination(fs::path dir) : m_dir(std::move(dir)) {}

  std::string describe() const override { return "file://" + m_dir.string(); }

  util::Result<std::unique_ptr<Upload>> create(const std::string& key) override
  {
    const fs::path p = m_dir / key;
    PAVE_TRY(util::create_directories(p.parent_path()));
    fs::path tmp = p;
    tmp += ".partial-" + util::uuid_v4().substr(0, 8);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return util::fail("cannot create {}: {}", tmp.string(), std::strerror(errno));
    }
    return std::unique_ptr<Upload>(std::make_unique<FileUpload>(p, tmp, fd));
  }

  util::Result<void> put(const std::string& key, std::string_view data) override
  {
    const fs::path p = m_dir / key;
    PAVE_TRY(util::create_directories(p.parent_path()));
    return util::write_file_atomic(p, data, 0600);
  }

  util::Result<std::optional<std::string>> get(const std::string& key) override
  {
    const fs::path p = m_dir / key;
    if (!util::exists(p)) {
      return std::optional<std::string>();
    }
    PAVE_TRY_ASSIGN(std::string data, util::read_file(p));
    return std::optional<std::string>(std::move(data));
  }

  util::Result<std::unique_ptr<Source>> open(const std::string& key) override
  {
    const fs::path p = m_dir / key;
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return util::fail("{}/{}: no such backup object", describe(), key);
    }
    return std::unique_ptr<Source>(std::make_unique<FileSource>(fd));
  }

  util::Result<std::vector<StoredEntry>> list(const std::string& prefix) override
  {
    std::vector<StoredEntry> out;
    std::error_code ec;
    if (!fs::is_directory(m_dir, ec)) {
      return out;
    }
    for (auto it = fs::recursive_directory_iterator(m_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) {
        continue;
      }
      const std::string rel = fs::relative(it->path(), m_dir, ec).generic_string();
      if (rel.starts_with(prefix) && rel.find(".partial-") == std::string::npos) {
        out.push_back({rel, static_cast<std::uint64_t>(it->file_size(ec))});
      }
    }
    if (ec) {
      return util::fail("cannot list {}: {}", m_dir.string(), ec.message());
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
  }

  util::Result<void> remove(const std::string& key) override
  {
    std::error_code ec;
    const fs::path p = m_dir / key;
    fs::remove(p, ec);
    if (ec) {
      return util::fail("cannot remove {}: {}", p.string(), ec.message());
    }
    fs::remove(p.parent_path(), ec); // the backup's directory, once empty (fails harmlessly otherwise)
    return {};
  }

private:
  fs::path m_dir;
};

struct MemoryData
{
  std::mutex mutex;
  std::map<std::string, std::string> objects;
};

class MemoryUpload : public Upload
{
public:
  MemoryUpload(std::shared_ptr<MemoryData> d, std::string key) : m_data(std::move(d)), m_key(std::move(key)) {}
  util::Result<void> write(std::string_view data) override
  {
    m_buf.append(data);
    return {};
  }
  util::Result<void> finish() override
  {
    std::lock_guard lock(m_data->mutex);
    m_data->objects[m_key] = std::move(m_buf);
    return {};
  }

private:
  std::shared_ptr<MemoryData> m_data;
  std::string m_key;
  std::string m_buf;
};

class StringSource : public Source
{
public:
  explicit StringSource(std::string s) : m_s(std::move(s)) {}
  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    const std::size_t n = std::min(size, m_s.size() - m_pos);
    std::memcpy(buf, m_s.data() + m_pos, n);
    m_pos += n;
    return n;
  }

private:
  std::string m_s;
  std::size_t m_pos = 0;
};

class MemoryDestination : public Destination
{
public:
  explicit MemoryDestination(std::shared_ptr<MemoryData> d) : m_data(std::move(d)) {}
  std::string describe() const override { return "memory://"; }
  util::Result<std::unique_ptr<Upload>> create(const std::string& key) override
  {
    return std::unique_ptr<Upload>(std::make_unique<MemoryUpload>(m_data, key));
  }
  util::Result<void> put(const std::string& key, std::string_view data) override
  {
    std::lock_guard lock(m_data->mutex);
    m_data->objects[key] = std::string(data);
    return {};
  }
  util::Result<std::optional<std::string>> get(const std::string& key) override
  {
    std::lock_guard lock(m_data->mutex);
    const auto it = m_data->objects.find(key);
    return it == m_data->objects.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
  }
  util::Result<std::unique_ptr<Source>> open(const std::string& key) override
  {
    std::lock_guard lock(m_data->mutex);
    const auto it = m_data->objects.find(key);
    if (it == m_data->objects.end()) {
      return util::fail("memory://{}: no such backup object", key);
    }
    return std::unique_ptr<Source>(std::make_unique<StringSource>(it->second));
  }
  util::Result<std::vector<StoredEntry>> list(const std::string& prefix) override
  {
    std::lock_guard lock(m_data->mutex);
    std::vector<StoredEntry> out;
    for (const auto& [k, v] : m_data->objects) {
      if (k.starts_with(prefix)) {
        out.push_back({k, v.size()});
      }
    }
    return out;
  }
  util::Result<void> remove(const std::string& key) override
  {
    std::lock_guard lock(m_data->mutex);
    m_data->objects.erase(key);
    return {};
  }

private:
  std::shared_ptr<MemoryData> m_data;
};

} // namespace

std::unique_ptr<Destination> make_file_destination(std::string dir) { return std::make_unique<FileDestination>(std::move(dir)); }

std::unique_ptr<Destination> make_memory_destination()
{
  return std::make_unique<MemoryDestination>(std::make_shared<MemoryData>());
}

std::unique_ptr<Destination> shared_memory_destination()
{
  static const auto data = std::make_shared<MemoryData>();
  return std::make_unique<MemoryDestination>(data);
}

} // namespace pave::backup
