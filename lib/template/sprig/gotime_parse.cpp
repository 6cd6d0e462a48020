// Go's time.Parse / ParseInLocation (Go 1.19 src/time/format.go).
#include <pave/template/sprig/gotime.hpp>
#include <pave/template/sprig/gotime_detail.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig::gotime {

using namespace detail;

// --- Parse -----------------------------------------------------------------------

namespace {

/// Go's getnum: 1 or 2 digits (exactly 2 when fixed).
bool getnum(std::string_view& s, bool fixed, int& out)
{
  if (s.empty() || s[0] < '0' || s[0] > '9') {
    return false;
  }
  if (s.size() < 2 || s[1] < '0' || s[1] > '9') {
    if (fixed) {
      return false;
    }
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool getnum3(std::string_view& s, bool fixed, int& out)
{
  int n = 0;
  std::size_t i = 0;
  for (; i < 3 && i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    n = n * 10 + (s[i] - '0');
  }
  if (i == 0 || (fixed && i != 3)) {
    return false;
  }
  out = n;
  s.remove_prefix(i);
  return true;
}

bool lookup_name(std::string_view& s, const char* const* names, int count, int len, int& out)
{
  for (int i = 0; i < count; ++i) {
    std::string_view n = names[i];
    if (len > 0) {
      n = n.substr(0, static_cast<std::size_t>(len));
    }
    if (s.size() >= n.size()) {
      bool eq = true;
      for (std::size_t k = 0; k < n.size() && eq; ++k) {
        eq = (s[k] | 0x20) == (n[k] | 0x20);
      }
      if (eq) {
        s.remove_prefix(n.size());
        out = i;
        return true;
      }
    }
  }
  return false;
}

/// Go's parseTimeZone: the length of a zone abbreviation at the start of s, or 0.
std::size_t parse_time_zone(std::string_view s)
{
  if (s.size() < 3) {
    return 0;
  }
  if (s.size() >= 4 && (s.substr(0, 4) == "ChST" || s.substr(0, 4) == "MeST")) {
    return 4;
  }
  if (s.substr(0, 3) == "GMT") {
    std::size_t n = 3;
    if (s.size() > 3 && (s[3] == '+' || s[3] == '-')) {
      std::size_t i = 4;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        ++i;
      }
      if (i == 4) {
        return 3;
      }
      n = i;
    }
    return n;
  }
  if (s[0] == '+' || s[0] == '-') {
    std::size_t i = 1;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9'))) {
      ++i;
    }
    return i == 3 || i == 5 ? i : 0;
  }
  std::size_t n = 0;
  while (n < s.size() && s[n] >= 'A' && s[n] <= 'Z') {
    ++n;
  }
  switch (n) {
  case 0:
  case 1:
  case 2:
  case 6: return 0;
  case 5:
    if (s[4] == 'T') {
      return 5;
    }
    return 0;
  case 4:
    if (s[3] == 'T' || s.substr(0, 4) == "WITA") {
      return 4;
    }
    return 0;
  case 3: return 3;
  default: return 0;
  }
}

} // namespace

