#pragma once
/// Column-aligned plain-text tables for the human view.
#include <ostream>
#include <string>
#include <vector>

#include <pave/cli/term.hpp>

namespace pave::cli {

class Table
{
public:
  explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  bool empty() const { return m_rows.empty(); }
  /// Writes the header (bold when styled) and rows, columns separated by two
  /// spaces, the last column unpadded.
  void print(std::ostream& out, const Style& style) const;

private:
  std::vector<std::string> m_headers;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace pave::cli
