#include <pave/cost/catalog.hpp>

#include <cmath>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/embedded/files.hpp>
#include <pave/util/fs.hpp>
#include <pave/cost/hint.hpp>
#include <pave/util/strings.hpp>

namespace pave::cost {

namespace {

using nlohmann::json;

/// Reads JSON objects strictly: every key must be known, every price a
/// finite non-negative number; errors name the path of the value.
class Reader
{
public:
  explicit Reader(std::string_view name) : m_name(name) {}

  util::Result<const json*> object(const json& parent, std::string_view key, const std::string& path) const
  {
    const auto it = parent.find(key);
    if (it == parent.end() || !it->is_object()) {
      return util::fail("{}: {}{}: expected an object", m_name, path, key);
    }
    return &*it;
  }

  util::Result<double> number(const json& parent, std::string_view key, const std::string& path) const
  {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      return util::fail("{}: {}{}: missing", m_name, path, key);
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < 0) {
      return util::fail("{}: {}{}: expected a non-negative number", m_name, path, key);
    }
    return it->get<double>();
  }

  util::Result<std::string> string(const json& parent, std::string_view key) const
  {
    const auto it = parent.find(key);
    if (it == parent.end() || !it->is_string()) {
      return util::fail("{}: {}: expected a string", m_name, key);
    }
    return it->get<std::string>();
  }

  /// Error for the first key of `object` not in `known`.
  util::Result<void> only(const json& object, std::initializer_list<std::string_view> known,
                          const std::string& path) const
  {
    for (const auto& [k, v] : object.items()) {
      bool found = false;
      for (const auto key : known) {
        found = found || key == k;
      }
      if (!found) {
        const std::vector<std::string_view> candidates(known);
        return util::fail("{}: {}{}: unknown key{}", m_name, path, k, did_you_mean_hint(k, candidates));
      }
    }
    return {};
  }

private:
  std::string_view m_name;
};

util::Result<RegionPrices> read_region(const Reader& r, const json& j, const std::string& path)
{
  RegionPrices p;
  PAVE_TRY(r.only(j, {"ec2", "ebs", "s3", "elb", "nat_gateway", "eks"}, path));
  PAVE_TRY_ASSIGN(const json* ec2, r.object(j, "ec2", path));
  for (const auto& [type, v] : ec2->items()) {
    PAVE_TRY_ASSIGN(const double hourly, r.number(*ec2, type, path + "ec2."));
    p.ec2.emplace(type, hourly);
  }
  PAVE_TRY_ASSIGN(const json* ebs, r.object(j, "ebs", path));
  for (const auto& [type, v] : ebs->items()) {
    const std::string vp = path + "ebs." + type + ".";
    PAVE_TRY_ASSIGN(const json* e, r.object(*ebs, type, path + "ebs."));
    PAVE_TRY(r.only(*e, {"gb_month", "iops_month", "throughput_mibps_month", "included_iops", "included_throughput_mibps"},
                    vp));
    EbsPrice price;
    PAVE_TRY_ASSIGN(price.gb_month, r.number(*e, "gb_month", vp));
    for (auto [key, field] : {std::pair{"iops_month", &EbsPrice::iops_month},
                              std::pair{"throughput_mibps_month", &EbsPrice::throughput_mibps_month},
                              std::pair{"included_iops", &EbsPrice::included_iops},
                              std::pair{"included_throughput_mibps", &EbsPrice::included_throughput_mibps}}) {
      if (e->contains(key)) {
        PAVE_TRY_ASSIGN(price.*field, r.number(*e, key, vp));
      }
    }
    p.ebs.emplace(type, price);
  }
  PAVE_TRY_ASSIGN(const json* s3, r.object(j, "s3", path));
  PAVE_TRY(r.only(*s3, {"standard_gb_month", "put_per_1000", "get_per_1000"}, path + "s3."));
  PAVE_TRY_ASSIGN(p.s3_standard_gb_month, r.number(*s3, "standard_gb_month", path + "s3."));
  PAVE_TRY_ASSIGN(p.s3_put_per_1000, r.number(*s3, "put_per_1000", path + "s3."));
  PAVE_TRY_ASSIGN(p.s3_get_per_1000, r.number(*s3, "get_per_1000", path + "s3."));
  PAVE_TRY_ASSIGN(const json* elb, r.object(j, "elb", path));
  PAVE_TRY(r.only(*elb, {"alb_hourly", "alb_lcu_hourly", "nlb_hourly", "nlb_lcu_hourly"}, path + "elb."));
  PAVE_TRY_ASSIGN(p.alb_hourly, r.number(*elb, "alb_hourly", path + "elb."));
  PAVE_TRY_ASSIGN(p.alb_lcu_hourly, r.number(*elb, "alb_lcu_hourly", path + "elb."));
  PAVE_TRY_ASSIGN(p.nlb_hourly, r.number(*elb, "nlb_hourly", path + "elb."));
  PAVE_TRY_ASSIGN(p.nlb_lcu_hourly, r.number(*elb, "nlb_lcu_hourly", path + "elb."));
  PAVE_TRY_ASSIGN(const json* nat, r.object(j, "nat_gateway", path));
  PAVE_TRY(r.only(*nat, {"hourly", "gb_processed"}, path + "nat_gateway."));
  PAVE_TRY_ASSIGN(p.nat_hourly, r.number(*nat, "hourly", path + "nat_gateway."));
  PAVE_TRY_ASSIGN(p.nat_gb_processed, r.number(*nat, "gb_processed", path + "nat_gateway."));
  PAVE_TRY_ASSIGN(const json* eks, r.object(j, "eks", path));
  PAVE_TRY(r.only(*eks, {"cluster_hourly"}, path + "eks."));
  PAVE_TRY_ASSIGN(p.eks_cluster_hourly, r.number(*eks, "cluster_hourly", path + "eks."));
  return p;
}

} // namespace

