// Go's time.Format and Time.String (Go 1.19 src/time/format.go).
#include <pave/template/sprig/gotime.hpp>
#include <pave/template/sprig/gotime_detail.hpp>

#include <algorithm>

#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig::gotime {

using namespace detail;

// --- Layouts ---------------------------------------------------------------------

namespace {

bool starts(std::string_view s, std::size_t i, std::string_view p)
{
  return s.substr(i, p.size()) == p;
}

} // namespace

Chunk detail::next_std_chunk(std::string_view layout)
{
  for (std::size_t i = 0; i < layout.size(); ++i) {
    auto hit = [&](std::size_t len, Std s) {
      return Chunk{layout.substr(0, i), s, 0, '.', layout.substr(i + len)};
    };
    char c = layout[i];
    switch (c) {
    case 'J':
      if (starts(layout, i, "Jan")) {
        return starts(layout, i, "January") ? hit(7, Std::long_month) : hit(3, Std::month);
      }
      break;
    case 'M':
      if (starts(layout, i, "Mon")) {
        return starts(layout, i, "Monday") ? hit(6, Std::long_week_day) : hit(3, Std::week_day);
      }
      if (starts(layout, i, "MST")) {
        return hit(3, Std::tz);
      }
      break;
    case '0':
      if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
        static const Std k_std0x[] = {Std::zero_month, Std::zero_day,    Std::zero_hour12,
                                      Std::zero_minute, Std::zero_second, Std::year};
        return hit(2, k_std0x[layout[i + 1] - '1']);
      }
      if (starts(layout, i, "002")) {
        return hit(3, Std::zero_year_day);
      }
      break;
    case '1':
      if (starts(layout, i, "15")) {
        return hit(2, Std::hour);
      }
      return hit(1, Std::num_month);
    case '2':
      if (starts(layout, i, "2006")) {
        return hit(4, Std::long_year);
      }
      return hit(1, Std::day);
    case '_':
      if (starts(layout, i, "_2")) {
        if (starts(layout, i + 1, "2006")) {
          return Chunk{layout.substr(0, i + 1), Std::long_year, 0, '.', layout.substr(i + 5)};
        }
        return hit(2, Std::under_day);
      }
      if (starts(layout, i, "__2")) {
        return hit(3, Std::under_year_day);
      }
      break;
    case '3': return hit(1, Std::hour12);
    case '4': return hit(1, Std::minute);
    case '5': return hit(1, Std::second);
    case 'P':
      if (starts(layout, i, "PM")) {
        return hit(2, Std::pm_upper);
      }
      break;
    case 'p':
      if (starts(layout, i, "pm")) {
        return hit(2, Std::pm_lower);
      }
      break;
    case '-':
      if (starts(layout, i, "-070000")) {
        return hit(7, Std::num_seconds_tz);
      }
      if (starts(layout, i, "-07:00:00")) {
        return hit(9, Std::num_colon_seconds_tz);
      }
      if (starts(layout, i, "-0700")) {
        return hit(5, Std::num_tz);
      }
      if (starts(layout, i, "-07:00")) {
        return hit(6, Std::num_colon_tz);
      }
      if (starts(layout, i, "-07")) {
        return hit(3, Std::num_short_tz);
      }
      break;
    case 'Z':
      if (starts(layout, i, "Z070000")) {
        return hit(7, Std::iso_seconds_tz);
      }
      if (starts(layout, i, "Z07:00:00")) {
        return hit(9, Std::iso_colon_seconds_tz);
      }
      if (starts(layout, i, "Z0700")) {
        return hit(5, Std::iso_tz);
      }
      if (starts(layout, i, "Z07:00")) {
        return hit(6, Std::iso_colon_tz);
      }
      if (starts(layout, i, "Z07")) {
        return hit(3, Std::iso_short_tz);
      }
      break;
    case '.':
    case ',':
      if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
        char ch = layout[i + 1];
        std::size_t j = i + 1;
        while (j < layout.size() && layout[j] == ch) {
          ++j;
        }
        if (!(j < layout.size() && layout[j] >= '0' && layout[j] <= '9')) {
          Chunk k{layout.substr(0, i), ch == '0' ? Std::frac0 : Std::frac9, static_cast<int>(j - (i + 1)), c,
                  layout.substr(j)};
          return k;
        }
      }
      break;
    default: break;
    }
  }
  return Chunk{layout, Std::none, 0, '.', {}};
}

