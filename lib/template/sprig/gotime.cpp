// A port of the pieces of Go's time package (Go 1.19 src/time/format.go,
// zoneinfo.go, time.go) that Sprig's date functions reach.
#include <pave/template/sprig/gotime.hpp>
#include <pave/template/sprig/gotime_detail.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig::gotime {

const char* const k_month_names[12] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
const char* const k_day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

namespace detail {

constexpr std::int64_t k_ns = 1000000000;

std::int64_t floor_div(std::int64_t a, std::int64_t b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant).
std::int64_t days_from_civil(std::int64_t y, int m, int d)
{
  y -= m <= 2 ? 1 : 0;
  std::int64_t era = floor_div(y, 400);
  auto yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d)
{
  z += 719468;
  std::int64_t era = floor_div(z, 146097);
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2 ? 1 : 0;
}

bool is_leap(std::int64_t y)
{
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

void append_int(std::string& b, std::int64_t x, int width)
{
  if (x < 0) {
    b.push_back('-');
    x = -x;
  }
  std::string digits = std::to_string(x);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) {
    b.push_back('0');
  }
  b += digits;
}

} // namespace detail

using namespace detail;

namespace {

const std::chrono::steady_clock::time_point g_start = std::chrono::steady_clock::now();

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::int64_t be(std::string_view d, std::size_t off, int bytes)
{
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v = (v << 8) | static_cast<unsigned char>(d[off + static_cast<std::size_t>(i)]);
  }
  if (bytes == 4) {
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  }
  return static_cast<std::int64_t>(v);
}

} // namespace


// --- Location ------------------------------------------------------------------

Location::Zone Location::lookup(std::int64_t t, std::int64_t* start, std::int64_t* end) const
{
  constexpr std::int64_t k_alpha = INT64_MIN;
  constexpr std::int64_t k_omega = INT64_MAX;
  if (m_zones.empty()) {
    if (start != nullptr) {
      *start = k_alpha;
      *end = k_omega;
    }
    return {"UTC", 0};
  }
  if (m_when.empty() || t < m_when[0]) {
    if (start != nullptr) {
      *start = k_alpha;
      *end = m_when.empty() ? k_omega : m_when[0];
    }
    return m_zones[static_cast<std::size_t>(m_initial)];
  }
  auto it = std::upper_bound(m_when.begin(), m_when.end(), t);
  std::size_t i = static_cast<std::size_t>(it - m_when.begin()) - 1;
  if (start != nullptr) {
    *start = m_when[i];
    *end = i + 1 < m_when.size() ? m_when[i + 1] : k_omega;
  }
  return m_zones[m_index[i]];
}

std::optional<int> Location::lookup_name(std::string_view name, std::int64_t t) const
{
  for (const auto& z : m_zones) {
    if (z.name == name) {
      Zone at = lookup(t - z.offset);
      if (at.name == z.name) {
        return at.offset;
      }
    }
  }
  for (const auto& z : m_zones) {
    if (z.name == name) {
      return z.offset;
    }
  }
  if (m_zones.empty() && name == "UTC") {
    return 0;
  }
  return std::nullopt;
}

std::shared_ptr<const Location> Location::utc()
{
  static const auto loc = [] {
    auto l = std::make_shared<Location>();
    l->m_name = "UTC";
    return l;
  }();
  return loc;
}

std::shared_ptr<const Location> Location::fixed(std::string name, int offset)
{
  auto l = std::make_shared<Location>();
  l->m_name = name;
  l->m_zones.push_back({std::move(name), offset});
  return l;
}

