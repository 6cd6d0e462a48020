#pragma once
/// Durations as Go and Terraform write them: "250ms", "30s", "5m", "1h30m", "0".
#include <chrono>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::util {

/// Parses a sequence of NUMBER UNIT pairs (units ms, s, m, h; "0" alone is
/// allowed). Error: "invalid duration \"5x\" (use e.g. 30s, 5m, 1h30m)".
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

} // namespace pave::util
