// The table, CSV and Markdown views of a cost report (report.hpp).
#include <pave/cost/report.hpp>

#include <algorithm>

#include <fmt/format.h>

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

/// Columns padded to their widest cell, two spaces apart; numbers right-aligned.
void print_rows(std::ostream& out, const std::vector<std::vector<std::string>>& rows, std::size_t numeric_from)
{
  if (rows.empty()) {
    return;
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
    }
  }
  std::string text;
  for (const auto& row : rows) {
    const std::size_t start = text.size();
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool last = i + 1 == row.size();
      if (i >= numeric_from) {
        append_padded(text, row[i], width[i], true);
      } else if (last) {
        text += row[i];
      } else {
        append_padded(text, row[i], width[i], false);
      }
      if (!last) {
        text += "  ";
      }
    }
    while (text.size() > start && text.back() == ' ') {
      text.pop_back();
    }
    text += '\n';
    if (text.size() >= (1 << 16)) {
      out << text;
      text.clear();
    }
  }
  out << text;
}

std::string range(double monthly, double monthly_max)
{
  return round_cents(monthly_max) != round_cents(monthly) ? money(monthly) + " - " + money(monthly_max) : money(monthly);
}

std::string csv_cell(const std::string& s)
{
  if (s.find_first_of(",\"\n\r") == std::string::npos) {
    return s;
  }
  std::string q = "\"";
  for (const char c : s) {
    q += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return q + "\"";
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

std::string who(const std::string& kind, const std::string& ns, const std::string& name)
{
  return ns.empty() ? kind + " " + name : kind + " " + ns + "/" + name;
}

constexpr std::size_t k_markdown_rows = 50;

} // namespace

void write_table(std::ostream& out, const Report& r)
{
  if (r.diff) {
    const auto& d = *r.diff;
    out << "Monthly cost change for " << d.environment << ": " << signed_money(d.delta()) << " (" << money(d.before)
        << " -> " << money(d.after) << ")\n\n";
    std::vector<std::vector<std::string>> rows{{"ACTION", "RESOURCE", "BEFORE", "AFTER", "CHANGE"}};
    for (const auto& l : d.lines) {
      rows.push_back({l.action, who(l.kind, l.namespace_, l.name), money(l.before), money(l.after),
                      signed_money(l.delta())});
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
    std::vector<std::vector<std::string>> rows{{"RESOURCE", "APP", "DETAIL", "MONTHLY"}};
    for (const auto& i : e.items) {
      rows.push_back({who(i.kind, i.namespace_, i.name), i.app.empty() ? "-" : i.app, i.detail,
                      range(i.monthly, i.monthly_max)});
    }
    if (rows.size() > 1) {
      print_rows(out, rows, 3);
      out << "\n";
    }
  }
  if (!r.groups.empty()) {
    out << "By " << r.group_by << ":\n";
    std::vector<std::vector<std::string>> rows{{"GROUP", "RESOURCES", "MONTHLY"}};
    for (const auto& g : r.groups) {
      rows.push_back({g.key, std::to_string(g.resources), range(g.monthly, g.monthly_max)});
    }
    print_rows(out, rows, 1);
    out << "\n";
  }
  if (r.actual) {
    const auto& a = *r.actual;
    out << "Actual spend " << a.start << " to " << a.end << " (" << a.metric << ", " << a.granularity
        << "): " << money(a.total) << "\n";
    if (!a.groups.empty()) {
      std::vector<std::vector<std::string>> rows{{a.group_by == "service" ? "SERVICE" : "TAG VALUE", "AMOUNT"}};
      for (const auto& g : a.groups) {
        rows.push_back({g.key, money(g.amount)});
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
  if (r.diff) {
    out << "environment,action,address,kind,namespace,name,app,monthly_before,monthly_after,monthly_delta\n";
    for (const auto& l : r.diff->lines) {
      out << fmt::format("{},{},{},{},{},{},{},{:.2f},{:.2f},{:.2f}\n", csv_cell(r.diff->environment), l.action,
                         csv_cell(l.address), csv_cell(l.kind), csv_cell(l.namespace_), csv_cell(l.name),
                         csv_cell(l.app), round_cents(l.before), round_cents(l.after), round_cents(l.delta()));
    }
    return;
  }
  out << "environment,address,kind,namespace,name,app,group,detail,monthly,monthly_max\n";
  for (const auto& e : r.estimates) {
    for (const auto& i : e.items) {
      out << fmt::format("{},{},{},{},{},{},{},{},{:.2f},{:.2f}\n", csv_cell(e.environment), csv_cell(i.address),
                         csv_cell(i.kind), csv_cell(i.namespace_), csv_cell(i.name), csv_cell(i.app),
                         csv_cell(group_key(i, r.group_by)), csv_cell(i.detail), round_cents(i.monthly),
                         round_cents(i.monthly_max));
    }
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
