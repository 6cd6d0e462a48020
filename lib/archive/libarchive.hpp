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
  // Streamed reading and writing of backup archives (lib/backup/tar.hpp).
  decltype(&archive_read_open) read_open;
  decltype(&archive_read_data_skip) read_data_skip;
  decltype(&archive_set_error) set_error;
  decltype(&archive_write_new) write_new;
  decltype(&archive_write_set_format_pax_restricted) write_set_format_pax_restricted;
  decltype(&archive_write_set_bytes_in_last_block) write_set_bytes_in_last_block;
  decltype(&archive_write_open) write_open;
  decltype(&archive_write_header) write_header;
  decltype(&archive_write_data) write_data;
  decltype(&archive_write_finish_entry) write_finish_entry;
  decltype(&archive_write_close) write_close;
  decltype(&archive_write_free) write_free;
  decltype(&archive_entry_new) entry_new;
  decltype(&archive_entry_free) entry_free;
  decltype(&archive_entry_set_pathname) entry_set_pathname;
  decltype(&archive_entry_set_size) entry_set_size;
  decltype(&archive_entry_set_filetype) entry_set_filetype;
  decltype(&archive_entry_set_perm) entry_set_perm;
  decltype(&archive_entry_set_mtime) entry_set_mtime;
};

/// Loads libarchive once (thread-safe). Error: "cannot load libarchive.so.13: REASON".
util::Result<const LibArchive*> libarchive();

} // namespace pave::archive
