#pragma once
/// The parts of Go's time package Sprig's date functions use: instants with
/// a location (UTC, Local from $TZ or /etc/localtime, or a TZif zone from
/// /usr/share/zoneinfo), Format and Parse with Go reference-time layouts
/// ("2006-01-02 15:04:05"), Time.String, Duration parsing and printing.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pave::tmpl::sprig::gotime {

/// A time zone: fixed, or a TZif table of transitions.
class Location
{
public:
  struct Zone
  {
    std::string name;
    int offset = 0; ///< seconds east of UTC
  };
  /// Zone in effect at unix second `t`, and the [start, end) range it holds for.
  Zone lookup(std::int64_t t, std::int64_t* start = nullptr, std::int64_t* end = nullptr) const;
  /// The offset of abbreviation `name` near time t (Go's lookupName).
  std::optional<int> lookup_name(std::string_view name, std::int64_t t) const;
  const std::string& name() const { return m_name; }

  static std::shared_ptr<const Location> utc();
  /// Go's Local: $TZ ("" = UTC) or /etc/localtime, named "Local".
  static std::shared_ptr<const Location> local();
  static std::shared_ptr<const Location> fixed(std::string name, int offset);
  /// time.LoadLocation: "", "UTC", "Local", or an IANA name; nullptr when unknown.
  static std::shared_ptr<const Location> load(std::string_view name);

private:
  static std::shared_ptr<Location> from_tzif(std::string name, std::string_view data);

  std::string m_name;
  std::vector<Zone> m_zones;
  std::vector<std::int64_t> m_when;     ///< transition times
  std::vector<std::uint8_t> m_index;    ///< zone index per transition
  int m_initial = 0;                    ///< zone before the first transition
};

using LocationPtr = std::shared_ptr<const Location>;

/// An instant and the location it is shown in.
struct Time
{
  std::int64_t sec = -62135596800; ///< unix seconds (default: Go's zero time)
  std::int32_t nsec = 0;
  LocationPtr loc;                 ///< nullptr = UTC
  std::optional<std::int64_t> mono; ///< monotonic reading (ns since process start), from now()

  bool is_zero() const { return sec == -62135596800 && nsec == 0; }
};

/// time.Now() in Local, with a monotonic reading.
Time now();
/// time.Unix(sec, 0) in Local.
Time unix(std::int64_t sec);

/// Civil fields of t in its location.
struct Civil
{
  std::int64_t year;
  int month, day, hour, minute, second, weekday, yearday;
  int offset;
  std::string zone;
};
Civil civil(const Time& t);

/// t.Format(layout).
std::string format(const Time& t, std::string_view layout);
/// t.String(): "2006-01-02 15:04:05.999999999 -0700 MST" plus " m=+0.001" when monotonic.
std::string to_string(const Time& t);
/// time.ParseInLocation(layout, value, loc); on failure nullopt and Go's error text.
std::optional<Time> parse(std::string_view layout, std::string_view value, const LocationPtr& loc, std::string& error);
/// time.Date(...) in loc, normalizing out-of-range fields like Go.
Time date(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t min,
          std::int64_t sec, std::int64_t nsec, const LocationPtr& loc);
/// t.Add(d) for nanoseconds d.
Time add(const Time& t, std::int64_t d);
/// t.Sub(u) in nanoseconds (saturating).
std::int64_t sub(const Time& t, const Time& u);

/// time.ParseDuration; nullopt and Go's error text on failure.
std::optional<std::int64_t> parse_duration(std::string_view s, std::string& error);
/// Duration.String().
std::string duration_string(std::int64_t d);
/// Duration.Round(m).
std::int64_t duration_round(std::int64_t d, std::int64_t m);

extern const char* const k_month_names[12];
extern const char* const k_day_names[7];

} // namespace pave::tmpl::sprig::gotime
