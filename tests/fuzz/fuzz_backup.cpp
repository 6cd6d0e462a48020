// Fuzzes the readers of backup archives: the manifest and catalog record
// (JSON), the tar layer with the manifest checks (read_tar_stream), the zstd
// layer under it, and the encrypted container's header and chunk parsing
// (with a fixed key). The first byte picks the layer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include <pave/backup/archive.hpp>
#include <pave/backup/catalog.hpp>
#include <pave/backup/compress.hpp>
#include <pave/backup/crypto.hpp>
#include <pave/backup/manifest.hpp>

namespace {

class BytesSource : public pave::backup::Source
{
public:
  BytesSource(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
  pave::util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    const std::size_t n = std::min(size, m_size - m_pos);
    if (n > 0) {
      std::memcpy(buf, m_data + m_pos, n);
    }
    m_pos += n;
    return n;
  }

private:
  const std::uint8_t* m_data;
  std::size_t m_size;
  std::size_t m_pos = 0;
};

void drain(pave::backup::Source& s)
{
  char buf[4096];
  for (int i = 0; i < 100000; ++i) {
    auto n = s.read(buf, sizeof buf);
    if (!n || *n == 0) {
      return;
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const std::uint8_t mode = data[0] % 5;
  ++data;
  --size;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  switch (mode) {
  case 0: (void)pave::backup::parse_manifest(text); break;
  case 1: (void)pave::backup::parse_record(text); break;
  case 2: {
    // Both modes: they must agree on whether the archive is sound.
    BytesSource in(data, size);
    const auto contents = pave::backup::read_tar_stream(in);
    BytesSource again(data, size);
    const auto verified = pave::backup::read_tar_stream(again, {}, pave::backup::ReadMode::verify_only);
    if (contents.has_value() != verified.has_value() ||
        (!contents && contents.error().message != verified.error().message)) {
      std::abort();
    }
    break;
  }
  case 3: {
    BytesSource in(data, size);
    auto z = pave::backup::make_decompressing_source(in);
    (void)pave::backup::read_tar_stream(*z);
    break;
  }
  default: {
    BytesSource in(data, size);
    const pave::backup::KeyMaterial key{std::string(32, 'k'), "", "fuzz key"};
    auto plain = pave::backup::make_decrypting_source(key, in);
    drain(*plain);
    break;
  }
  }
  return 0;
}
