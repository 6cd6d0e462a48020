// The table, CSV and Markdown views of a cost report (report.hpp).
#include <pave/cost/report.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <span>

#include <fmt/format.h>

#include <pave/util/number_text.hpp>
#include <pave/util/parallel.hpp>

namespace pave::cost {

namespace {

/// `cell` padded with spaces to `width` columns, as fmt's "{:<N}" / "{:>N}"
/// (which count a UTF-8 character as its display width: those cells go
/// through fmt; plain ASCII is padded by hand, a table of 100,000 rows has
/// 400,000 cells).
void append_padded(std::string& line, std::string_view cell, std::size_t width, bool right)
{
  if (std::any_of(cell.begin(), cell.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    line += right ? fmt::format("{:>{}}", cell, width) : fmt::format("{:<{}}", cell, width);
    return;
  }
  const std::size_t fill = width > cell.size() ? width - cell.size() : 0;
  if (right) {
    line.append(fill, ' ');
  }
  line += cell;
  if (!right) {
    line.append(fill, ' ');
  }
}

/// The cells of a table, row by row, kept in one string: a table of
/// 100,000 resources has 400,000 cells.
class Rows
{
public:
  explicit Rows(std::initializer_list<std::string_view> header) : m_columns(header.size())
  {
    for (const auto cell : header) {
      add(cell);
    }
  }
  /// Rows of `columns` cells without a header (a part of a longer table).
  explicit Rows(std::size_t columns) : m_columns(columns) {}
  /// Appends a cell: its text is what was appended to text() since the last cell.
  std::string& text() { return m_text; }
  void end_cell() { m_ends.push_back(m_text.size()); }
  Rows& add(std::string_view cell)
  {
    m_text += cell;
    end_cell();
    return *this;
  }
  std::size_t columns() const { return m_columns; }
  std::size_t size() const { return m_ends.size() / m_columns; }
  std::string_view cell(std::size_t row, std::size_t column) const
  {
    const std::size_t i = row * m_columns + column;
    const std::size_t begin = i == 0 ? 0 : m_ends[i - 1];
    return std::string_view(m_text).substr(begin, m_ends[i] - begin);
  }

private:
  std::size_t m_columns;
  std::string m_text;
  std::vector<std::size_t> m_ends;
};

/// Widens `width` (a column's widest cell so far) to the cells of `rows`.
void widen(std::vector<std::size_t>& width, const Rows& rows)
{
  width.resize(rows.columns(), 0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i = 0; i < rows.columns(); ++i) {
      width[i] = std::max(width[i], rows.cell(r, i).size());
    }
  }
}

/// Appends one line of a table: `cells` padded to `width`, two spaces apart,
/// those from column `numeric_from` on right-aligned, without trailing spaces.
void append_row(std::string& text, std::span<const std::string_view> cells, const std::vector<std::size_t>& width,
                std::size_t numeric_from)
{
  const std::size_t start = text.size();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool last = i + 1 == cells.size();
    if (i >= numeric_from) {
      append_padded(text, cells[i], width[i], true);
    } else if (last) {
      text += cells[i];
    } else {
      append_padded(text, cells[i], width[i], false);
    }
    if (!last) {
      text += "  ";
    }
  }
  while (text.size() > start && text.back() == ' ') {
    text.pop_back();
  }
  text += '\n';
}

/// The lines of `rows`, columns padded to `width`, two spaces apart; numbers
/// right-aligned. With `out`, written there by 64 KiB and "" returned.
std::string format_rows(const Rows& rows, const std::vector<std::size_t>& width, std::size_t numeric_from,
                        std::ostream* out = nullptr)
{
  std::string text;
  std::vector<std::string_view> cells(rows.columns());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i = 0; i < rows.columns(); ++i) {
      cells[i] = rows.cell(r, i);
    }
    append_row(text, cells, width, numeric_from);
    if (out != nullptr && text.size() >= (1 << 16)) {
      *out << text;
      text.clear();
    }
  }
  if (out != nullptr) {
    *out << text;
    text.clear();
  }
  return text;
}

