#include <pave/util/xxh3.hpp>

#include <xxhash.h>

namespace pave::util {

std::string xxh3_128_tagged(std::string_view data)
{
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(data.data(), data.size()));
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "xxh3-128:";
  for (const unsigned char byte : canonical.digest) {
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0xf];
  }
  return out;
}

} // namespace pave::util
