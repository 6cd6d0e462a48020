#include <pave/archive/libarchive.hpp>

#include <mutex>

#include <pave/util/shared_library.hpp>

namespace pave::archive {

util::Result<const LibArchive*> libarchive()
{
  static LibArchive api{};
  static util::Result<const LibArchive*> result = util::fail("cannot load libarchive.so.13: not loaded");
  static std::once_flag once;
  std::call_once(once, [] {
    auto lib = util::SharedLibrary::open("libarchive.so.13");
    if (!lib) {
      result = std::unexpected(lib.error());
      return;
    }
    const bool ok = lib->resolve("archive_version_string", api.version_string) &&
                    lib->resolve("archive_error_string", api.error_string) &&
                    lib->resolve("archive_read_new", api.read_new) &&
                    lib->resolve("archive_read_support_filter_gzip", api.read_support_filter_gzip) &&
                    lib->resolve("archive_read_support_filter_all", api.read_support_filter_all) &&
                    lib->resolve("archive_read_support_format_tar", api.read_support_format_tar) &&
                    lib->resolve("archive_read_open_memory", api.read_open_memory) &&
                    lib->resolve("archive_read_next_header", api.read_next_header) &&
                    lib->resolve("archive_read_data", api.read_data) &&
                    lib->resolve("archive_read_free", api.read_free) &&
                    lib->resolve("archive_entry_pathname", api.entry_pathname) &&
                    lib->resolve("archive_entry_filetype", api.entry_filetype) &&
                    lib->resolve("archive_entry_size", api.entry_size) &&
                    lib->resolve("archive_read_open", api.read_open) &&
                    lib->resolve("archive_read_data_skip", api.read_data_skip) &&
                    lib->resolve("archive_set_error", api.set_error) &&
                    lib->resolve("archive_write_new", api.write_new) &&
                    lib->resolve("archive_write_set_format_pax_restricted", api.write_set_format_pax_restricted) &&
                    lib->resolve("archive_write_set_bytes_in_last_block", api.write_set_bytes_in_last_block) &&
                    lib->resolve("archive_write_open", api.write_open) &&
                    lib->resolve("archive_write_header", api.write_header) &&
                    lib->resolve("archive_write_data", api.write_data) &&
                    lib->resolve("archive_write_finish_entry", api.write_finish_entry) &&
                    lib->resolve("archive_write_close", api.write_close) &&
                    lib->resolve("archive_write_free", api.write_free) &&
                    lib->resolve("archive_entry_new", api.entry_new) &&
                    lib->resolve("archive_entry_free", api.entry_free) &&
                    lib->resolve("archive_entry_set_pathname", api.entry_set_pathname) &&
                    lib->resolve("archive_entry_set_size", api.entry_set_size) &&
                    lib->resolve("archive_entry_set_filetype", api.entry_set_filetype) &&
                    lib->resolve("archive_entry_set_perm", api.entry_set_perm) &&
                    lib->resolve("archive_entry_set_mtime", api.entry_set_mtime);
    result = ok ? util::Result<const LibArchive*>(&api)
                : util::fail("cannot load libarchive.so.13: a required function is missing");
  });
  return result;
}

} // namespace pave::archive
