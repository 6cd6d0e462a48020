#include <pave/util/digest.hpp>

#include <openssl/sha.h>

namespace pave::util {

std::string sha256_hex(std::string_view data)
{
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_LENGTH, '\0');
  for (int i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    out[2 * i] = k_hex[md[i] >> 4];
    out[2 * i + 1] = k_hex[md[i] & 0xf];
  }
  return out;
}

std::string sha256_digest(std::string_view data)
{
  return "sha256:" + sha256_hex(data);
}

} // namespace pave::util
