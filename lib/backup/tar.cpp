#include <pave/backup/tar.hpp>

#include <cstdio>
#include <fstream>

#include <pave/archive/libarchive.hpp>

namespace pave::backup {

namespace {

constexpr std::size_t k_block = 256 * 1024;

} // namespace

struct TarWriter::Impl
{
  const archive::LibArchive* la = nullptr;
  struct ::archive* a = nullptr;
  Sink* out = nullptr;
  std::optional<util::Error> error; ///< the Sink's failure, reported instead of libarchive's
  std::time_t mtime = 0;
  bool closed = false;
  std::string path;       ///< the entry being written
  std::uint64_t left = 0; ///< its bytes still to come

  static la_ssize_t write_cb(struct ::archive* a, void* client, const void* buf, size_t n)
  {
    auto* self = static_cast<Impl*>(client);
    auto r = self->out->write(std::string_view(static_cast<const char*>(buf), n));
    if (!r) {
      self->error = r.error();
      self->la->set_error(a, EIO, "%s", "destination write failed");
      return -1;
    }
    return static_cast<la_ssize_t>(n);
  }

  util::Error fail(std::string_view what)
  {
    if (error) {
      return *error;
    }
    const char* e = la->error_string(a);
    return util::Error{fmt::format("tar: {}: {}", what, e != nullptr ? e : "unknown error")};
  }

  util::Result<void> header(const std::string& path, std::uint64_t size)
  {
    struct archive_entry* e = la->entry_new();
    la->entry_set_pathname(e, path.c_str());
    la->entry_set_size(e, static_cast<la_int64_t>(size));
    la->entry_set_filetype(e, AE_IFREG);
    la->entry_set_perm(e, 0600);
    la->entry_set_mtime(e, mtime, 0);
    const int r = la->write_header(a, e);
    la->entry_free(e);
    if (r != ARCHIVE_OK) {
      return std::unexpected(fail("cannot add " + path));
    }
    return {};
  }

  util::Result<void> data(const std::string& path, std::string_view d)
  {
    while (!d.empty()) {
      const la_ssize_t n = la->write_data(a, d.data(), d.size());
      if (n <= 0) {
        return std::unexpected(fail("cannot write " + path));
      }
      d.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
  }
};

TarWriter::TarWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

TarWriter::~TarWriter()
{
  if (m_impl->a != nullptr) {
    m_impl->la->write_free(m_impl->a); // closes too; errors were reported by close()
  }
}

util::Result<std::unique_ptr<TarWriter>> TarWriter::open(Sink& out, std::chrono::system_clock::time_point mtime)
{
  PAVE_TRY_ASSIGN(const archive::LibArchive* la, archive::libarchive());
  auto impl = std::make_unique<Impl>();
  impl->la = la;
  impl->out = &out;
  impl->mtime = std::chrono::system_clock::to_time_t(mtime);
  impl->a = la->write_new();
  if (impl->a == nullptr) {
    return util::fail("tar: out of memory");
  }
  std::unique_ptr<TarWriter> w(new TarWriter(std::move(impl)));
  Impl& i = *w->m_impl;
  if (la->write_set_format_pax_restricted(i.a) != ARCHIVE_OK || la->write_set_bytes_in_last_block(i.a, 1) != ARCHIVE_OK ||
      la->write_open(i.a, &i, nullptr, &Impl::write_cb, nullptr) != ARCHIVE_OK) {
    return std::unexpected(i.fail("cannot start the archive"));
  }
  return w;
}

util::Result<void> TarWriter::begin_entry(const std::string& path, std::uint64_t size)
{
  PAVE_TRY(m_impl->header(path, size));
  m_impl->path = path;
  m_impl->left = size;
  return {};
}

util::Result<void> TarWriter::write_data(std::string_view data)
{
  if (data.size() > m_impl->left) {
    return util::fail("tar: {}: more data than its size", m_impl->path);
  }
  m_impl->left -= data.size();
  return m_impl->data(m_impl->path, data);
}

util::Result<void> TarWriter::end_entry()
{
  if (m_impl->left != 0) {
    return util::fail("tar: {}: {} bytes short of its size", m_impl->path, m_impl->left);
  }
  if (m_impl->la->write_finish_entry(m_impl->a) != ARCHIVE_OK) {
    return std::unexpected(m_impl->fail("cannot finish " + m_impl->path));
  }
  return {};
}

util::Result<std::string> TarWriter::add(const std::string& path, std::string_view data)
{
  PAVE_TRY(begin_entry(path, data.size()));
  PAVE_TRY(write_data(data));
  PAVE_TRY(end_entry());
  Sha256 h;
  h.update(data);
  return h.hex();
}

util::Result<std::string> TarWriter::add_stream(const std::string& path, std::istream& in, std::uint64_t size,
                                                std::string_view what)
{
  PAVE_TRY(begin_entry(path, size));
  Sha256 h;
  std::string buf(k_block, '\0');
  std::uint64_t done = 0;
  while (done < size) {
    const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(buf.size(), size - done));
    in.read(buf.data(), want);
    if (in.gcount() != want) {
      return util::fail("{} changed size while it was backed up", what);
    }
    const std::string_view chunk(buf.data(), static_cast<std::size_t>(want));
    h.update(chunk);
    PAVE_TRY(write_data(chunk));
    done += static_cast<std::uint64_t>(want);
  }
  PAVE_TRY(end_entry());
  return h.hex();
}

util::Result<std::pair<std::string, std::uint64_t>> TarWriter::add_file(const std::string& path,
                                                                         const std::filesystem::path& file)
{
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    return util::fail("cannot read {}: {}", file.string(), ec.message());
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return util::fail("cannot open {}", file.string());
  }
  PAVE_TRY_ASSIGN(std::string sha, add_stream(path, in, size, file.string()));
  return std::pair{std::move(sha), static_cast<std::uint64_t>(size)};
}

