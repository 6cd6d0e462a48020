#include <pave/cost/refresh.hpp>

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

namespace pave::cost {

namespace {

namespace pricing = cloud::aws::pricing;

/// The families the catalog prices ("m5" of "m5.large").
bool covered_family(const Catalog& c, std::string_view type)
{
  const std::string_view family = type.substr(0, type.find('.'));
  for (const auto& [known, t] : c.instance_types) {
    if (std::string_view(known).substr(0, known.find('.')) == family) {
      return true;
    }
  }
  return false;
}

/// "8 GiB" -> 8, "0.5 GiB" -> 0.5, "2" -> 2.
std::optional<double> leading_number(const std::string& s)
{
  double d = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p == s.data() || d <= 0) {
    return std::nullopt;
  }
  return d;
}

std::string attr(const pricing::Product& p, const std::string& key)
{
  const auto it = p.attributes.find(key);
  return it == p.attributes.end() ? std::string() : it->second;
}

} // namespace

std::pair<int, int> apply_products(Catalog& c, const std::string& region, const std::vector<pricing::Product>& products)
{
  int instances = 0, volumes = 0;
  auto& r = c.regions[region];
  for (const auto& p : products) {
    if (p.product_family == "Compute Instance") {
      const std::string type = attr(p, "instanceType");
      const auto hourly = p.on_demand_usd.find("Hrs");
      if (type.empty() || hourly == p.on_demand_usd.end() || !covered_family(c, type) || hourly->second <= 0) {
        continue;
      }
      if (attr(p, "operatingSystem") != "Linux" || attr(p, "tenancy") != "Shared" ||
          (!attr(p, "preInstalledSw").empty() && attr(p, "preInstalledSw") != "NA") ||
          (!attr(p, "capacitystatus").empty() && attr(p, "capacitystatus") != "Used")) {
        continue;
      }
      if (!c.instance_types.contains(type)) {
        const auto vcpu = leading_number(attr(p, "vcpu"));
        const auto memory = leading_number(attr(p, "memory"));
        if (!vcpu || !memory) {
          continue;
        }
        c.instance_types[type] = {*vcpu, *memory};
      }
      r.ec2[type] = hourly->second;
      ++instances;
    } else if (p.product_family == "Storage") {
      const std::string type = attr(p, "volumeApiName");
      const auto gb = p.on_demand_usd.find("GB-Mo");
      if (gb == p.on_demand_usd.end() || (type != "gp3" && type != "gp2" && type != "io2")) {
        continue;
      }
      r.ebs[type].gb_month = gb->second;
      ++volumes;
    }
  }
  return {instances, volumes};
}

util::Result<RefreshResult> refresh_catalog(cloud::aws::Client& client, const Catalog& base,
                                            const std::vector<std::string>& regions, const std::string& today)
{
  RefreshResult out;
  out.catalog = base;
  std::vector<std::string> names = regions;
  if (names.empty()) {
    for (const auto& [name, r] : base.regions) {
      names.push_back(name);
    }
  }
  for (const auto& region : names) {
    if (!base.regions.contains(region)) {
      return util::fail("--refresh-prices: region {} is not in the catalog; its other prices would be missing", region);
    }
    const std::vector<pricing::Filter> compute{{"regionCode", region},          {"productFamily", "Compute Instance"},
                                               {"operatingSystem", "Linux"},    {"tenancy", "Shared"},
                                               {"preInstalledSw", "NA"},        {"capacitystatus", "Used"}};
    PAVE_TRY_ASSIGN(const auto instances, pricing::get_products(client, "AmazonEC2", compute));
    const std::vector<pricing::Filter> storage{{"regionCode", region}, {"productFamily", "Storage"}};
    PAVE_TRY_ASSIGN(const auto volumes, pricing::get_products(client, "AmazonEC2", storage));
    out.requests += instances.pages + volumes.pages;
    const auto [i, v1] = apply_products(out.catalog, region, instances.products);
    const auto [i2, v] = apply_products(out.catalog, region, volumes.products);
    out.instance_prices += i + i2;
    out.volume_prices += v1 + v;
  }
  if (out.instance_prices == 0) {
    return util::fail("--refresh-prices: the Price List API returned no EC2 prices for {}", fmt::join(names, ", "));
  }
  out.catalog.effective_date = today;
  out.catalog.source = fmt::format(
    "AWS Price List Query API (GetProducts, AmazonEC2: {} instance and {} volume prices for {}), fetched {}; other "
    "prices from the built-in catalog of {}",
    out.instance_prices, out.volume_prices, fmt::join(names, ", "), today, base.effective_date);
  return out;
}

std::filesystem::path default_price_cache()
{
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "pave" / "prices" / "aws.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "pave" / "prices" / "aws.json";
  }
  return {};
}

} // namespace pave::cost
