#include <pave/util/diagnostics.hpp>

namespace pave::util {

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
