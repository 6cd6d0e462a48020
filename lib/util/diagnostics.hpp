#pragma once
/// User-facing diagnostics that accumulate: each has a severity, a location
/// (file:line or a resource), a one-line summary and an actionable detail.
/// Commands render them once; pipelines check has_errors() at phase boundaries
/// instead of dying on the first problem.
#include <string>
#include <vector>

namespace pave::util {

enum class Severity { warning, error };

struct Diagnostic
{
  Severity severity = Severity::error;
  std::string location; ///< "pave.toml:12:3", a resource address, or empty
  std::string summary;  ///< one line
  std::string detail{}; ///< optional hint ("did you mean ...?")
};

class Diagnostics
{
public:
  void error(std::string location, std::string summary, std::string detail = {})
  {
    m_items.push_back({Severity::error, std::move(location), std::move(summary), std::move(detail)});
  }
  void warning(std::string location, std::string summary, std::string detail = {})
  {
    m_items.push_back({Severity::warning, std::move(location), std::move(summary), std::move(detail)});
  }
  void append(const Diagnostics& other) { m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end()); }
  bool has_errors() const
  {
    for (const auto& d : m_items) {
      if (d.severity == Severity::error) {
        return true;
      }
    }
    return false;
  }
  std::size_t error_count() const
  {
    std::size_t n = 0;
    for (const auto& d : m_items) {
      n += d.severity == Severity::error ? 1 : 0;
    }
    return n;
  }
  bool empty() const { return m_items.empty(); }
  const std::vector<Diagnostic>& items() const { return m_items; }

  /// Stable-sorts by location "FILE:LINE:COL", comparing line and column as
  /// numbers, so problems read in file order. Items without a line come after
  /// the located ones of the same file.
  void sort_by_location();

  /// One line per diagnostic: "LOCATION: SUMMARY (DETAIL)".
  std::string to_string() const;

private:
  std::vector<Diagnostic> m_items;
};

} // namespace pave::util
