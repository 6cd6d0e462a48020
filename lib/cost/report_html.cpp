// The HTML view of a cost report (report.hpp): one self-contained page,
// inline CSS and SVG, no scripts, no external resources.
#include <pave/cost/report.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace pave::cost {

namespace {

std::string esc(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

struct Bar
{
  std::string label;
  double value = 0;
  std::string colour;
};

constexpr const char* k_palette[] = {"#2563eb", "#16a34a", "#ea580c", "#9333ea", "#0891b2",
                                     "#dc2626", "#ca8a04", "#4f46e5", "#059669", "#db2777"};
constexpr std::size_t k_max_bars = 15;

/// A horizontal bar chart: one labelled bar per entry, scaled to the largest.
void bar_chart(std::ostream& out, const std::string& id, const std::string& title, const std::vector<Bar>& bars)
{
  const int row = 28, label_w = 260, chart_w = 560, value_w = 130;
  const int height = 40 + row * static_cast<int>(std::max<std::size_t>(bars.size(), 1));
  double max = 0;
  for (const auto& b : bars) {
    max = std::max(max, b.value);
  }
  out << fmt::format(R"(<svg id="{}" class="chart" xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" )"
                     R"(viewBox="0 0 {} {}" role="img" aria-label="{}">)",
                     id, label_w + chart_w + value_w, height, label_w + chart_w + value_w, height, esc(title))
      << "\n";
  out << fmt::format(R"(<title>{}</title><text x="0" y="18" class="ct">{}</text>)", esc(title), esc(title)) << "\n";
  if (bars.empty()) {
    out << R"(<text x="0" y="50" class="cl">nothing to show</text>)" << "\n";
  }
  int y = 32;
  for (const auto& b : bars) {
    const double w = max > 0 ? std::max(1.0, b.value / max * chart_w) : 1.0;
    out << fmt::format(R"(<text x="{}" y="{}" text-anchor="end" class="cl">{}</text>)", label_w - 8, y + 17,
                       esc(b.label.size() > 36 ? b.label.substr(0, 35) + "…" : b.label))
        << fmt::format(R"(<rect class="bar" x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
                       label_w, y + 4, w, row - 8, b.colour, esc(b.label), money(b.value))
        << fmt::format(R"(<text x="{:.1f}" y="{}" class="cv">{}</text>)", label_w + w + 6, y + 17, money(b.value))
        << "\n";
    y += row;
  }
  out << "</svg>\n";
}

void css(std::ostream& out)
{
  out << "<style>\n"
         "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#111827;background:#fff}\n"
         "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.muted{color:#6b7280;font-size:13px}\n"
         ".cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}.card{border:1px solid #e5e7eb;border-radius:8px;"
         "padding:10px 16px;min-width:160px}.card b{display:block;font-size:20px}\n"
         ".bad{color:#b91c1c}.good{color:#15803d}\n"
         "table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border-bottom:1px solid #e5e7eb;"
         "padding:4px 10px;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
         ".chart{display:block;margin:8px 0}.ct{font-size:15px;font-weight:600;fill:#111827}"
         ".cl{font-size:12px;fill:#374151}.cv{font-size:12px;fill:#111827}\n"
         "</style>\n";
}

} // namespace