util::Result<const RegionPrices*> Catalog::region(std::string_view name) const
{
  const auto it = regions.find(name);
  if (it == regions.end()) {
    std::vector<std::string> names;
    for (const auto& [k, v] : regions) {
      names.push_back(k);
    }
    return util::fail("no prices for region \"{}\" in the catalog (regions: {})", name, util::join(names, ", "));
  }
  return &it->second;
}

util::Result<InstanceType> Catalog::instance(std::string_view type) const
{
  const auto it = instance_types.find(type);
  if (it == instance_types.end()) {
    std::vector<std::string_view> names;
    for (const auto& [k, v] : instance_types) {
      names.push_back(k);
    }
    return util::fail("unknown instance type \"{}\"{}", type, did_you_mean_hint(type, names));
  }
  return it->second;
}

util::Result<double> Catalog::instance_hourly(std::string_view region_name, std::string_view type) const
{
  PAVE_TRY_ASSIGN(const RegionPrices* r, region(region_name));
  PAVE_TRY(instance(type));
  const auto it = r->ec2.find(type);
  if (it == r->ec2.end()) {
    return util::fail("no price for instance type \"{}\" in region {} in the catalog", type, region_name);
  }
  return it->second;
}

util::Result<Catalog> parse_catalog(std::string_view text, std::string_view name)
{
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return util::fail("{}: not a JSON object", name);
  }
  const Reader r(name);
  PAVE_TRY(r.only(j, {"format_version", "provider", "currency", "effective_date", "source", "hours_per_month",
                      "instance_types", "regions", "global"},
                  ""));
  Catalog c;
  const auto fv = j.find("format_version");
  if (fv == j.end() || !fv->is_number_integer()) {
    return util::fail("{}: format_version: expected an integer", name);
  }
  if (fv->get<std::int64_t>() != k_catalog_format) {
    return util::fail("{}: format_version {} is not supported ({})", name, fv->dump(), k_catalog_format);
  }
  PAVE_TRY_ASSIGN(c.provider, r.string(j, "provider"));
  if (c.provider != "aws") {
    return util::fail("{}: provider \"{}\" is not supported (aws)", name, c.provider);
  }
  PAVE_TRY_ASSIGN(c.currency, r.string(j, "currency"));
  PAVE_TRY_ASSIGN(c.effective_date, r.string(j, "effective_date"));
  PAVE_TRY_ASSIGN(c.source, r.string(j, "source"));
  PAVE_TRY_ASSIGN(c.hours_per_month, r.number(j, "hours_per_month", ""));
  if (c.hours_per_month <= 0 || c.hours_per_month > 744) {
    return util::fail("{}: hours_per_month must be in (0, 744]", name);
  }
  PAVE_TRY_ASSIGN(const json* types, r.object(j, "instance_types", ""));
  for (const auto& [type, v] : types->items()) {
    const std::string path = "instance_types." + type + ".";
    PAVE_TRY_ASSIGN(const json* t, r.object(*types, type, "instance_types."));
    PAVE_TRY(r.only(*t, {"vcpu", "memory_gib"}, path));
    InstanceType it;
    PAVE_TRY_ASSIGN(it.vcpu, r.number(*t, "vcpu", path));
    PAVE_TRY_ASSIGN(it.memory_gib, r.number(*t, "memory_gib", path));
    if (it.vcpu <= 0 || it.memory_gib <= 0) {
      return util::fail("{}: {}: vcpu and memory_gib must be positive", name, path.substr(0, path.size() - 1));
    }
    c.instance_types.emplace(type, it);
  }
  PAVE_TRY_ASSIGN(const json* regions, r.object(j, "regions", ""));
  for (const auto& [region, v] : regions->items()) {
    PAVE_TRY_ASSIGN(const json* rj, r.object(*regions, region, "regions."));
    PAVE_TRY_ASSIGN(RegionPrices p, read_region(r, *rj, "regions." + region + "."));
    for (const auto& [type, price] : p.ec2) {
      if (!c.instance_types.contains(type)) {
        return util::fail("{}: regions.{}.ec2.{}: not in instance_types", name, region, type);
      }
    }
    c.regions.emplace(region, std::move(p));
  }
  PAVE_TRY_ASSIGN(const json* global, r.object(j, "global", ""));
  PAVE_TRY(r.only(*global, {"route53"}, "global."));
  PAVE_TRY_ASSIGN(const json* r53, r.object(*global, "route53", "global."));
  const std::string rp = "global.route53.";
  PAVE_TRY(r.only(*r53, {"hosted_zone_month", "queries_per_million", "health_check_aws_month", "health_check_other_month",
                         "health_check_feature_aws_month", "health_check_feature_other_month"},
                  rp));
  PAVE_TRY_ASSIGN(c.route53.hosted_zone_month, r.number(*r53, "hosted_zone_month", rp));
  PAVE_TRY_ASSIGN(c.route53.queries_per_million, r.number(*r53, "queries_per_million", rp));
  PAVE_TRY_ASSIGN(c.route53.health_check_aws_month, r.number(*r53, "health_check_aws_month", rp));
  PAVE_TRY_ASSIGN(c.route53.health_check_other_month, r.number(*r53, "health_check_other_month", rp));
  PAVE_TRY_ASSIGN(c.route53.health_check_feature_aws_month, r.number(*r53, "health_check_feature_aws_month", rp));
  PAVE_TRY_ASSIGN(c.route53.health_check_feature_other_month, r.number(*r53, "health_check_feature_other_month", rp));
  return c;
}

