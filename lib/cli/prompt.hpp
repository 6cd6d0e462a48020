#pragma once
/// Interactive questions at a terminal (pave init).
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace pave::cli {

/// Writes "QUESTION [DEFAULT]: " to `out` and reads one line from `in`.
/// Returns the trimmed answer, or `fallback` for an empty line or end of input.
std::string ask(std::istream& in, std::ostream& out, std::string_view question, std::string_view fallback);

} // namespace pave::cli
