#include <pave/cost/config.hpp>

#include <array>
#include <cmath>

#include <pave/cost/hint.hpp>

namespace pave::cost {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 14> k_keys{
  "region",        "node_type",   "cpu_to_memory_price_ratio", "nodes",       "discount",
  "savings_plan",  "spot_share",  "spot_discount",             "eks_cluster", "usage_file",
  "price_cache",   "default_volume_type", "storage_classes",   "budgets"};

constexpr std::array<std::string_view, 3> k_volume_types{"gp3", "gp2", "io2"};

util::Result<double> fraction(const json& v, std::string_view file, std::string_view key)
{
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 1) {
    return util::fail("{}: [cost] {}: must be a number between 0 and 1", file, key);
  }
  return v.get<double>();
}

util::Result<std::string> string(const json& v, std::string_view file, std::string_view key)
{
  if (!v.is_string()) {
    return util::fail("{}: [cost] {}: must be a string", file, key);
  }
  return v.get<std::string>();
}

util::Result<std::string> volume_type(const json& v, std::string_view file, const std::string& key)
{
  PAVE_TRY_ASSIGN(std::string t, string(v, file, key));
  for (const auto k : k_volume_types) {
    if (k == t) {
      return t;
    }
  }
  return util::fail("{}: [cost] {}: \"{}\" is not an EBS volume type (gp3, gp2, io2){}", file, key, t,
                    did_you_mean_hint(t, k_volume_types));
}

} // namespace

util::Result<CostConfig> parse_cost_config(const json& table, std::string_view file)
{
  CostConfig c;
  if (table.is_null()) {
    return c;
  }
  if (!table.is_object()) {
    return util::fail("{}: [cost] must be a table", file);
  }
  for (const auto& [key, v] : table.items()) {
    if (key == "region") {
      PAVE_TRY_ASSIGN(c.region, string(v, file, key));
    } else if (key == "node_type") {
      PAVE_TRY_ASSIGN(c.node_type, string(v, file, key));
    } else if (key == "cpu_to_memory_price_ratio") {
      if (!v.is_number() || !(v.get<double>() > 0) || !std::isfinite(v.get<double>())) {
        return util::fail("{}: [cost] {}: must be a positive number", file, key);
      }
      c.cpu_to_memory_price_ratio = v.get<double>();
    } else if (key == "nodes") {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 100000) {
        return util::fail("{}: [cost] {}: must be an integer between 0 and 100000", file, key);
      }
      c.nodes = static_cast<int>(v.get<std::int64_t>());
    } else if (key == "discount") {
      PAVE_TRY_ASSIGN(c.discount, fraction(v, file, key));
    } else if (key == "savings_plan") {
      PAVE_TRY_ASSIGN(c.savings_plan, fraction(v, file, key));
    } else if (key == "spot_share") {
      PAVE_TRY_ASSIGN(c.spot_share, fraction(v, file, key));
    } else if (key == "spot_discount") {
      PAVE_TRY_ASSIGN(c.spot_discount, fraction(v, file, key));
    } else if (key == "eks_cluster") {
      if (!v.is_boolean()) {
        return util::fail("{}: [cost] {}: must be true or false", file, key);
      }
      c.eks_cluster = v.get<bool>();
    } else if (key == "usage_file") {
      PAVE_TRY_ASSIGN(c.usage_file, string(v, file, key));
    } else if (key == "price_cache") {
      PAVE_TRY_ASSIGN(c.price_cache, string(v, file, key));
    } else if (key == "default_volume_type") {
      PAVE_TRY_ASSIGN(c.default_volume_type, volume_type(v, file, key));
    } else if (key == "storage_classes") {
      if (!v.is_object()) {
        return util::fail("{}: [cost] {}: must be a table of storage class = volume type", file, key);
      }
      for (const auto& [sc, t] : v.items()) {
        PAVE_TRY_ASSIGN(c.storage_classes[sc], volume_type(t, file, key + "." + sc));
      }
    } else if (key == "budgets") {
      if (!v.is_object()) {
        return util::fail("{}: [cost] {}: must be a table of environment = monthly amount", file, key);
      }
      for (const auto& [env, amount] : v.items()) {
        if (!amount.is_number() || !std::isfinite(amount.get<double>()) || amount.get<double>() < 0) {
          return util::fail("{}: [cost] budgets.{}: must be a non-negative number", file, env);
        }
        c.budgets[env] = amount.get<double>();
      }
    } else {
      return util::fail("{}: [cost] unknown key \"{}\"{}", file, key, did_you_mean_hint(key, k_keys));
    }
  }
  return c;
}

double compute_factor(const CostConfig& c)
{
  const double blended = (1 - c.spot_share) * (1 - c.savings_plan) + c.spot_share * (1 - c.spot_discount);
  return blended * (1 - c.discount);
}

double other_factor(const CostConfig& c)
{
  return 1 - c.discount;
}

} // namespace pave::cost
