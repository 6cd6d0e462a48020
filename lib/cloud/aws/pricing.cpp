#include <pave/cloud/aws/pricing.hpp>

#include <charconv>
#include <cmath>

#include <pave/cloud/aws/endpoint.hpp>
#include <pave/cloud/aws/json_protocol.hpp>

namespace pave::cloud::aws::pricing {

namespace {

using nlohmann::json;

constexpr std::string_view k_target = "AWSPriceListService";

std::optional<double> to_double(const std::string& s)
{
  double d = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(d) || d < 0) {
    return std::nullopt;
  }
  return d;
}

} // namespace

json request_json(const std::string& service_code, const std::vector<Filter>& filters, const std::string& next_token)
{
  json j;
  j["ServiceCode"] = service_code;
  j["FormatVersion"] = "aws_v1";
  j["MaxResults"] = 100;
  j["Filters"] = json::array();
  for (const auto& f : filters) {
    j["Filters"].push_back({{"Type", "TERM_MATCH"}, {"Field", f.field}, {"Value", f.value}});
  }
  if (!next_token.empty()) {
    j["NextToken"] = next_token;
  }
  return j;
}

util::Result<Product> parse_product(std::string_view text)
{
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return util::fail("PriceList entry: not a JSON object");
  }
  Product p;
  const json product = j.value("product", json());
  if (!product.is_object()) {
    return util::fail("PriceList entry: no product");
  }
  p.sku = product.value("sku", "");
  p.product_family = product.value("productFamily", "");
  const json attrs = product.value("attributes", json::object());
  if (!attrs.is_object()) {
    return util::fail("PriceList entry {}: product.attributes: expected an object", p.sku);
  }
  for (const auto& [k, v] : attrs.items()) {
    if (v.is_string()) {
      p.attributes[k] = v.get<std::string>();
    }
  }
  const json terms = j.value("terms", json::object());
  const json on_demand = terms.is_object() ? terms.value("OnDemand", json::object()) : json::object();
  if (!on_demand.is_object()) {
    return util::fail("PriceList entry {}: terms.OnDemand: expected an object", p.sku);
  }
  for (const auto& [offer, term] : on_demand.items()) {
    const json dims = term.is_object() ? term.value("priceDimensions", json::object()) : json::object();
    if (!dims.is_object()) {
      return util::fail("PriceList entry {}: priceDimensions: expected an object", p.sku);
    }
    for (const auto& [id, dim] : dims.items()) {
      if (!dim.is_object()) {
        return util::fail("PriceList entry {}: price dimension {}: expected an object", p.sku, id);
      }
      const std::string unit = dim.value("unit", "");
      const json per_unit = dim.value("pricePerUnit", json::object());
      const json usd = per_unit.is_object() ? per_unit.value("USD", json()) : json();
      if (!usd.is_string()) {
        continue; // priced in another currency only
      }
      const auto price = to_double(usd.get<std::string>());
      if (!price) {
        return util::fail("PriceList entry {}: \"{}\" is not a price", p.sku, usd.get<std::string>());
      }
      const std::string begin = dim.value("beginRange", "0");
      if (begin == "0" && !p.on_demand_usd.contains(unit)) {
        p.on_demand_usd[unit] = *price;
      }
    }
  }
  return p;
}

util::Result<Response> get_products(Client& client, const std::string& service_code,
                                    const std::vector<Filter>& filters, int max_pages)
{
  Response out;
  std::string token;
  do {
    if (out.pages >= max_pages) {
      return util::fail("Pricing GetProducts: more than {} pages", max_pages);
    }
    auto page = call_json(client, k_pricing, std::string(k_target), "GetProducts",
                          request_json(service_code, filters, token));
    ++out.pages;
    if (!page) {
      return util::fail("Pricing: {}", page.error().describe());
    }
    const auto list = page->find("PriceList");
    if (list != page->end() && !list->is_array()) {
      return util::fail("Pricing GetProducts answer: PriceList: expected an array");
    }
    if (list != page->end()) {
      for (const auto& entry : *list) {
        if (!entry.is_string()) {
          return util::fail("Pricing GetProducts answer: PriceList entries are JSON strings");
        }
        PAVE_TRY_ASSIGN(Product p, parse_product(entry.get_ref<const std::string&>()));
        out.products.push_back(std::move(p));
      }
    }
    const std::string previous = token;
    token.clear();
    const auto next = page->find("NextToken");
    if (next != page->end() && !next->is_null()) {
      if (!next->is_string()) {
        return util::fail("Pricing GetProducts answer: NextToken: expected a string");
      }
      token = next->get<std::string>();
      if (!token.empty() && token == previous) {
        return util::fail("Pricing GetProducts: the service returned the same NextToken twice");
      }
    }
  } while (!token.empty());
  return out;
}

} // namespace pave::cloud::aws::pricing
