#include <pave/cli/table.hpp>

#include <algorithm>

namespace pave::cli {

namespace {

/// Display width, counting UTF-8 code points.
std::size_t width(const std::string& s)
{
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

} // namespace

void Table::print(std::ostream& out, const Style& style) const
{
  std::vector<std::size_t> w(m_headers.size(), 0);
  for (std::size_t i = 0; i < m_headers.size(); ++i) {
    w[i] = width(m_headers[i]);
  }
  for (const auto& r : m_rows) {
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) {
      w[i] = std::max(w[i], width(r[i]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string text;
    for (std::size_t i = 0; i < cells.size() && i < w.size(); ++i) {
      std::string cell = cells[i];
      if (i + 1 < cells.size()) {
        cell.append(w[i] - width(cell) + 2, ' ');
      }
      text += cell;
    }
    out << (header ? style.bold(text) : text) << '\n';
  };
  line(m_headers, true);
  for (const auto& r : m_rows) {
    line(r, false);
  }
}

} // namespace pave::cli