util::Result<void> TarWriter::close()
{
  if (m_impl->la->write_close(m_impl->a) != ARCHIVE_OK) {
    return std::unexpected(m_impl->fail("cannot finish the archive"));
  }
  return m_impl->out->finish();
}

struct TarReader::Impl
{
  const archive::LibArchive* la = nullptr;
  struct ::archive* a = nullptr;
  Source* in = nullptr;
  std::optional<util::Error> error;
  std::string buf = std::string(k_block, '\0');

  static la_ssize_t read_cb(struct ::archive* a, void* client, const void** out)
  {
    auto* self = static_cast<Impl*>(client);
    auto n = self->in->read(self->buf.data(), self->buf.size());
    if (!n) {
      self->error = n.error();
      self->la->set_error(a, EIO, "%s", "source read failed");
      return -1;
    }
    *out = self->buf.data();
    return static_cast<la_ssize_t>(*n);
  }

  util::Error fail()
  {
    if (error) {
      return *error;
    }
    const char* e = la->error_string(a);
    return util::Error{fmt::format("archive corrupted: tar: {}", e != nullptr ? e : "unknown error")};
  }
};

TarReader::TarReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

TarReader::~TarReader()
{
  if (m_impl->a != nullptr) {
    m_impl->la->read_free(m_impl->a);
  }
}

util::Result<std::unique_ptr<TarReader>> TarReader::open(Source& in)
{
  PAVE_TRY_ASSIGN(const archive::LibArchive* la, archive::libarchive());
  auto impl = std::make_unique<Impl>();
  impl->la = la;
  impl->in = &in;
  impl->a = la->read_new();
  if (impl->a == nullptr) {
    return util::fail("tar: out of memory");
  }
  std::unique_ptr<TarReader> r(new TarReader(std::move(impl)));
  Impl& i = *r->m_impl;
  if (la->read_support_format_tar(i.a) != ARCHIVE_OK ||
      la->read_open(i.a, &i, nullptr, &Impl::read_cb, nullptr) != ARCHIVE_OK) {
    return std::unexpected(i.fail());
  }
  return r;
}

util::Result<std::optional<TarReader::Entry>> TarReader::next()
{
  struct archive_entry* e = nullptr;
  const int r = m_impl->la->read_next_header(m_impl->a, &e);
  if (r == ARCHIVE_EOF) {
    return std::nullopt;
  }
  if (r != ARCHIVE_OK) {
    return std::unexpected(m_impl->fail());
  }
  Entry out;
  const char* p = m_impl->la->entry_pathname(e);
  out.path = p != nullptr ? p : "";
  if (m_impl->la->entry_filetype(e) != AE_IFREG) {
    return util::fail("archive corrupted: entry {} is not a regular file", out.path);
  }
  const la_int64_t size = m_impl->la->entry_size(e);
  out.size = size < 0 ? 0 : static_cast<std::uint64_t>(size);
  return out;
}

util::Result<std::size_t> TarReader::read(char* buf, std::size_t size)
{
  const la_ssize_t n = m_impl->la->read_data(m_impl->a, buf, size);
  if (n < 0) {
    return std::unexpected(m_impl->fail());
  }
  return static_cast<std::size_t>(n);
}

} // namespace pave::backup
