#include <pave/util/diagnostics.hpp>

#include <algorithm>
#include <climits>
#include <tuple>

namespace pave::util {

namespace {

/// (file, line, column) of "FILE:LINE:COL", "FILE:LINE" or "FILE".
std::tuple<std::string, long, long> location_key(const std::string& loc)
{
  std::string file = loc;
  long nums[2] = {LONG_MAX, LONG_MAX};
  int found = 0;
  for (int i = 0; i < 2; ++i) {
    const auto colon = file.rfind(':');
    if (colon == std::string::npos || colon + 1 == file.size() ||
        file.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
      break;
    }
    nums[i] = std::stol(file.substr(colon + 1));
    file.resize(colon);
    ++found;
  }
  if (found == 2) {
    return {file, nums[1], nums[0]};
  }
  return {file, nums[0], LONG_MAX};
}

} // namespace

void Diagnostics::sort_by_location()
{
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return location_key(a.location) < location_key(b.location);
  });
}

std::string Diagnostics::to_string() const
{
  std::string out;
  for (const auto& d : m_items) {
    if (!d.location.empty()) {
      out += d.location + ": ";
    }
    out += d.severity == Severity::error ? "error: " : "warning: ";
    out += d.summary;
    if (!d.detail.empty()) {
      out += " (" + d.detail + ")";
    }
    out += '\n';
  }
  return out;
}

} // namespace pave::util
