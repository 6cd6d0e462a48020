#pragma once
/// The tar layer of a backup archive, streamed through libarchive's callback
/// API: entries are written into a Sink as they are added and read from a
/// Source one at a time, so only one buffer is in memory. POSIX pax format;
/// every entry is a regular file.
#include <chrono>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include <pave/backup/stream.hpp>

namespace pave::backup {

class TarWriter
{
public:
  /// Starts a tar stream into `out` (which must outlive the writer).
  /// Error: libarchive cannot be loaded.
  static util::Result<std::unique_ptr<TarWriter>> open(Sink& out, std::chrono::system_clock::time_point mtime);
  ~TarWriter();

  /// Adds a regular file `path` holding `data`; returns its SHA-256 (hex).
  util::Result<std::string> add(const std::string& path, std::string_view data);
  /// Adds `size` bytes read from `in` in bounded blocks; returns their
  /// SHA-256 (hex). Error when `in` ends early (`what` names it: "FILE changed size while it was backed up").
  util::Result<std::string> add_stream(const std::string& path, std::istream& in, std::uint64_t size,
                                       std::string_view what);
  /// Adds the content of a local file, read in bounded blocks; returns its
  /// SHA-256 (hex) and size. Error when the file cannot be read or changes size.
  util::Result<std::pair<std::string, std::uint64_t>> add_file(const std::string& path,
                                                                const std::filesystem::path& file);

  /// An entry written in pieces: begin_entry(), write_data() until exactly
  /// `size` bytes were given, end_entry() (an error when fewer were).
  util::Result<void> begin_entry(const std::string& path, std::uint64_t size);
  util::Result<void> write_data(std::string_view data);
  util::Result<void> end_entry();
  /// Writes the end-of-archive blocks and finishes `out`.
  util::Result<void> close();

  struct Impl;

private:
  explicit TarWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

class TarReader
{
public:
  /// Reads a tar stream from `in` (which must outlive the reader).
  static util::Result<std::unique_ptr<TarReader>> open(Source& in);
  ~TarReader();

  struct Entry
  {
    std::string path;
    std::uint64_t size = 0;
  };
  /// The next entry (nullopt at the end). Unread data of the previous entry is skipped.
  /// Errors: the Source's error, "archive corrupted: tar: REASON", or an entry that is not a regular file.
  util::Result<std::optional<Entry>> next();
  /// Reads data of the current entry; 0 at its end.
  util::Result<std::size_t> read(char* buf, std::size_t size);

  struct Impl;

private:
  explicit TarReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace pave::backup
