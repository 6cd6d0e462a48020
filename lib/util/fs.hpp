#pragma once
/// Filesystem operations returning results instead of throwing, the one place
/// that wraps std::filesystem's throwing API.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pave/util/expected.hpp>
#include <pave/util/shared_bytes.hpp>

namespace pave::util {

/// Reads a whole file. Error: "cannot read PATH: REASON".
Result<std::string> read_file(const std::filesystem::path& path);
/// Reads a whole file; the error is the errno of the failed open or read, for
/// callers with their own wording.
std::expected<std::string, int> read_file_errno(const std::filesystem::path& path);
/// Like read_file_errno, but a regular file of `map_from` bytes or more is
/// mapped (MappedFile, pages loaded as they are first read) instead of read:
/// one open and one fstat either way.
std::expected<SharedBytes, int> read_or_map_file_errno(const std::filesystem::path& path, std::size_t map_from);

/// Writes `data` to `path` atomically: a temporary file in the same directory,
/// fsync, rename over `path`, fsync of the directory. Readers see the old or
/// the new content, never a mix. Creates missing parent directories.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data, int mode = 0644);

/// True when `path` exists (any type); false on error.
bool exists(const std::filesystem::path& path);

/// Creates `path` and its parents. Error: "cannot create directory PATH: REASON".
Result<void> create_directories(const std::filesystem::path& path);

/// A new empty directory under the system temp dir, named PREFIX-XXXXXX.
Result<std::filesystem::path> make_temp_dir(std::string_view prefix);

/// Closes a FILE it owns.
struct FileCloser
{
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

/// A new temporary file under the system temp dir, open for reading and
/// writing and already unlinked: it is gone when closed, or when the
/// process dies. Error: "cannot create a temporary file in DIR: REASON".
Result<FilePtr> open_temp_file(std::string_view prefix);

/// Removes a file or a directory tree; missing is not an error.
Result<void> remove_all(const std::filesystem::path& path);

/// Regular files below `dir`, relative to it, sorted.
Result<std::vector<std::string>> list_files_recursive(const std::filesystem::path& dir);

} // namespace pave::util
