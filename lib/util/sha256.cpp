#include <pave/util/sha256.hpp>

#include <openssl/evp.h>

namespace pave::util {

std::string sha256_hex(std::string_view data)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(len) * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = k_hex[md[i] >> 4];
    out[2 * i + 1] = k_hex[md[i] & 0xf];
  }
  return out;
}

std::string sha256_tagged(std::string_view data)
{
  return "sha256:" + sha256_hex(data);
}

} // namespace pave::util