std::optional<Time> parse(std::string_view layout0, std::string_view value0, const LocationPtr& loc, std::string& error)
{
  std::string_view layout = layout0;
  std::string_view value = value0;
  auto quote = [](std::string_view s) { return go::quote(s); };
  auto fail_at = [&](std::string_view elem, std::string_view rest, const std::string& msg = "") {
    error = "parsing time " + quote(value0) + " as " + quote(layout0) + ": cannot parse " + quote(rest) + " as "
            + quote(elem) + msg;
    return std::nullopt;
  };
  bool pm_set = false;
  bool am_set = false;
  std::int64_t year = 0;
  int month = -1;
  int day = -1;
  int yday = -1;
  int hour = 0;
  int min = 0;
  int sec = 0;
  int nsec = 0;
  bool z = false;
  int zone_offset = -1;
  std::string zone_name;
  std::string range_err;
  while (true) {
    Chunk k = next_std_chunk(layout);
    std::string_view std_str = layout.substr(k.prefix.size(), layout.size() - k.prefix.size() - k.suffix.size());
    // Skip the literal prefix (Go's skip: spaces match any run of spaces).
    {
      std::string_view p = k.prefix;
      std::string_view v = value;
      while (!p.empty()) {
        if (p[0] == ' ') {
          if (!v.empty() && v[0] != ' ') {
            return fail_at(k.prefix, value);
          }
          while (!p.empty() && p[0] == ' ') {
            p.remove_prefix(1);
          }
          while (!v.empty() && v[0] == ' ') {
            v.remove_prefix(1);
          }
          continue;
        }
        if (v.empty() || v[0] != p[0]) {
          return fail_at(k.prefix, value);
        }
        p.remove_prefix(1);
        v.remove_prefix(1);
      }
      value = v;
    }
    if (k.std == Std::none) {
      if (!value.empty()) {
        error = "parsing time " + quote(value0) + ": extra text: " + quote(value);
        return std::nullopt;
      }
      break;
    }
    layout = k.suffix;
    std::string_view hold = value;
    bool ok = true;
    switch (k.std) {
    case Std::year: {
      if (value.size() < 2) {
        ok = false;
        break;
      }
      int y = 0;
      ok = getnum(value, true, y);
      year = y >= 69 ? y + 1900 : y + 2000;
      break;
    }
    case Std::long_year: {
      if (value.size() < 4 || !(value[0] >= '0' && value[0] <= '9')) {
        ok = false;
        break;
      }
      std::int64_t y = 0;
      for (int i = 0; i < 4; ++i) {
        if (value[static_cast<std::size_t>(i)] < '0' || value[static_cast<std::size_t>(i)] > '9') {
          ok = false;
        }
        y = y * 10 + (value[static_cast<std::size_t>(i)] - '0');
      }
      value.remove_prefix(4);
      year = y;
      break;
    }
    case Std::month:
      ok = lookup_name(value, k_month_names, 12, 3, month);
      month += 1;
      break;
    case Std::long_month:
      ok = lookup_name(value, k_month_names, 12, 0, month);
      month += 1;
      break;
    case Std::num_month:
    case Std::zero_month:
      ok = getnum(value, k.std == Std::zero_month, month);
      if (ok && (month <= 0 || month > 12)) {
        range_err = "month";
      }
      break;
    case Std::week_day: {
      int wd = 0;
      ok = lookup_name(value, k_day_names, 7, 3, wd);
      break;
    }
    case Std::long_week_day: {
      int wd = 0;
      ok = lookup_name(value, k_day_names, 7, 0, wd);
      break;
    }
    case Std::day:
    case Std::under_day:
    case Std::zero_day:
      if (k.std == Std::under_day && !value.empty() && value[0] == ' ') {
        value.remove_prefix(1);
      }
      ok = getnum(value, k.std == Std::zero_day, day);
      break;
    case Std::under_year_day:
    case Std::zero_year_day:
      for (int i = 0; i < 2 && k.std == Std::under_year_day && !value.empty() && value[0] == ' '; ++i) {
        value.remove_prefix(1);
      }
      ok = getnum3(value, k.std == Std::zero_year_day, yday);
      break;
    case Std::hour:
      ok = getnum(value, false, hour);
      if (hour < 0 || hour >= 24) {
        range_err = "hour";
      }
      break;
    case Std::hour12:
    case Std::zero_hour12:
      ok = getnum(value, k.std == Std::zero_hour12, hour);
      if (hour < 0 || hour > 12) {
        range_err = "hour";
      }
      break;
    case Std::minute:
    case Std::zero_minute:
      ok = getnum(value, k.std == Std::zero_minute, min);
      if (min < 0 || min >= 60) {
        range_err = "minute";
      }
      break;
    case Std::second:
    case Std::zero_second: {
      ok = getnum(value, k.std == Std::zero_second, sec);
      if (sec < 0 || sec >= 60) {
        range_err = "second";
        break;
      }
      // Fractional seconds may follow even when the layout has none.
      if (ok && value.size() >= 2 && (value[0] == '.' || value[0] == ',') && value[1] >= '0' && value[1] <= '9') {
        Chunk next = next_std_chunk(layout);
        if (next.std == Std::frac0 || next.std == Std::frac9) {
          break;
        }
        std::size_t n = 2;
        while (n < value.size() && value[n] >= '0' && value[n] <= '9') {
          ++n;
        }
        std::string digits(value.substr(1, n - 1));
        digits.resize(9, '0');
        nsec = std::stoi(digits.substr(0, 9));
        value.remove_prefix(n);
      }
      break;
    }
    case Std::pm_upper:
    case Std::pm_lower: {
      if (value.size() < 2) {
        ok = false;
        break;
      }
      std::string_view p = value.substr(0, 2);
      if (p == (k.std == Std::pm_upper ? "PM" : "pm")) {
        pm_set = true;
      } else if (p == (k.std == Std::pm_upper ? "AM" : "am")) {
        am_set = true;
      } else {
        ok = false;
      }
      value.remove_prefix(2);
      break;
    }
    case Std::frac0:
    case Std::frac9: {
      if (k.std == Std::frac0) {
        std::size_t ndigit = 1 + static_cast<std::size_t>(k.frac_digits);
        if (value.size() < ndigit) {
          ok = false;
          break;
        }
        std::string digits(value.substr(1, ndigit - 1));
        for (char ch : digits) {
          ok = ok && ch >= '0' && ch <= '9';
        }
        if (!ok || (value[0] != '.' && value[0] != ',')) {
          ok = false;
          break;
        }
        digits.resize(9, '0');
        nsec = std::stoi(digits.substr(0, 9));
        value.remove_prefix(ndigit);
      } else {
        if (value.size() < 2 || (value[0] != '.' && value[0] != ',') || value[1] < '0' || value[1] > '9') {
          break; // fractional second omitted
        }
        std::size_t i = 1;
        while (i < 10 && i < value.size() && value[i] >= '0' && value[i] <= '9') {
          ++i;
        }
        std::string digits(value.substr(1, i - 1));
        digits.resize(9, '0');
        nsec = std::stoi(digits);
        value.remove_prefix(i);
      }
      break;
    }
    case Std::tz: {
      if (value.size() >= 3 && value.substr(0, 3) == "UTC") {
        z = true;
        value.remove_prefix(3);
        break;
      }
      std::size_t n = parse_time_zone(value);
      if (n == 0) {
        ok = false;
        break;
      }
      zone_name = std::string(value.substr(0, n));
      value.remove_prefix(n);
      break;
    }
    default: {
      // Numeric and ISO 8601 zone offsets.
      bool iso = k.std == Std::iso_tz || k.std == Std::iso_short_tz || k.std == Std::iso_colon_tz
                 || k.std == Std::iso_seconds_tz || k.std == Std::iso_colon_seconds_tz;
      if (iso && !value.empty() && value[0] == 'Z') {
        value.remove_prefix(1);
        z = true;
        break;
      }
      bool colon = k.std == Std::iso_colon_tz || k.std == Std::num_colon_tz || k.std == Std::iso_colon_seconds_tz
                   || k.std == Std::num_colon_seconds_tz;
      bool seconds = k.std == Std::iso_seconds_tz || k.std == Std::num_seconds_tz
                     || k.std == Std::iso_colon_seconds_tz || k.std == Std::num_colon_seconds_tz;
      bool short_tz = k.std == Std::iso_short_tz || k.std == Std::num_short_tz;
      std::size_t need = short_tz ? 3 : colon ? (seconds ? 9 : 6) : (seconds ? 7 : 5);
      if (value.size() < need || (value[0] != '+' && value[0] != '-')) {
        ok = false;
        break;
      }
      auto two = [&](std::size_t at, int& out) {
        if (value[at] < '0' || value[at] > '9' || value[at + 1] < '0' || value[at + 1] > '9') {
          return false;
        }
        out = (value[at] - '0') * 10 + (value[at + 1] - '0');
        return true;
      };
      int hh = 0;
      int mm = 0;
      int ss = 0;
      ok = two(1, hh);
      if (ok && !short_tz) {
        if (colon && value[3] != ':') {
          ok = false;
        } else {
          ok = two(colon ? 4 : 3, mm);
        }
        if (ok && seconds) {
          if (colon && value[6] != ':') {
            ok = false;
          } else {
            ok = two(colon ? 7 : 5, ss);
          }
        }
      }
      if (!ok) {
        break;
      }
      if (hh > 24 || mm > 60 || ss > 60) {
        range_err = "time zone offset";
      }
      zone_offset = (hh * 60 + mm) * 60 + ss;
      if (value[0] == '-') {
        zone_offset = -zone_offset;
      }
      value.remove_prefix(need);
      break;
    }
    }
    if (!range_err.empty()) {
      error = "parsing time " + quote(value0) + ": " + range_err + " out of range";
      return std::nullopt;
    }
    if (!ok) {
      return fail_at(std_str, hold);
    }
  }
  if (pm_set && hour < 12) {
    hour += 12;
  } else if (am_set && hour == 12) {
    hour = 0;
  }
  if (yday >= 0) {
    int m = 0;
    int d = 0;
    if (yday < 1 || yday > (is_leap(year) ? 366 : 365)) {
      error = "parsing time " + quote(value0) + ": day-of-year out of range";
      return std::nullopt;
    }
    std::int64_t y = 0;
    civil_from_days(days_from_civil(year, 1, 1) + yday - 1, y, m, d);
    if (month >= 0 && month != m) {
      error = "parsing time " + quote(value0) + ": day-of-year does not match month";
      return std::nullopt;
    }
    month = m;
    if (day >= 0 && day != d) {
      error = "parsing time " + quote(value0) + ": day-of-year does not match day";
      return std::nullopt;
    }
    day = d;
  } else {
    if (month < 0) {
      month = 1;
    }
    if (day < 0) {
      day = 1;
    }
  }
  static const int k_days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int dim = k_days_in[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
  if (day < 1 || day > dim) {
    error = "parsing time " + quote(value0) + ": day out of range";
    return std::nullopt;
  }
  if (z) {
    return date(year, month, day, hour, min, sec, nsec, Location::utc());
  }
  if (zone_offset != -1) {
    Time t = date(year, month, day, hour, min, sec, nsec, Location::utc());
    t.sec -= zone_offset;
    Location::Zone at = loc->lookup(t.sec);
    if (at.offset == zone_offset && (zone_name.empty() || at.name == zone_name)) {
      t.loc = loc;
      return t;
    }
    t.loc = Location::fixed(zone_name, zone_offset);
    return t;
  }
  if (!zone_name.empty()) {
    Time t = date(year, month, day, hour, min, sec, nsec, Location::utc());
    if (auto off = loc->lookup_name(zone_name, t.sec)) {
      t.sec -= *off;
      t.loc = loc;
      return t;
    }
    if (zone_name.size() > 3 && zone_name.substr(0, 3) == "GMT") {
      int off = std::atoi(zone_name.c_str() + 3) * 3600;
      t.sec -= off;
      t.loc = Location::fixed(zone_name, off);
      return t;
    }
    t.loc = Location::fixed(zone_name, 0);
    return t;
  }
  return date(year, month, day, hour, min, sec, nsec, loc);
}

} // namespace pave::tmpl::sprig::gotime
