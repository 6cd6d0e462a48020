#include <pave/cloud/aws/cost_explorer.hpp>

#include <charconv>
#include <cmath>

#include <pave/cloud/aws/endpoint.hpp>
#include <pave/cloud/aws/json_protocol.hpp>

namespace pave::cloud::aws::cost_explorer {

namespace {

using nlohmann::json;

constexpr std::string_view k_target = "AWSInsightsIndexService";

bool is_date(std::string_view s)
{
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
      return false;
    }
  }
  return true;
}

util::Result<Amount> amount(const json& j, std::string_view where)
{
  if (!j.is_object() || !j.contains("Amount") || !j["Amount"].is_string()) {
    return util::fail("Cost Explorer answer: {}: expected {{\"Amount\": \"...\", \"Unit\": ...}}", where);
  }
  const auto& s = j["Amount"].get_ref<const std::string&>();
  Amount a;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), a.amount);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(a.amount)) {
    return util::fail("Cost Explorer answer: {}: \"{}\" is not an amount", where, s);
  }
  a.unit = j.value("Unit", "");
  return a;
}

util::Result<std::map<std::string, Amount>> metrics(const json& j, std::string_view where)
{
  std::map<std::string, Amount> out;
  if (j.is_null()) {
    return out;
  }
  if (!j.is_object()) {
    return util::fail("Cost Explorer answer: {}: expected an object", where);
  }
  for (const auto& [k, v] : j.items()) {
    PAVE_TRY_ASSIGN(out[k], amount(v, std::string(where) + "." + k));
  }
  return out;
}

} // namespace

std::string_view to_string(Granularity g)
{
  switch (g) {
  case Granularity::daily: return "DAILY";
  case Granularity::monthly: return "MONTHLY";
  case Granularity::hourly: return "HOURLY";
  }
  return "MONTHLY";
}

std::optional<Granularity> parse_granularity(std::string_view s)
{
  std::string u(s);
  for (auto& c : u) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const auto g : {Granularity::daily, Granularity::monthly, Granularity::hourly}) {
    if (to_string(g) == u) {
      return g;
    }
  }
  return std::nullopt;
}

json request_json(const Request& r, const std::string& next_page_token)
{
  json j;
  j["TimePeriod"] = {{"Start", r.start}, {"End", r.end}};
  j["Granularity"] = std::string(to_string(r.granularity));
  j["Metrics"] = r.metrics;
  if (!r.group_by.empty()) {
    j["GroupBy"] = json::array();
    for (const auto& g : r.group_by) {
      const char* type = g.type == GroupBy::Type::tag             ? "TAG"
                         : g.type == GroupBy::Type::cost_category ? "COST_CATEGORY"
                                                                  : "DIMENSION";
      j["GroupBy"].push_back({{"Type", type}, {"Key", g.key}});
    }
  }
  if (!r.filter.is_null()) {
    j["Filter"] = r.filter;
  }
  if (!next_page_token.empty()) {
    j["NextPageToken"] = next_page_token;
  }
  return j;
}

util::Result<std::string> parse_page(const json& page, Response& out)
{
  if (!page.is_object()) {
    return util::fail("Cost Explorer answer: expected an object");
  }
  const auto rbt = page.find("ResultsByTime");
  if (rbt != page.end() && !rbt->is_array()) {
    return util::fail("Cost Explorer answer: ResultsByTime: expected an array");
  }
  if (rbt != page.end()) {
    for (const auto& r : *rbt) {
      ResultByTime x;
      const auto& tp = r.contains("TimePeriod") ? r["TimePeriod"] : json();
      if (!tp.is_object() || !tp.value("Start", json()).is_string() || !tp.value("End", json()).is_string()) {
        return util::fail("Cost Explorer answer: ResultsByTime[].TimePeriod: expected Start and End");
      }
      x.start = tp["Start"].get<std::string>();
      x.end = tp["End"].get<std::string>();
      PAVE_TRY_ASSIGN(x.total, metrics(r.value("Total", json()), "Total"));
      x.estimated = r.value("Estimated", false);
      const json groups = r.value("Groups", json::array());
      if (!groups.is_array()) {
        return util::fail("Cost Explorer answer: Groups: expected an array");
      }
      for (const auto& g : groups) {
        Group group;
        if (!g.is_object() || !g.value("Keys", json()).is_array()) {
          return util::fail("Cost Explorer answer: Groups[].Keys: expected an array");
        }
        for (const auto& k : g["Keys"]) {
          if (!k.is_string()) {
            return util::fail("Cost Explorer answer: Groups[].Keys: expected strings");
          }
          group.keys.push_back(k.get<std::string>());
        }
        PAVE_TRY_ASSIGN(group.metrics, metrics(g.value("Metrics", json()), "Groups[].Metrics"));
        x.groups.push_back(std::move(group));
      }
      out.results.push_back(std::move(x));
    }
  }
  const auto token = page.find("NextPageToken");
  if (token != page.end() && !token->is_null()) {
    if (!token->is_string()) {
      return util::fail("Cost Explorer answer: NextPageToken: expected a string");
    }
    return token->get<std::string>();
  }
  return std::string();
}

util::Result<Response> get_cost_and_usage(Client& client, const Request& r, int max_pages)
{
  if (!is_date(r.start) || !is_date(r.end) || r.start >= r.end) {
    return util::fail("Cost Explorer: the period must be two dates YYYY-MM-DD, start before end (got {} to {})",
                      r.start, r.end);
  }
  if (r.metrics.empty()) {
    return util::fail("Cost Explorer: at least one metric is needed");
  }
  if (r.group_by.size() > 2) {
    return util::fail("Cost Explorer: at most two group-by keys (got {})", r.group_by.size());
  }
  Response out;
  std::string token;
  do {
    if (out.pages >= max_pages) {
      return util::fail("Cost Explorer GetCostAndUsage: more than {} pages", max_pages);
    }
    auto page = call_json(client, k_cost_explorer, std::string(k_target), "GetCostAndUsage", request_json(r, token));
    ++out.pages;
    if (!page) {
      return util::fail("Cost Explorer: {}", page.error().describe());
    }
    const std::string previous = token;
    PAVE_TRY_ASSIGN(token, parse_page(*page, out));
    if (!token.empty() && token == previous) {
      return util::fail("Cost Explorer GetCostAndUsage: the service returned the same NextPageToken twice");
    }
  } while (!token.empty());
  return out;
}

} // namespace pave::cloud::aws::cost_explorer