namespace {

void append_zone(std::string& b, int offset, Std s)
{
  bool iso = s == Std::iso_tz || s == Std::iso_seconds_tz || s == Std::iso_short_tz || s == Std::iso_colon_tz
             || s == Std::iso_colon_seconds_tz;
  if (iso && offset == 0) {
    b.push_back('Z');
    return;
  }
  int zone = offset / 60;
  int abs_offset = offset;
  if (zone < 0) {
    b.push_back('-');
    zone = -zone;
    abs_offset = -abs_offset;
  } else {
    b.push_back('+');
  }
  append_int(b, zone / 60, 2);
  if (s == Std::iso_colon_tz || s == Std::num_colon_tz || s == Std::iso_colon_seconds_tz
      || s == Std::num_colon_seconds_tz) {
    b.push_back(':');
  }
  if (s != Std::num_short_tz && s != Std::iso_short_tz) {
    append_int(b, zone % 60, 2);
  }
  if (s == Std::iso_seconds_tz || s == Std::num_seconds_tz || s == Std::num_colon_seconds_tz
      || s == Std::iso_colon_seconds_tz) {
    if (s == Std::num_colon_seconds_tz || s == Std::iso_colon_seconds_tz) {
      b.push_back(':');
    }
    append_int(b, abs_offset % 60, 2);
  }
}

} // namespace

std::string format(const Time& t, std::string_view layout)
{
  Civil c = civil(t);
  std::string b;
  while (!layout.empty()) {
    Chunk k = next_std_chunk(layout);
    b.append(k.prefix);
    if (k.std == Std::none) {
      break;
    }
    layout = k.suffix;
    switch (k.std) {
    case Std::year: append_int(b, ((c.year % 100) + 100) % 100, 2); break;
    case Std::long_year: append_int(b, c.year, 4); break;
    case Std::month: b.append(k_month_names[c.month - 1], 3); break;
    case Std::long_month: b += k_month_names[c.month - 1]; break;
    case Std::num_month: append_int(b, c.month, 0); break;
    case Std::zero_month: append_int(b, c.month, 2); break;
    case Std::week_day: b.append(k_day_names[c.weekday], 3); break;
    case Std::long_week_day: b += k_day_names[c.weekday]; break;
    case Std::day: append_int(b, c.day, 0); break;
    case Std::under_day:
      if (c.day < 10) {
        b.push_back(' ');
      }
      append_int(b, c.day, 0);
      break;
    case Std::zero_day: append_int(b, c.day, 2); break;
    case Std::under_year_day:
      if (c.yearday < 100) {
        b.push_back(' ');
        if (c.yearday < 10) {
          b.push_back(' ');
        }
      }
      append_int(b, c.yearday, 0);
      break;
    case Std::zero_year_day: append_int(b, c.yearday, 3); break;
    case Std::hour: append_int(b, c.hour, 2); break;
    case Std::hour12: append_int(b, c.hour % 12 == 0 ? 12 : c.hour % 12, 0); break;
    case Std::zero_hour12: append_int(b, c.hour % 12 == 0 ? 12 : c.hour % 12, 2); break;
    case Std::minute: append_int(b, c.minute, 0); break;
    case Std::zero_minute: append_int(b, c.minute, 2); break;
    case Std::second: append_int(b, c.second, 0); break;
    case Std::zero_second: append_int(b, c.second, 2); break;
    case Std::pm_upper: b += c.hour >= 12 ? "PM" : "AM"; break;
    case Std::pm_lower: b += c.hour >= 12 ? "pm" : "am"; break;
    case Std::tz:
      if (!c.zone.empty()) {
        b += c.zone;
      } else {
        append_zone(b, c.offset, Std::num_tz);
      }
      break;
    case Std::frac0:
    case Std::frac9: {
      std::string digits = std::to_string(t.nsec);
      digits.insert(0, 9 - digits.size(), '0');
      digits.resize(static_cast<std::size_t>(std::min(k.frac_digits, 9)));
      if (k.std == Std::frac9) {
        while (!digits.empty() && digits.back() == '0') {
          digits.pop_back();
        }
        if (digits.empty()) {
          break;
        }
      }
      b.push_back(k.frac_sep);
      b += digits;
      break;
    }
    default: append_zone(b, c.offset, k.std); break;
    }
  }
  return b;
}

std::string to_string(const Time& t)
{
  std::string s = format(t, "2006-01-02 15:04:05.999999999 -0700 MST");
  if (t.mono) {
    std::int64_t m = *t.mono;
    s += " m=";
    s.push_back(m < 0 ? '-' : '+');
    std::uint64_t u = m < 0 ? static_cast<std::uint64_t>(-m) : static_cast<std::uint64_t>(m);
    s += std::to_string(u / 1000000000);
    std::string frac = std::to_string(u % 1000000000);
    s.push_back('.');
    s.append(9 - frac.size(), '0');
    s += frac;
  }
  return s;
}

} // namespace pave::tmpl::sprig::gotime
