#pragma once
/// A file mapped read-only into memory: the bytes of a large file without
/// copying them into the heap (and faulting in every page of the copy).
#include <filesystem>
#include <memory>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::util {

class MappedFile
{
public:
  /// Maps `path`, followed by at least k_padding readable bytes (zero), as
  /// parsers such as simdjson may read past the end of their input. The
  /// mapping sees the file as it was when opened as long as it is replaced by
  /// rename, as pave writes files (write_file_atomic); a file truncated in
  /// place while mapped would fault. Errors: "cannot read PATH: REASON".
  /// With `populate`, every page is mapped at once (for bytes that will all be
  /// read); without, pages are mapped as they are first read.
  static Result<std::shared_ptr<const MappedFile>> open(const std::filesystem::path& path, bool populate = true);

  /// Maps the first `size` bytes of the open file `fd` (left open), padded
  /// like open()'s. Error: the errno of the failed mmap.
  static std::expected<std::shared_ptr<const MappedFile>, int> map(int fd, std::size_t size, bool populate);

  static constexpr std::size_t k_padding = 64;

  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {m_data, m_size}; }

private:
  MappedFile() = default;
  char* m_data = nullptr;
  std::size_t m_size = 0;
  std::size_t m_mapped = 0; ///< bytes reserved, padding included
};

} // namespace pave::util
