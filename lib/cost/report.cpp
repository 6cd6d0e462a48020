#include <pave/cost/report.hpp>

#include <cmath>

#include <fmt/format.h>

namespace pave::cost {

namespace {

using oj = nlohmann::ordered_json;

oj item_json(const LineItem& i)
{
  oj j;
  j["address"] = i.address;
  j["environment"] = i.environment;
  j["app"] = i.app;
  j["namespace"] = i.namespace_;
  j["kind"] = i.kind;
  j["name"] = i.name;
  j["detail"] = i.detail;
  j["monthly"] = round_cents(i.monthly);
  j["monthly_max"] = round_cents(i.monthly_max);
  j["components"] = oj::array();
  for (const auto& c : i.components) {
    j["components"].push_back({{"name", c.name},
                               {"unit", c.unit},
                               {"quantity", std::round(c.quantity * 1e4) / 1e4},
                               {"unit_price", std::round(c.unit_price * 1e8) / 1e8},
                               {"monthly", round_cents(c.monthly)},
                               {"monthly_max", round_cents(c.monthly_max)}});
  }
  return j;
}

} // namespace

std::string money(double amount)
{
  const bool negative = round_cents(amount) < 0;
  const auto cents = static_cast<long long>(std::llround(std::fabs(amount) * 100));
  const std::string digits = std::to_string(cents / 100);
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      whole += ',';
    }
    whole += digits[i];
  }
  return fmt::format("{}${}.{:02}", negative ? "-" : "", whole, cents % 100);
}

std::string signed_money(double amount)
{
  if (round_cents(amount) == 0) {
    return "$0.00";
  }
  return amount > 0 ? fmt::format("+{}", money(amount)) : money(amount);
}

oj to_json(const Report& r)
{
  oj j;
  j["format_version"] = k_report_format;
  j["source"] = r.source;
  j["currency"] = r.currency;
  j["catalog"] = {{"source", r.catalog_source}, {"effective_date", r.catalog_date}};
  j["group_by"] = r.group_by;
  if (!r.estimates.empty() || r.source != "plan") {
    double total = 0, total_max = 0;
    j["environments"] = oj::array();
    for (const auto& e : r.estimates) {
      oj ej;
      ej["environment"] = e.environment;
      ej["region"] = e.region;
      ej["monthly"] = round_cents(e.monthly);
      ej["monthly_max"] = round_cents(e.monthly_max);
      ej["priced_resources"] = e.items.size();
      ej["unpriced_resources"] = e.unpriced;
      ej["resources"] = oj::array();
      for (const auto& i : e.items) {
        ej["resources"].push_back(item_json(i));
      }
      total += e.monthly;
      total_max += e.monthly_max;
      j["environments"].push_back(std::move(ej));
    }
    j["monthly"] = round_cents(total);
    j["monthly_max"] = round_cents(total_max);
  }
  j["groups"] = oj::array();
  for (const auto& g : r.groups) {
    j["groups"].push_back({{"key", g.key},
                           {"resources", g.resources},
                           {"monthly", round_cents(g.monthly)},
                           {"monthly_max", round_cents(g.monthly_max)}});
  }
  if (r.diff) {
    const auto& d = *r.diff;
    oj dj;
    dj["environment"] = d.environment;
    dj["monthly_before"] = round_cents(d.before);
    dj["monthly_after"] = round_cents(d.after);
    dj["monthly_delta"] = round_cents(d.delta());
    dj["monthly_max_before"] = round_cents(d.before_max);
    dj["monthly_max_after"] = round_cents(d.after_max);
    dj["lines"] = oj::array();
    for (const auto& l : d.lines) {
      dj["lines"].push_back({{"action", l.action},
                             {"address", l.address},
                             {"app", l.app},
                             {"kind", l.kind},
                             {"namespace", l.namespace_},
                             {"name", l.name},
                             {"monthly_before", round_cents(l.before)},
                             {"monthly_after", round_cents(l.after)},
                             {"monthly_delta", round_cents(l.delta())},
                             {"detail_before", l.detail_before},
                             {"detail_after", l.detail_after}});
    }
    j["diff"] = std::move(dj);
  }
  if (r.actual) {
    const auto& a = *r.actual;
    oj aj;
    aj["start"] = a.start;
    aj["end"] = a.end;
    aj["granularity"] = a.granularity;
    aj["metric"] = a.metric;
    aj["group_by"] = a.group_by;
    aj["unit"] = a.unit;
    aj["total"] = round_cents(a.total);
    aj["pages"] = a.pages;
    aj["periods"] = oj::array();
    for (const auto& p : a.periods) {
      aj["periods"].push_back(
        {{"start", p.start}, {"end", p.end}, {"amount", round_cents(p.amount)}, {"estimated", p.estimated}});
    }
    aj["groups"] = oj::array();
    for (const auto& g : a.groups) {
      aj["groups"].push_back({{"key", g.key}, {"amount", round_cents(g.amount)}});
    }
    j["actual"] = std::move(aj);
  }
  j["budgets"] = oj::array();
  for (const auto& b : r.budgets) {
    j["budgets"].push_back({{"environment", b.environment},
                            {"what", b.what},
                            {"origin", b.origin},
                            {"budget", round_cents(b.budget)},
                            {"amount", round_cents(b.amount)},
                            {"exceeded", b.exceeded()},
                            {"overshoot", b.exceeded() ? round_cents(b.overshoot()) : 0.0}});
  }
  j["warnings"] = r.warnings;
  return j;
}

} // namespace pave::cost
