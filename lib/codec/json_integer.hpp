#pragma once
/// Whole numbers out of nlohmann::json documents, never by converting a float
/// or an out-of-range value (json::get<int>() on 1e300 is undefined behaviour).
#include <cstdint>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

namespace pave::codec {

/// The bound for seconds since 1970 read from JSON (about the year 8800):
/// converting more to a system_clock time point would overflow its nanoseconds.
inline constexpr std::int64_t k_max_epoch_seconds = std::int64_t{INT32_MAX} * 100;

/// v as an integer within [lo, hi]; nullopt for a float, a non-number or a
/// value out of range.
std::optional<std::int64_t> json_integer(const nlohmann::json& v,
                                         std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                                         std::int64_t hi = std::numeric_limits<std::int64_t>::max());

/// obj[key] as an integer within [lo, hi]. Throws nlohmann's out_of_range when
/// the key is missing and type_error ("KEY must be an integer from LO to HI")
/// otherwise, so readers that catch json::exception report it like any other
/// malformed field.
std::int64_t json_integer_at(const nlohmann::json& obj, const char* key,
                             std::int64_t lo = std::numeric_limits<std::int64_t>::min(),
                             std::int64_t hi = std::numeric_limits<std::int64_t>::max());

} // namespace pave::codec
