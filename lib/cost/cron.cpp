#include <pave/cost/cron.hpp>

#include <array>
#include <bitset>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <pave/util/strings.hpp>

namespace pave::cost {

namespace {

struct Field
{
  int lo, hi;
  std::array<std::string_view, 12> names; ///< names for lo.. (months JAN.., days SUN..)
};

constexpr Field k_fields[5] = {
  {0, 59, {}},
  {0, 23, {}},
  {1, 31, {}},
  {1, 12, {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
  {0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
};

std::optional<int> value(std::string_view s, const Field& f)
{
  std::string lower(s);
  for (auto& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (std::size_t i = 0; i < f.names.size(); ++i) {
    if (!f.names[i].empty() && f.names[i] == lower) {
      return f.lo + static_cast<int>(i);
    }
  }
  int v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v < f.lo || v > f.hi) {
    return std::nullopt;
  }
  return v;
}

/// Parses one field into a bit set; `star` tells whether it was "*" (or "?").
bool parse_field(std::string_view text, const Field& f, std::bitset<64>& bits, bool& star)
{
  star = text == "*" || text == "?";
  for (const auto& part : util::split(text, ',')) {
    std::string_view range = part;
    int step = 1;
    if (const auto slash = range.find('/'); slash != std::string_view::npos) {
      const std::string_view s = range.substr(slash + 1);
      const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
      if (s.empty() || ec != std::errc() || p != s.data() + s.size() || step <= 0 || step > 60) {
        return false;
      }
      range = range.substr(0, slash);
    }
    int lo = f.lo, hi = f.hi;
    if (range != "*" && range != "?") {
      const auto dash = range.find('-');
      const auto a = value(range.substr(0, dash), f);
      if (!a) {
        return false;
      }
      lo = *a;
      hi = *a;
      if (dash != std::string_view::npos) {
        const auto b = value(range.substr(dash + 1), f);
        if (!b || *b < *a) {
          return false;
        }
        hi = *b;
      } else if (range.size() != part.size()) { // "5/15": from 5 to the end
        hi = f.hi;
      }
    }
    for (int v = lo; v <= hi; v += step) {
      bits.set(static_cast<std::size_t>(v));
    }
  }
  return true;
}

util::Result<double> count(std::string_view schedule)
{
  std::string_view s = util::trim(schedule);
  if (s.starts_with("TZ=") || s.starts_with("CRON_TZ=")) {
    const auto sp = s.find(' ');
    s = sp == std::string_view::npos ? std::string_view() : util::trim(s.substr(sp));
  }
  static const std::map<std::string_view, std::string_view> k_macros{
    {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"}};
  if (const auto it = k_macros.find(s); it != k_macros.end()) {
    s = it->second;
  }
  std::vector<std::string> fields;
  for (auto& f : util::split(s, ' ')) {
    if (!f.empty()) {
      fields.push_back(std::move(f));
    }
  }
  std::array<std::bitset<64>, 5> bits;
  std::array<bool, 5> star{};
  if (fields.size() != 5) {
    return util::fail("\"{}\" is not a cron schedule", schedule);
  }
  for (std::size_t i = 0; i < 5; ++i) {
    if (!parse_field(fields[i], k_fields[i], bits[i], star[i])) {
      return util::fail("\"{}\" is not a cron schedule", schedule);
    }
  }
  if (bits[4].test(7)) {
    bits[4].set(0);
  }
  const std::size_t per_day = bits[0].count() * bits[1].count();
  // Days of 2023 (a non-leap year starting on a Sunday) that match: cron's
  // rule is day-of-month OR day-of-week when both are restricted.
  constexpr int k_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int weekday = 0;
  std::size_t days = 0;
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; d <= k_days[m - 1]; ++d, weekday = (weekday + 1) % 7) {
      if (!bits[3].test(static_cast<std::size_t>(m))) {
        continue;
      }
      const bool dom = bits[2].test(static_cast<std::size_t>(d));
      const bool dow = bits[4].test(static_cast<std::size_t>(weekday));
      const bool match = star[2] || star[4] ? dom && dow : dom || dow;
      days += match ? 1 : 0;
    }
  }
  return static_cast<double>(days * per_day) / 12.0;
}

} // namespace

util::Result<double> runs_per_month(std::string_view schedule)
{
  static std::mutex mutex;
  static std::map<std::string, double, std::less<>> cache;
  {
    const std::lock_guard lock(mutex);
    if (const auto it = cache.find(schedule); it != cache.end()) {
      return it->second;
    }
  }
  PAVE_TRY_ASSIGN(const double n, count(schedule));
  const std::lock_guard lock(mutex);
  if (cache.size() >= 4096) { // a project has a handful of schedules; bound it anyway
    cache.clear();
  }
  cache.emplace(std::string(schedule), n);
  return n;
}

} // namespace pave::cost
