#include <pave/util/duration.hpp>

#include <cctype>
#include <charconv>

namespace pave::util {

Result<std::chrono::milliseconds> parse_duration(std::string_view text)
{
  auto bad = [&] { return fail("invalid duration \"{}\" (use e.g. 30s, 5m, 1h30m)", text); };
  if (text == "0") {
    return std::chrono::milliseconds(0);
  }
  if (text.empty()) {
    return bad();
  }
  std::chrono::milliseconds total{0};
  std::string_view rest = text;
  while (!rest.empty()) {
    long long n = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || ptr == rest.data() || n < 0) {
      return bad();
    }
    rest.remove_prefix(static_cast<std::size_t>(ptr - rest.data()));
    std::size_t unit_len = 0;
    while (unit_len < rest.size() && std::isalpha(static_cast<unsigned char>(rest[unit_len])) != 0) {
      ++unit_len;
    }
    const std::string_view unit = rest.substr(0, unit_len);
    rest.remove_prefix(unit_len);
    if (unit == "ms") {
      total += std::chrono::milliseconds(n);
    } else if (unit == "s") {
      total += std::chrono::seconds(n);
    } else if (unit == "m") {
      total += std::chrono::minutes(n);
    } else if (unit == "h") {
      total += std::chrono::hours(n);
    } else {
      return bad();
    }
  }
  return total;
}

} // namespace pave::util
