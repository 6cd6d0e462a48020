#include <pave/backup/resource_spool.hpp>

#include <array>
#include <cerrno>
#include <cstring>


namespace pave::backup {

namespace {

/// The fields of an entry, in the order they are stored (each as a 64-bit length, then its bytes).
template <typename Entry> auto fields(Entry& r)
{
  return std::array{&r.address, &r.api_version, &r.kind, &r.namespace_, &r.name, &r.sha256, &r.body};
}

} // namespace

util::Result<void> ResourceSpool::put(const SerializedResource& entry)
{
  if (m_file == nullptr) {
    PAVE_TRY_ASSIGN(m_file, util::open_temp_file("pave-objects"));
  }
  for (const std::string* f : fields(entry)) {
    const std::uint64_t n = f->size();
    if (std::fwrite(&n, sizeof n, 1, m_file.get()) != 1 || std::fwrite(f->data(), 1, f->size(), m_file.get()) != f->size()) {
      return util::fail("cannot write objects to a temporary file: {}", std::strerror(errno));
    }
  }
  ++m_entries;
  return {};
}

util::Result<void> ResourceSpool::replay(const std::function<util::Result<void>(SerializedResource&& entry)>& take)
{
  if (m_file == nullptr) {
    return {};
  }
  if (std::fflush(m_file.get()) != 0 || std::fseek(m_file.get(), 0, SEEK_SET) != 0) {
    return util::fail("cannot read objects back from a temporary file: {}", std::strerror(errno));
  }
  for (std::size_t i = 0; i < m_entries; ++i) {
    SerializedResource r;
    for (std::string* f : fields(r)) {
      std::uint64_t n = 0;
      if (std::fread(&n, sizeof n, 1, m_file.get()) != 1) {
        return util::fail("cannot read objects back from a temporary file: it ends early");
      }
      f->resize(n);
      if (std::fread(f->data(), 1, n, m_file.get()) != n) {
        return util::fail("cannot read objects back from a temporary file: it ends early");
      }
    }
    PAVE_TRY(take(std::move(r)));
  }
  return {};
}

} // namespace pave::backup
