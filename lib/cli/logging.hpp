#pragma once
/// The debug log: spdlog on stderr, as text or one JSON object per line.
/// User-facing diagnostics do not go through it (see Context::print_error).
#include <string_view>

namespace pave::cli {

/// Configures the default logger. level: error|warn|info|debug|trace;
/// format: text|json; color: whether stderr may be coloured.
void setup_logging(std::string_view level, std::string_view format, bool color);

} // namespace pave::cli
