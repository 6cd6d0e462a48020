#pragma once
/// Small string helpers shared across the library.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pave::util {

/// Hashes std::string and std::string_view alike, so that an unordered
/// container of strings is looked up by a view without making a string.
/// Not noexcept on purpose: libstdc++'s unordered containers keep each node's
/// hash code only for a hash that is slow or may throw (as std::hash of
/// strings is taken to be). Without it, a lookup hashes every key of the
/// bucket it walks again to tell where the bucket ends, and compares their
/// bytes; a miss in the HPA index of cost-report (50,000 lookups) costs twice
/// as much.
struct TextHash
{
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// A hashed map from strings, looked up by std::string_view.
template <typename V> using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

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