void write_html(std::ostream& out, const Report& r)
{
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>pave cost report</title>\n";
  css(out);
  out << "</head><body>\n<h1>pave cost report</h1>\n<p class=\"muted\">Source: " << esc(r.source)
      << " · prices: AWS on-demand list prices of " << esc(r.catalog_date) << " (" << esc(r.currency)
      << "), 730 hours a month</p>\n<div class=\"cards\">\n";
  double estimate = 0;
  for (const auto& e : r.estimates) {
    estimate += e.monthly;
    out << "<div class=\"card\">" << esc(e.environment) << " (" << esc(e.region) << ")<b>" << money(e.monthly)
        << "</b><span class=\"muted\">a month" << (round_cents(e.monthly_max) != round_cents(e.monthly)
                                                     ? ", up to " + money(e.monthly_max) : std::string())
        << "</span></div>\n";
  }
  if (r.diff) {
    estimate = r.diff->after;
    out << "<div class=\"card\">change for " << esc(r.diff->environment) << "<b class=\""
        << (r.diff->delta() > 0 ? "bad" : "good") << "\">" << signed_money(r.diff->delta())
        << "</b><span class=\"muted\">" << money(r.diff->before) << " → " << money(r.diff->after) << "</span></div>\n";
  }
  if (r.actual) {
    out << "<div class=\"card\">actual " << esc(r.actual->start) << " to " << esc(r.actual->end) << "<b>"
        << money(r.actual->total) << "</b></div>\n";
  }
  for (const auto& b : r.budgets) {
    out << "<div class=\"card\">budget " << esc(b.environment) << "<b class=\"" << (b.exceeded() ? "bad" : "good")
        << "\">" << money(b.budget) << "</b><span class=\"muted\">"
        << (b.exceeded() ? "exceeded by " + money(b.overshoot()) : "within budget") << "</span></div>\n";
  }
  out << "</div>\n<h2>Cost by " << esc(r.group_by) << "</h2>\n";
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < r.groups.size() && i < k_max_bars; ++i) {
    bars.push_back({r.groups[i].key, r.groups[i].monthly, k_palette[i % std::size(k_palette)]});
  }
  bar_chart(out, "by-group", "Monthly cost by " + r.group_by, bars);
  if (r.groups.size() > k_max_bars) {
    double rest = 0;
    for (std::size_t i = k_max_bars; i < r.groups.size(); ++i) {
      rest += r.groups[i].monthly;
    }
    out << "<p class=\"muted\">… and " << r.groups.size() - k_max_bars << " more groups, " << money(rest)
        << " together</p>\n";
  }
  out << "<h2>Estimate and actual</h2>\n";
  std::vector<Bar> compare{{r.diff ? "Estimate after the plan" : "Estimate (monthly)", estimate, "#2563eb"}};
  if (r.diff) {
    compare.insert(compare.begin(), Bar{"Estimate before the plan", r.diff->before, "#93c5fd"});
  }
  if (r.actual) {
    compare.push_back({"Actual " + r.actual->start + " to " + r.actual->end, r.actual->total, "#ea580c"});
  }
  for (const auto& b : r.budgets) {
    compare.push_back({"Budget " + b.environment, b.budget, "#9ca3af"});
  }
  bar_chart(out, "estimate-actual", "Estimate against actual spend", compare);
  if (r.actual && !r.actual->groups.empty()) {
    std::vector<Bar> actual;
    for (std::size_t i = 0; i < r.actual->groups.size() && i < k_max_bars; ++i) {
      actual.push_back({r.actual->groups[i].key, r.actual->groups[i].amount, "#ea580c"});
    }
    bar_chart(out, "actual-by-group", "Actual spend by " + r.actual->group_by, actual);
  }
  if (r.diff) {
    out << "<h2>Changes</h2>\n<table><tr><th>Action</th><th>Resource</th><th class=n>Before</th><th class=n>After</th>"
           "<th class=n>Change</th></tr>\n";
    for (const auto& l : r.diff->lines) {
      out << "<tr><td>" << esc(l.action) << "</td><td>" << esc(l.kind + " " + l.name) << "</td><td class=n>"
          << money(l.before) << "</td><td class=n>" << money(l.after) << "</td><td class=n>" << signed_money(l.delta())
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  for (const auto& e : r.estimates) {
    out << "<h2>Resources of " << esc(e.environment) << "</h2>\n<table><tr><th>Resource</th><th>App</th>"
           "<th>Detail</th><th class=n>Monthly</th></tr>\n";
    std::vector<const LineItem*> items;
    for (const auto& i : e.items) {
      items.push_back(&i);
    }
    std::stable_sort(items.begin(), items.end(), [](const LineItem* a, const LineItem* b) { return a->monthly > b->monthly; });
    std::size_t n = 0;
    for (const auto* i : items) {
      if (n++ == 200) {
        out << "<tr><td colspan=4 class=muted>… and " << items.size() - 200 << " more</td></tr>\n";
        break;
      }
      out << "<tr><td>" << esc(i->kind + " " + (i->namespace_.empty() ? "" : i->namespace_ + "/") + i->name)
          << "</td><td>" << esc(i->app) << "</td><td>" << esc(i->detail) << "</td><td class=n>" << money(i->monthly)
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  for (const auto& w : r.warnings) {
    out << "<p class=\"muted\">⚠ " << esc(w) << "</p>\n";
  }
  out << "<p class=\"muted\">" << esc(r.catalog_source) << "</p>\n</body></html>\n";
}

} // namespace pave::cost
