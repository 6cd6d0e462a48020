#include <pave/util/base64.hpp>

#include <algorithm>

#include <openssl/evp.h>

namespace pave::util {

std::string base64_encode(std::string_view in)
{
  // EVP_EncodeBlock takes an int length: whole 3-byte groups, a chunk at a time.
  constexpr std::size_t k_chunk = 3 << 20;
  std::string out(4 * ((in.size() + 2) / 3), '\0');
  std::size_t written = 0;
  for (std::size_t at = 0; at < in.size(); at += k_chunk) {
    const std::size_t len = std::min(k_chunk, in.size() - at);
    written += static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + written),
                                                        reinterpret_cast<const unsigned char*>(in.data() + at),
                                                        static_cast<int>(len)));
  }
  out.resize(written);
  return out;
}

std::optional<std::string> base64_decode(std::string_view in)
{
  if (in.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  if (n < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts padding as zero bytes.
  std::size_t size = static_cast<std::size_t>(n);
  for (std::size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) {
    --size;
  }
  out.resize(size);
  return out;
}

} // namespace pave::util
