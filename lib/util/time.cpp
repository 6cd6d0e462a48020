#include <pave/util/time.hpp>

#include <cctype>
#include <cstdio>
#include <ctime>

#include <fmt/format.h>

namespace pave::util {

std::string rfc3339_utc(std::chrono::system_clock::time_point t)
{
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text)
{
  const std::string s(text);
  std::tm tm{};
  const char* p = ::strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (p == nullptr) {
    return std::nullopt;
  }
  if (*p == '.') { // fractional seconds, ignored
    ++p;
    while (*p >= '0' && *p <= '9') {
      ++p;
    }
  }
  long offset = 0;
  if (*p == 'Z' || *p == 'z') {
    ++p;
  } else if (*p == '+' || *p == '-') {
    const int sign = *p == '-' ? -1 : 1;
    int hh = 0;
    int mm = 0;
    if (std::sscanf(p + 1, "%2d:%2d", &hh, &mm) != 2) {
      return std::nullopt;
    }
    offset = sign * (hh * 3600L + mm * 60L);
    p += 6;
  } else {
    return std::nullopt;
  }
  if (*p != '\0') {
    return std::nullopt;
  }
  // system_clock counts nanoseconds in 64 bits: years 1678..2261. Outside
  // that from_time_t would overflow (undefined behaviour found by fuzz_backup).
  if (tm.tm_year + 1900 < 1700 || tm.tm_year + 1900 > 2200) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(::timegm(&tm) - offset);
}

std::string now_rfc3339()
{
  return rfc3339_utc(std::chrono::system_clock::now());
}

Result<std::chrono::milliseconds> parse_duration(std::string_view text)
{
  auto bad = [&] { return fail("invalid duration \"{}\": use a number with a unit, e.g. 30s, 2m, 500ms", text); };
  if (text == "0") {
    return std::chrono::milliseconds{0};
  }
  if (text.empty()) {
    return bad();
  }
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      n = n * 10 + (text[i] - '0');
      if (n > 1'000'000'000) {
        return bad();
      }
      ++i;
    }
    if (i == start) {
      return bad();
    }
    std::int64_t unit = 0;
    if (text.substr(i, 2) == "ms") {
      unit = 1;
      i += 2;
    } else if (i < text.size() && text[i] == 's') {
      unit = 1000;
      ++i;
    } else if (i < text.size() && text[i] == 'm') {
      unit = 60'000;
      ++i;
    } else if (i < text.size() && text[i] == 'h') {
      unit = 3'600'000;
      ++i;
    } else {
      return bad();
    }
    total += n * unit;
  }
  return std::chrono::milliseconds{total};
}

std::string format_duration(std::chrono::milliseconds d)
{
  const auto ms = d.count();
  if (ms < 1000 || ms % 1000 != 0) {
    return ms < 1000 ? fmt::format("{}ms", ms) : fmt::format("{:.3g}s", static_cast<double>(ms) / 1000.0);
  }
  const auto s = ms / 1000;
  if (s < 60) {
    return fmt::format("{}s", s);
  }
  if (s % 60 == 0) {
    return fmt::format("{}m", s / 60);
  }
  return fmt::format("{}m{}s", s / 60, s % 60);
}

} // namespace pave::util