const Catalog& builtin_catalog()
{
  static const Catalog k_catalog = [] {
    for (const auto& f : embedded::price_files()) {
      if (f.path == "aws.json") {
        return util::value_or_throw(parse_catalog(f.data, "built-in catalog aws.json"));
      }
    }
    throw util::Fatal(util::Error{"the built-in price catalog is missing from this build"});
  }();
  return k_catalog;
}

util::Result<Catalog> load_catalog(const std::filesystem::path& cache_file)
{
  if (cache_file.empty() || !util::exists(cache_file)) {
    return builtin_catalog();
  }
  PAVE_TRY_ASSIGN(const std::string text, util::read_file(cache_file));
  return parse_catalog(text, cache_file.string());
}

std::string catalog_to_json(const Catalog& c)
{
  nlohmann::ordered_json j;
  j["format_version"] = c.format_version;
  j["provider"] = c.provider;
  j["currency"] = c.currency;
  j["effective_date"] = c.effective_date;
  j["source"] = c.source;
  j["hours_per_month"] = c.hours_per_month;
  j["instance_types"] = nlohmann::ordered_json::object();
  for (const auto& [k, t] : c.instance_types) {
    j["instance_types"][k] = {{"vcpu", t.vcpu}, {"memory_gib", t.memory_gib}};
  }
  j["regions"] = nlohmann::ordered_json::object();
  for (const auto& [name, r] : c.regions) {
    nlohmann::ordered_json rj;
    rj["ec2"] = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.ec2) {
      rj["ec2"][k] = v;
    }
    rj["ebs"] = nlohmann::ordered_json::object();
    for (const auto& [k, e] : r.ebs) {
      nlohmann::ordered_json ej{{"gb_month", e.gb_month}};
      if (e.iops_month > 0) {
        ej["iops_month"] = e.iops_month;
      }
      if (e.throughput_mibps_month > 0) {
        ej["throughput_mibps_month"] = e.throughput_mibps_month;
      }
      if (e.included_iops > 0) {
        ej["included_iops"] = e.included_iops;
      }
      if (e.included_throughput_mibps > 0) {
        ej["included_throughput_mibps"] = e.included_throughput_mibps;
      }
      rj["ebs"][k] = ej;
    }
    rj["s3"] = {{"standard_gb_month", r.s3_standard_gb_month},
                {"put_per_1000", r.s3_put_per_1000},
                {"get_per_1000", r.s3_get_per_1000}};
    rj["elb"] = {{"alb_hourly", r.alb_hourly},
                 {"alb_lcu_hourly", r.alb_lcu_hourly},
                 {"nlb_hourly", r.nlb_hourly},
                 {"nlb_lcu_hourly", r.nlb_lcu_hourly}};
    rj["nat_gateway"] = {{"hourly", r.nat_hourly}, {"gb_processed", r.nat_gb_processed}};
    rj["eks"] = {{"cluster_hourly", r.eks_cluster_hourly}};
    j["regions"][name] = rj;
  }
  const auto& p = c.route53;
  j["global"]["route53"] = {{"hosted_zone_month", p.hosted_zone_month},
                            {"queries_per_million", p.queries_per_million},
                            {"health_check_aws_month", p.health_check_aws_month},
                            {"health_check_other_month", p.health_check_other_month},
                            {"health_check_feature_aws_month", p.health_check_feature_aws_month},
                            {"health_check_feature_other_month", p.health_check_feature_other_month}};
  return j.dump(1) + "\n";
}

} // namespace pave::cost
