#include <pave/util/mapped_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pave::util {

std::expected<std::shared_ptr<const MappedFile>, int> MappedFile::map(int fd, std::size_t size, bool populate)
{
  std::shared_ptr<MappedFile> f(new MappedFile());
  f->m_size = size;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t file_pages = (f->m_size + page - 1) / page * page;
  // Anonymous (zero) pages first, then the file over all but the last: the
  // bytes after the file's end read as zeros, never past the mapping.
  f->m_mapped = file_pages + page;
  void* base = ::mmap(nullptr, f->m_mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    return std::unexpected(errno);
  }
  f->m_data = static_cast<char*>(base);
  if (f->m_size > 0 &&
      ::mmap(base, f->m_size, PROT_READ, MAP_PRIVATE | MAP_FIXED | (populate ? MAP_POPULATE : 0), fd, 0) == MAP_FAILED) {
    return std::unexpected(errno); // ~MappedFile unmaps the reservation
  }
  return std::shared_ptr<const MappedFile>(std::move(f));
}

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::filesystem::path& path, bool populate)
{
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return fail("cannot read {}: {}", path.string(), std::strerror(errno));
  }
  struct stat st = {};
  auto mapped = ::fstat(fd, &st) == 0 ? map(fd, static_cast<std::size_t>(st.st_size), populate)
                                      : std::unexpected(errno);
  ::close(fd);
  if (!mapped) {
    return fail("cannot read {}: {}", path.string(), std::strerror(mapped.error()));
  }
  return std::move(*mapped);
}

MappedFile::~MappedFile()
{
  if (m_data != nullptr) {
    ::munmap(m_data, m_mapped);
  }
}

} // namespace pave::util