/// Columns padded to their widest cell, two spaces apart; numbers right-aligned.
void print_rows(std::ostream& out, const Rows& rows, std::size_t numeric_from)
{
  std::vector<std::size_t> width;
  widen(width, rows);
  format_rows(rows, width, numeric_from, &out);
}

/// Appends money(amount).
void append_money(std::string& out, double amount)
{
  if (round_cents(amount) < 0) {
    out += '-';
  }
  const auto cents = static_cast<long long>(std::llround(std::fabs(amount) * 100));
  std::array<char, 24> digits;
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), cents / 100).ptr;
  const auto n = static_cast<std::size_t>(end - digits.data());
  out += '$';
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  out += '.';
  out += static_cast<char>('0' + cents % 100 / 10);
  out += static_cast<char>('0' + cents % 10);
}

/// Appends range(monthly, monthly_max).
void append_range(std::string& out, double monthly, double monthly_max)
{
  append_money(out, monthly);
  if (round_cents(monthly_max) != round_cents(monthly)) {
    out += " - ";
    append_money(out, monthly_max);
  }
}

std::string range(double monthly, double monthly_max)
{
  std::string out;
  append_range(out, monthly, monthly_max);
  return out;
}

/// Appends `s` as a CSV cell (RFC 4180 quoting) and `end` after it.
void append_csv_cell(std::string& out, std::string_view s, char end = ',')
{
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; })) {
    out += s;
  } else {
    out += '"';
    for (const char c : s) {
      out += c;
      if (c == '"') {
        out += '"';
      }
    }
    out += '"';
  }
  out += end;
}

/// Appends an amount rounded to cents, as "{:.2f}", and `end` after it.
void append_cents(std::string& out, double amount, char end = ',')
{
  util::append_fixed(out, round_cents(amount), 2);
  out += end;
}

/// Writes `text` to `out` once it holds 64 KiB (and `always`).
void drain(std::ostream& out, std::string& text, bool always = false)
{
  if (always || text.size() >= (1 << 16)) {
    out << text;
    text.clear();
  }
}

