#pragma once
/// Internals shared by gotime*.cpp: civil-date arithmetic and Go's layout
/// tokenizer (nextStdChunk). Not part of the public interface.
#include <cstdint>
#include <string>
#include <string_view>

namespace pave::tmpl::sprig::gotime::detail {

std::int64_t floor_div(std::int64_t a, std::int64_t b);
/// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, int m, int d);
void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d);
bool is_leap(std::int64_t y);
/// Appends x zero-padded to `width` digits (after a '-' for negatives).
void append_int(std::string& b, std::int64_t x, int width);

/// Go's layout elements (stdLongMonth ...).
enum class Std {
  none, month, long_month, num_month, zero_month, week_day, long_week_day, day, under_day, zero_day,
  under_year_day, zero_year_day, hour, hour12, zero_hour12, minute, zero_minute, second, zero_second,
  long_year, year, pm_upper, pm_lower, tz, iso_tz, iso_seconds_tz, iso_short_tz, iso_colon_tz,
  iso_colon_seconds_tz, num_tz, num_seconds_tz, num_short_tz, num_colon_tz, num_colon_seconds_tz,
  frac0, frac9,
};

/// One step of nextStdChunk: literal prefix, element, rest of the layout.
struct Chunk
{
  std::string_view prefix;
  Std std = Std::none;
  int frac_digits = 0;
  char frac_sep = '.';
  std::string_view suffix;
};

/// Go's nextStdChunk.
Chunk next_std_chunk(std::string_view layout);

} // namespace pave::tmpl::sprig::gotime::detail