std::shared_ptr<Location> Location::from_tzif(std::string name, std::string_view d)
{
  if (d.size() < 44 || d.substr(0, 4) != "TZif") {
    return nullptr;
  }
  auto counts = [&](std::size_t base, std::int64_t c[6]) {
    for (int i = 0; i < 6; ++i) {
      c[i] = be(d, base + 20 + static_cast<std::size_t>(i) * 4, 4);
    }
  };
  std::int64_t c[6]; // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  std::size_t off = 44;
  int tsize = 4;
  if (d[4] >= '2') {
    // Skip the v1 block and use the 64-bit one.
    off += static_cast<std::size_t>(c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
    if (d.size() < off + 44) {
      return nullptr;
    }
    counts(off, c);
    off += 44;
    tsize = 8;
  }
  auto l = std::make_shared<Location>();
  l->m_name = std::move(name);
  std::size_t need = off + static_cast<std::size_t>(c[3] * tsize + c[3] + c[4] * 6 + c[5]);
  if (d.size() < need) {
    return nullptr;
  }
  for (std::int64_t i = 0; i < c[3]; ++i) {
    l->m_when.push_back(be(d, off + static_cast<std::size_t>(i * tsize), tsize));
  }
  off += static_cast<std::size_t>(c[3] * tsize);
  for (std::int64_t i = 0; i < c[3]; ++i) {
    l->m_index.push_back(static_cast<std::uint8_t>(d[off + static_cast<std::size_t>(i)]));
  }
  off += static_cast<std::size_t>(c[3]);
  std::size_t types = off;
  off += static_cast<std::size_t>(c[4] * 6);
  std::string_view chars = d.substr(off, static_cast<std::size_t>(c[5]));
  bool found_std = false;
  for (std::int64_t i = 0; i < c[4]; ++i) {
    std::size_t p = types + static_cast<std::size_t>(i * 6);
    int utoff = static_cast<int>(be(d, p, 4));
    bool dst = d[p + 4] != 0;
    auto idx = static_cast<unsigned char>(d[p + 5]);
    std::string abbr;
    if (idx < chars.size()) {
      abbr = std::string(chars.substr(idx, chars.find('\0', idx) - idx));
    }
    l->m_zones.push_back({abbr, utoff});
    if (!dst && !found_std) {
      l->m_initial = static_cast<int>(i);
      found_std = true;
    }
  }
  if (l->m_zones.empty()) {
    return nullptr;
  }
  return l;
}

std::shared_ptr<const Location> Location::local()
{
  static const std::shared_ptr<const Location> loc = []() -> std::shared_ptr<const Location> {
    const char* tz = std::getenv("TZ");
    std::shared_ptr<Location> l;
    if (tz != nullptr) {
      std::string name = tz;
      if (!name.empty() && name[0] == ':') {
        name.erase(0, 1);
      }
      if (name.empty() || name == "UTC") {
        l = std::make_shared<Location>();
      } else {
        l = from_tzif("Local", read_file(name[0] == '/' ? name : "/usr/share/zoneinfo/" + name));
      }
    } else {
      l = from_tzif("Local", read_file("/etc/localtime"));
    }
    if (!l) {
      l = std::make_shared<Location>();
      l->m_zones.push_back({"UTC", 0});
    }
    l->m_name = "Local";
    return l;
  }();
  return loc;
}

std::shared_ptr<const Location> Location::load(std::string_view name)
{
  if (name.empty() || name == "UTC") {
    return utc();
  }
  if (name == "Local") {
    return local();
  }
  // Go rejects names that could escape the zoneinfo directory.
  if (name.find("..") != std::string_view::npos || name[0] == '/' || name.find('\\') != std::string_view::npos) {
    return nullptr;
  }
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Location>> cache;
  std::lock_guard lock(mutex);
  std::string key(name);
  if (auto it = cache.find(key); it != cache.end()) {
    return it->second;
  }
  std::shared_ptr<const Location> l = from_tzif(key, read_file("/usr/share/zoneinfo/" + key));
  cache.emplace(key, l);
  return l;
}

// --- Time ------------------------------------------------------------------------

Time now()
{
  auto sys = std::chrono::system_clock::now().time_since_epoch();
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(sys).count();
  Time t;
  t.sec = floor_div(ns, k_ns);
  t.nsec = static_cast<std::int32_t>(ns - t.sec * k_ns);
  t.loc = Location::local();
  t.mono = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - g_start).count() + 1;
  return t;
}

Time unix(std::int64_t sec)
{
  Time t;
  t.sec = sec;
  t.loc = Location::local();
  return t;
}

Civil civil(const Time& t)
{
  const Location& loc = t.loc ? *t.loc : *Location::utc();
  Location::Zone z = loc.lookup(t.sec);
  std::int64_t local = t.sec + z.offset;
  std::int64_t days = floor_div(local, 86400);
  std::int64_t secs = local - days * 86400;
  Civil c{};
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs % 3600 / 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
  c.yearday = static_cast<int>(days - days_from_civil(c.year, 1, 1)) + 1;
  c.offset = z.offset;
  c.zone = z.name;
  return c;
}

Time date(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t min,
          std::int64_t sec, std::int64_t nsec, const LocationPtr& loc)
{
  auto norm = [](std::int64_t& hi, std::int64_t& lo, std::int64_t base) {
    if (lo < 0) {
      std::int64_t n = (-lo - 1) / base + 1;
      hi -= n;
      lo += n * base;
    }
    if (lo >= base) {
      std::int64_t n = lo / base;
      hi += n;
      lo -= n * base;
    }
  };
  std::int64_t m = month - 1;
  norm(year, m, 12);
  norm(sec, nsec, k_ns);
  norm(min, sec, 60);
  norm(hour, min, 60);
  norm(day, hour, 24);
  std::int64_t days = days_from_civil(year, static_cast<int>(m + 1), 1) + day - 1;
  std::int64_t unix_sec = days * 86400 + hour * 3600 + min * 60 + sec;
  const Location& l = loc ? *loc : *Location::utc();
  std::int64_t start = 0;
  std::int64_t end = 0;
  int offset = l.lookup(unix_sec, &start, &end).offset;
  if (offset != 0) {
    std::int64_t utc = unix_sec - offset;
    if (utc < start || utc >= end) {
      offset = l.lookup(utc).offset;
    }
    unix_sec -= offset;
  }
  Time t;
  t.sec = unix_sec;
  t.nsec = static_cast<std::int32_t>(nsec);
  t.loc = loc;
  return t;
}

Time add(const Time& t, std::int64_t d)
{
  Time r = t;
  std::int64_t dsec = d / k_ns;
  std::int64_t nsec = t.nsec + d % k_ns;
  if (nsec >= k_ns) {
    ++dsec;
    nsec -= k_ns;
  } else if (nsec < 0) {
    --dsec;
    nsec += k_ns;
  }
  r.sec = t.sec + dsec;
  r.nsec = static_cast<std::int32_t>(nsec);
  if (r.mono) {
    *r.mono += d;
  }
  return r;
}

std::int64_t sub(const Time& t, const Time& u)
{
  if (t.mono && u.mono) {
    return *t.mono - *u.mono;
  }
  std::int64_t secs = 0;
  std::int64_t ns = 0;
  if (__builtin_sub_overflow(t.sec, u.sec, &secs) || __builtin_mul_overflow(secs, k_ns, &ns)
      || __builtin_add_overflow(ns, static_cast<std::int64_t>(t.nsec - u.nsec), &ns)) {
    return t.sec > u.sec ? INT64_MAX : INT64_MIN;
  }
  return ns;
}

} // namespace pave::tmpl::sprig::gotime