std::string md_cell(const std::string& s)
{
  std::string out;
  for (const char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

/// Appends who(kind, ns, name).
void append_who(std::string& out, std::string_view kind, std::string_view ns, std::string_view name)
{
  out += kind;
  out += ' ';
  if (!ns.empty()) {
    out += ns;
    out += '/';
  }
  out += name;
}

/// "Deployment shop/web", or "Bucket assets" for what has no namespace.
std::string who(std::string_view kind, std::string_view ns, std::string_view name)
{
  std::string out;
  append_who(out, kind, ns, name);
  return out;
}

/// The four cells of an item's row in the resource table, made in `scratch`.
std::array<std::string_view, 4> item_cells(const LineItem& i, std::string& scratch)
{
  scratch.clear();
  append_who(scratch, i.kind, i.namespace_, i.name);
  const std::size_t who = scratch.size();
  append_range(scratch, i.monthly, i.monthly_max);
  const std::string_view text(scratch);
  return {text.substr(0, who), i.app.empty() ? std::string_view("-") : std::string_view(i.app), i.detail,
          text.substr(who)};
}

/// The estimate's table of resources. A long one (a state of 100,000
/// resources has 400,000 cells) is made in parts on several threads: each
/// part's widest cells first, then its lines padded to the widest of all
/// parts, written in order (util::parallel_write). Cells are made twice
/// rather than kept.
void print_items(std::ostream& out, const Estimate& e)
{
  constexpr std::size_t k_part = 16384;
  constexpr std::array<std::string_view, 4> k_header{"RESOURCE", "APP", "DETAIL", "MONTHLY"};
  const std::size_t parts = std::max<std::size_t>(1, (e.items.size() + k_part - 1) / k_part);
  std::vector<std::vector<std::size_t>> widths(parts, std::vector<std::size_t>(k_header.size(), 0));
  const int threads = util::worker_threads(4);
  util::parallel_for(parts, threads, [&](std::size_t p) {
    std::string scratch;
    const std::size_t end = std::min(e.items.size(), (p + 1) * k_part);
    for (std::size_t k = p * k_part; k < end; ++k) {
      const auto cells = item_cells(e.items[k], scratch);
      for (std::size_t c = 0; c < cells.size(); ++c) {
        widths[p][c] = std::max(widths[p][c], cells[c].size());
      }
    }
  });
  std::vector<std::size_t> width(k_header.size(), 0);
  for (std::size_t c = 0; c < width.size(); ++c) {
    width[c] = k_header[c].size();
    for (const auto& w : widths) {
      width[c] = std::max(width[c], w[c]);
    }
  }
  util::parallel_write(out, parts, threads, [&](std::size_t p, std::string& text) {
    if (p == 0) {
      append_row(text, k_header, width, 3);
    }
    std::string scratch;
    const std::size_t end = std::min(e.items.size(), (p + 1) * k_part);
    for (std::size_t k = p * k_part; k < end; ++k) {
      append_row(text, item_cells(e.items[k], scratch), width, 3);
    }
  });
}

constexpr std::size_t k_markdown_rows = 50;

} // namespace

std::string money(double amount)
{
  std::string out;
  append_money(out, amount);
  return out;
}

void write_table(std::ostream& out, const Report& r)
{
  if (r.diff) {
    const auto& d = *r.diff;
    out << "Monthly cost change for " << d.environment << ": " << signed_money(d.delta()) << " (" << money(d.before)
        << " -> " << money(d.after) << ")\n\n";
    Rows rows{"ACTION", "RESOURCE", "BEFORE", "AFTER", "CHANGE"};
    for (const auto& l : d.lines) {
      rows.add(l.action).add(who(l.kind, l.namespace_, l.name)).add(money(l.before)).add(money(l.after));
      rows.add(signed_money(l.delta()));
    }
    if (rows.size() == 1) {
      out << "No cost changes.\n";
    } else {
      print_rows(out, rows, 2);
    }
  }
  for (const auto& e : r.estimates) {
    out << "Environment " << e.environment << " (" << e.region << "): " << range(e.monthly, e.monthly_max)
        << " a month, " << e.items.size() << " priced resources, " << e.unpriced << " free\n\n";
    if (!e.items.empty()) {
      print_items(out, e);
      out << "\n";
    }
  }
  if (!r.groups.empty()) {
    out << "By " << r.group_by << ":\n";
    Rows rows{"GROUP", "RESOURCES", "MONTHLY"};
    for (const auto& g : r.groups) {
      rows.add(g.key).add(std::to_string(g.resources)).add(range(g.monthly, g.monthly_max));
    }
    print_rows(out, rows, 1);
    out << "\n";
  }
  if (r.actual) {
    const auto& a = *r.actual;
    out << "Actual spend " << a.start << " to " << a.end << " (" << a.metric << ", " << a.granularity
        << "): " << money(a.total) << "\n";
    if (!a.groups.empty()) {
      Rows rows{a.group_by == "service" ? "SERVICE" : "TAG VALUE", "AMOUNT"};
      for (const auto& g : a.groups) {
        rows.add(g.key).add(money(g.amount));
      }
      print_rows(out, rows, 1);
    }
    out << "\n";
  }
  for (const auto& b : r.budgets) {
    out << "Budget " << b.environment << ": " << money(b.amount) << " of " << money(b.budget) << " (" << b.origin
        << ")" << (b.exceeded() ? ", EXCEEDED by " + money(b.overshoot()) : "") << "\n";
  }
  out << "Prices: " << r.catalog_source.substr(0, r.catalog_source.find(" (")) << ", " << r.catalog_date << "\n";
}

void write_csv(std::ostream& out, const Report& r)
{
  std::string text;
  if (r.diff) {
    text += "environment,action,address,kind,namespace,name,app,monthly_before,monthly_after,monthly_delta\n";
    for (const auto& l : r.diff->lines) {
      append_csv_cell(text, r.diff->environment);
      text += l.action;
      text += ',';
      for (const auto* cell : {&l.address, &l.kind, &l.namespace_, &l.name, &l.app}) {
        append_csv_cell(text, *cell);
      }
      append_cents(text, l.before);
      append_cents(text, l.after);
      append_cents(text, l.delta(), '\n');
      drain(out, text);
    }
    drain(out, text, true);
    return;
  }
  out << "environment,address,kind,namespace,name,app,group,detail,monthly,monthly_max\n";
  // A long list (100,000 resources) is made in parts on several threads.
  constexpr std::size_t k_part = 8192;
  for (const auto& e : r.estimates) {
    util::parallel_write(out, (e.items.size() + k_part - 1) / k_part, util::worker_threads(4),
                         [&](std::size_t p, std::string& part) {
                           const std::size_t end = std::min(e.items.size(), (p + 1) * k_part);
                           for (std::size_t k = p * k_part; k < end; ++k) {
                             const LineItem& i = e.items[k];
                             for (const auto* cell : {&e.environment, &i.address, &i.kind, &i.namespace_, &i.name,
                                                      &i.app}) {
                               append_csv_cell(part, *cell);
                             }
                             append_csv_cell(part, group_key(i, r.group_by));
                             append_csv_cell(part, i.detail);
                             append_cents(part, i.monthly);
                             append_cents(part, i.monthly_max, '\n');
                           }
                         });
  }
}

void write_markdown(std::ostream& out, const Report& r)
{
  out << "## 💰 pave cost report\n\n";
  if (r.diff) {
    const auto& d = *r.diff;
    out << "Monthly cost change for **" << md_cell(d.environment) << "**: **" << signed_money(d.delta()) << "** ("
        << money(d.before) << " → " << money(d.after) << ")\n\n";
    if (d.lines.empty()) {
      out << "No cost changes.\n\n";
    } else {
      out << "| Action | Resource | Before | After | Change |\n| --- | --- | ---: | ---: | ---: |\n";
      std::size_t n = 0;
      for (const auto& l : d.lines) {
        if (n++ == k_markdown_rows) {
          out << "| | … and " << d.lines.size() - k_markdown_rows << " more | | | |\n";
          break;
        }
        out << "| " << l.action << " | `" << md_cell(who(l.kind, l.namespace_, l.name)) << "` | " << money(l.before)
            << " | " << money(l.after) << " | " << signed_money(l.delta()) << " |\n";
      }
      out << "\n";
    }
  }
  if (!r.estimates.empty()) {
    out << "| Environment | Region | Resources | Monthly |\n| --- | --- | ---: | ---: |\n";
    for (const auto& e : r.estimates) {
      out << "| " << md_cell(e.environment) << " | " << e.region << " | " << e.items.size() << " | "
          << range(e.monthly, e.monthly_max) << " |\n";
    }
    out << "\n";
  }
  if (!r.groups.empty()) {
    out << "<details><summary>By " << md_cell(r.group_by) << "</summary>\n\n| " << md_cell(r.group_by)
        << " | Resources | Monthly |\n| --- | ---: | ---: |\n";
    for (const auto& g : r.groups) {
      out << "| " << md_cell(g.key) << " | " << g.resources << " | " << range(g.monthly, g.monthly_max) << " |\n";
    }
    out << "\n</details>\n\n";
  }
  if (r.actual) {
    out << "Actual spend " << r.actual->start << " to " << r.actual->end << ": **" << money(r.actual->total)
        << "**\n\n";
  }
  for (const auto& b : r.budgets) {
    out << (b.exceeded() ? "❌ " : "✅ ") << "Budget of **" << md_cell(b.environment) << "**: " << money(b.amount)
        << " of " << money(b.budget)
        << (b.exceeded() ? ", **exceeded by " + money(b.overshoot()) + "**" : std::string()) << "\n\n";
  }
  for (const auto& w : r.warnings) {
    out << "> ⚠️ " << md_cell(w) << "\n\n";
  }
  out << "<sub>Prices: AWS on-demand list prices of " << r.catalog_date << " (" << r.currency
      << "), 730 hours a month. Generated by pave cost-report.</sub>\n";
}

} // namespace pave::cost
