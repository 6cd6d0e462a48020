#include <pave/cost/report.hpp>

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include <pave/util/json_writer.hpp>
#include <pave/util/parallel.hpp>

namespace pave::cost {

namespace {

constexpr int k_indent = 2;

void write_item(util::JsonWriter& w, const LineItem& i)
{
  w.begin_object()
    .member("address", i.address)
    .member("environment", i.environment)
    .member("app", i.app)
    .member("namespace", i.namespace_)
    .member("kind", i.kind)
    .member("name", i.name)
    .member("detail", i.detail)
    .member("monthly", i.monthly, 2)
    .member("monthly_max", i.monthly_max, 2);
  w.key("components").begin_array();
  for (const auto& c : i.components) {
    w.begin_object()
      .member("name", c.name)
      .member("unit", c.unit)
      .member("quantity", c.quantity, 4)
      .member("unit_price", c.unit_price, 8)
      .member("monthly", c.monthly, 2)
      .member("monthly_max", c.monthly_max, 2)
      .end_object();
  }
  w.end_array().end_object();
}

/// The items of an array just begun by `w`, written in parts on several
/// threads (a state of 100,000 resources makes 70 MB of JSON).
void write_items(util::JsonWriter& w, std::ostream& out, const std::vector<LineItem>& items)
{
  constexpr std::size_t k_part = 4096;
  const util::JsonWriter::Position at = w.position();
  w.flush();
  util::parallel_write(out, (items.size() + k_part - 1) / k_part, util::worker_threads(4),
                       [&](std::size_t p, std::string& text) {
                         util::JsonWriter part(text, k_indent, {at.depth, at.first && p == 0});
                         const std::size_t end = std::min(items.size(), (p + 1) * k_part);
                         for (std::size_t k = p * k_part; k < end; ++k) {
                           write_item(part, items[k]);
                         }
                       });
  w.written_elsewhere(items.size());
}

} // namespace

std::string signed_money(double amount)
{
  if (round_cents(amount) == 0) {
    return "$0.00";
  }
  return amount > 0 ? fmt::format("+{}", money(amount)) : money(amount);
}

void write_json(std::ostream& out, const Report& r)
{
  util::JsonWriter w(out, k_indent);
  w.begin_object()
    .member("format_version", k_report_format)
    .member("source", r.source)
    .member("currency", r.currency);
  w.key("catalog").begin_object().member("source", r.catalog_source).member("effective_date", r.catalog_date).end_object();
  w.member("group_by", r.group_by);
  if (!r.estimates.empty() || r.source != "plan") {
    double total = 0, total_max = 0;
    w.key("environments").begin_array();
    for (const auto& e : r.estimates) {
      w.begin_object()
        .member("environment", e.environment)
        .member("region", e.region)
        .member("monthly", e.monthly, 2)
        .member("monthly_max", e.monthly_max, 2)
        .member("priced_resources", static_cast<std::uint64_t>(e.items.size()))
        .member("unpriced_resources", e.unpriced);
      w.key("resources").begin_array();
      write_items(w, out, e.items);
      w.end_array().end_object();
      total += e.monthly;
      total_max += e.monthly_max;
    }
    w.end_array().member("monthly", total, 2).member("monthly_max", total_max, 2);
  }
  w.key("groups").begin_array();
  for (const auto& g : r.groups) {
    w.begin_object()
      .member("key", g.key)
      .member("resources", g.resources)
      .member("monthly", g.monthly, 2)
      .member("monthly_max", g.monthly_max, 2)
      .end_object();
  }
  w.end_array();
  if (r.diff) {
    const auto& d = *r.diff;
    w.key("diff")
      .begin_object()
      .member("environment", d.environment)
      .member("monthly_before", d.before, 2)
      .member("monthly_after", d.after, 2)
      .member("monthly_delta", d.delta(), 2)
      .member("monthly_max_before", d.before_max, 2)
      .member("monthly_max_after", d.after_max, 2);
    w.key("lines").begin_array();
    for (const auto& l : d.lines) {
      w.begin_object()
        .member("action", l.action)
        .member("address", l.address)
        .member("app", l.app)
        .member("kind", l.kind)
        .member("namespace", l.namespace_)
        .member("name", l.name)
        .member("monthly_before", l.before, 2)
        .member("monthly_after", l.after, 2)
        .member("monthly_delta", l.delta(), 2)
        .member("detail_before", l.detail_before)
        .member("detail_after", l.detail_after)
        .end_object();
    }
    w.end_array().end_object();
  }
  if (r.actual) {
    const auto& a = *r.actual;
    w.key("actual")
      .begin_object()
      .member("start", a.start)
      .member("end", a.end)
      .member("granularity", a.granularity)
      .member("metric", a.metric)
      .member("group_by", a.group_by)
      .member("unit", a.unit)
      .member("total", a.total, 2)
      .member("pages", a.pages);
    w.key("periods").begin_array();
    for (const auto& p : a.periods) {
      w.begin_object()
        .member("start", p.start)
        .member("end", p.end)
        .member("amount", p.amount, 2)
        .member("estimated", p.estimated)
        .end_object();
    }
    w.end_array().key("groups").begin_array();
    for (const auto& g : a.groups) {
      w.begin_object().member("key", g.key).member("amount", g.amount, 2).end_object();
    }
    w.end_array().end_object();
  }
  w.key("budgets").begin_array();
  for (const auto& b : r.budgets) {
    w.begin_object()
      .member("environment", b.environment)
      .member("what", b.what)
      .member("origin", b.origin)
      .member("budget", b.budget, 2)
      .member("amount", b.amount, 2)
      .member("exceeded", b.exceeded())
      .member("overshoot", b.exceeded() ? b.overshoot() : 0.0, 2)
      .end_object();
  }
  w.end_array().key("warnings").begin_array();
  for (const auto& warning : r.warnings) {
    w.value(warning);
  }
  w.end_array().end_object();
  w.flush();
  out << "\n";
}

} // namespace pave::cost
