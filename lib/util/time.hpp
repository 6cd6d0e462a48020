#pragma once
/// Wall-clock helpers: RFC 3339 timestamps and Go-style durations ("30s",
/// "1m30s", "500ms") as used by settings such as `lock_timeout`.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::util {

/// "2024-05-01T12:00:00Z": the instant in UTC, second precision.
std::string rfc3339_utc(std::chrono::system_clock::time_point t);

/// RFC 3339 ("2024-05-01T10:00:00Z", "...T10:00:00.5+02:00"); nullopt when
/// malformed or outside the years 1700..2200. Fractional seconds are ignored.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

/// rfc3339_utc of the current time.
std::string now_rfc3339();

/// Parses a non-negative duration: a sequence of NUMBER UNIT with units
/// ms, s, m, h ("0", "0s", "5s", "1m30s", "250ms"). A bare "0" is allowed.
/// Error: "invalid duration "X": use a number with a unit, e.g. 30s, 2m, 500ms".
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

/// A short human form of a duration: "500ms", "5s", "2m30s".
std::string format_duration(std::chrono::milliseconds d);

} // namespace pave::util
