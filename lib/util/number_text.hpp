#pragma once
/// Numbers appended to a string as fmt's "{:g}", "{:.Ng}" and "{:.Nf}" write
/// them (printf's %g and %f, C locale), without parsing a format string: for
/// text made once per line of a report of 100,000 resources.
#include <cstdint>
#include <string>

namespace pave::util {

/// Appends `v` as fmt::format("{:.{}g}", v, precision); fmt's "{:g}" is precision 6.
void append_general(std::string& out, double v, int precision = 6);

/// Appends `v` as fmt::format("{:.{}f}", v, precision).
void append_fixed(std::string& out, double v, int precision);

/// Appends `n` in decimal.
void append_integer(std::string& out, std::int64_t n);

} // namespace pave::util
