#include <pave/util/random.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <sys/random.h>

#include <fmt/format.h>

namespace pave::util {

std::string uuid_v4()
{
  std::array<std::uint8_t, 16> b{};
  std::size_t got = 0;
  while (got < b.size()) {
    const ssize_t n = ::getrandom(b.data() + got, b.size() - got, 0);
    if (n <= 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  if (got < b.size()) { // no getrandom: fall back to std::random_device
    std::random_device rd;
    for (auto& x : b) {
      x = static_cast<std::uint8_t>(rd());
    }
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
  return fmt::format("{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
                     b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                     b[15]);
}

} // namespace pave::util
