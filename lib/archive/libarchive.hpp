#pragma once
/// libarchive, loaded on first use (see util/shared_library.hpp): it pulls in
/// libxml2, ICU, nettle and five compression libraries, whose load-time
/// relocations would cost every pave start about a millisecond although only
/// chart archives and backups need them.
#include <archive.h>
#include <archive_entry.h>

#include <pave/util/expected.hpp>

namespace pave::archive {

/// The libarchive functions pave calls.
struct LibArchive
{
  decltype(&archive_version_string) version_string;
  decltype(&archive_error_string) error_string;
  decltype(&archive_read_new) read_new;
  decltype(&archive_read_support_filter_gzip) read_support_filter_gzip;
  decltype(&archive_read_support_filter_all) read_support_filter_all;
  decltype(&archive_read_support_format_tar) read_support_format_tar;
  decltype(&archive_read_open_memory) read_open_memory;
  decltype(&archive_read_next_header) read_next_header;
  decltype(&archive_read_data) read_data;
  decltype(&archive_read_free) read_free;
  decltype(&archive_entry_pathname) entry_pathname;
  decltype(&archive_entry_filetype) entry_filetype;
  decltype(&archive_entry_size) entry_size;
};

/// Loads libarchive once (thread-safe). Error: "cannot load libarchive.so.13: REASON".
util::Result<const LibArchive*> libarchive();

} // namespace pave::archive
