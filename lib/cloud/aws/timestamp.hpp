#pragma once
/// Timestamps as AWS APIs write them.
#include <chrono>
#include <optional>
#include <string_view>

namespace pave::cloud::aws {

/// ISO 8601 / RFC 3339 in UTC or with an offset: "2011-07-15T23:28:33.359Z",
/// "2017-05-17T15:09:54Z", "2024-01-01T00:00:00+01:00"; also epoch seconds
/// ("1700000000" or "1700000000.5"). nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s);

} // namespace pave::cloud::aws
