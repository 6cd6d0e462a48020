#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <pave/cost/report.hpp>

using namespace pave;

namespace {

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

} // namespace

TEST_CASE("cost::write_table: a long table is one table, in order, its columns as wide as its widest cell")
{
  // 40,000 rows: the table is made in parts on several threads. The widest
  // name is in the middle part and the widest detail in the last: every row
  // is padded to them all the same.
  constexpr int k_rows = 40000;
  cost::Report r;
  r.catalog_source = "AWS Price List (test)";
  r.catalog_date = "2024-06-01";
  cost::Estimate& e = r.estimates.emplace_back();
  e.environment = "prod";
  e.region = "us-east-1";
  for (int k = 0; k < k_rows; ++k) {
    cost::LineItem& i = e.items.emplace_back();
    i.kind = "Deployment";
    i.namespace_ = "ns";
    i.name = k == 20000 ? std::string(60, 'n') : fmt::format("w{:05}", k);
    i.app = k % 3 == 0 ? "" : "web";
    i.detail = k == k_rows - 1 ? std::string(70, 'd') : "1 replica";
    i.monthly = i.monthly_max = k == 7 ? 123456.78 : 1.5;
    e.monthly += i.monthly;
    e.monthly_max += i.monthly_max;
  }
  std::ostringstream out;
  cost::write_table(out, r);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 2 + 1 + k_rows + 2);
  CHECK(lines[0].starts_with("Environment prod (us-east-1): $"));
  CHECK(lines[1].empty());
  const std::string& header = lines[2];
  const auto app_at = header.find("APP");
  const auto detail_at = header.find("DETAIL");
  CHECK(app_at == std::string("Deployment ns/").size() + 60 + 2);
  CHECK(detail_at == app_at + 3 + 2);
  // The last column is right-aligned: every line of the table is as long as the header.
  CHECK(header.size() == detail_at + 70 + 2 + std::string("$123,456.78").size());
  for (int k = 0; k < k_rows; ++k) {
    const std::string& row = lines[3 + static_cast<std::size_t>(k)];
    const std::string name = k == 20000 ? std::string(60, 'n') : fmt::format("w{:05}", k);
    INFO("row ", k, ": ", row);
    REQUIRE(row.starts_with("Deployment ns/" + name + " "));
    REQUIRE(row.size() == header.size());
    REQUIRE(row.substr(app_at, 3) == (k % 3 == 0 ? "-  " : "web"));
    REQUIRE(row.substr(detail_at, 9) == (k == k_rows - 1 ? std::string(9, 'd') : "1 replica"));
    REQUIRE(row.ends_with(k == 7 ? " $123,456.78" : " $1.50"));
  }
  CHECK(lines[3 + k_rows].empty());
  CHECK(lines.back() == "Prices: AWS Price List, 2024-06-01");
}
