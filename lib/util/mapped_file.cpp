#include <pave/util/mapped_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pave::util {

Result<std::shared_ptr<const MappedFile>> MappedFile::open(const std::filesystem::path& path, bool populate)
{
  auto failed = [&] { return fail("cannot read {}: {}", path.string(), std::strerror(errno)); };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return failed();
  }
  struct stat st = {};
  if (::fstat(fd, &st) != 0) {
    const auto e = failed();
    ::close(fd);
    return e;
  }
  std::shared_ptr<MappedFile> f(new MappedFile());
  f->m_size = static_cast<std::size_t>(st.st_size);
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t file_pages = (f->m_size + page - 1) / page * page;
  // Anonymous (zero) pages first, then the file over all but the last: the
  // bytes after the file's end read as zeros, never past the mapping.
  f->m_mapped = file_pages + page;
  void* base = ::mmap(nullptr, f->m_mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    const auto e = failed();
    ::close(fd);
    return e;
  }
  f->m_data = static_cast<char*>(base);
  if (f->m_size > 0 &&
      ::mmap(base, f->m_size, PROT_READ, MAP_PRIVATE | MAP_FIXED | (populate ? MAP_POPULATE : 0), fd, 0) == MAP_FAILED) {
    const auto e = failed();
    ::close(fd);
    return e; // ~MappedFile unmaps the reservation
  }
  ::close(fd);
  return std::shared_ptr<const MappedFile>(std::move(f));
}

MappedFile::~MappedFile()
{
  if (m_data != nullptr) {
    ::munmap(m_data, m_mapped);
  }
}

} // namespace pave::util
