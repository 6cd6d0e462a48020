#include <pave/cloud/aws/timestamp.hpp>

#include <cstdio>
#include <ctime>
#include <string>

namespace pave::cloud::aws {

std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s)
{
  const std::string text(s);
  if (!text.empty() && text.find_first_not_of("0123456789.") == std::string::npos) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::duration<double>(std::stod(text))));
  }
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  auto t = std::chrono::system_clock::from_time_t(timegm(&tm));
  std::string_view rest = std::string_view(text).substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      rest.remove_prefix(1);
    }
  }
  if (rest == "Z" || rest.empty()) {
    return t;
  }
  int hh = 0, mm = 0;
  if ((rest.front() == '+' || rest.front() == '-') &&
      std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &hh, &mm) == 2) {
    const auto off = std::chrono::hours(hh) + std::chrono::minutes(mm);
    return rest.front() == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

} // namespace pave::cloud::aws
