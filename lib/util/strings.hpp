#pragma once
/// Small string helpers shared across the library.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pave::util {

/// Levenshtein edit distance between a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely
/// misspelling (distance <= max(1, len/3)); empty when none is.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

/// Splits on `sep`, keeping empty fields.
std::vector<std::string> split(std::string_view s, char sep);

/// Joins with `sep`.
std::string join(std::span<const std::string> parts, std::string_view sep);

/// Removes leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

/// True for a DNS-1123 label: lowercase alphanumerics and '-', starting and
/// ending alphanumeric, at most 63 characters (Kubernetes names, project names).
bool is_dns_label(std::string_view s);

} // namespace pave::util
