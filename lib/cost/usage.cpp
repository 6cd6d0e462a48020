#include <pave/cost/usage.hpp>

#include <cmath>
#include <set>
#include <vector>

#include <pave/codec/yaml_json.hpp>
#include <pave/cost/hint.hpp>
#include <pave/util/fs.hpp>

namespace pave::cost {

const UsageKey k_usage_keys[] = {
  {"S3Bucket", "storage_gb", 'n'},
  {"S3Bucket", "monthly_put_requests", 'n'},
  {"S3Bucket", "monthly_get_requests", 'n'},
  {"Route53HostedZone", "monthly_queries", 'n'},
  {"Route53HealthCheck", "aws_endpoint", 'b'},
  {"AutoScalingGroupCapacity", "instance_type", 's'},
  {"Service", "lcu", 'n'},
  {"Ingress", "lcu", 'n'},
  {"NatGateway", "monthly_gb_processed", 'n'},
  {"Job", "monthly_hours", 'n'},
  {"CronJob", "monthly_hours", 'n'},
  {"DaemonSet", "nodes", 'n'},
  {"PersistentVolumeClaim", "iops", 'n'},
  {"PersistentVolumeClaim", "throughput_mibps", 'n'},
};
const std::size_t k_usage_key_count = std::size(k_usage_keys);

namespace {

util::Result<void> check_entry(const std::string& entry, const nlohmann::json& fields, std::string_view name)
{
  const auto slash = entry.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == entry.size()) {
    return util::fail("{}: resource_usage.{}: keys are KIND/NAME (NAME may be *)", name, entry);
  }
  const std::string kind = entry.substr(0, slash);
  std::set<std::string_view> kinds;
  for (const auto& k : k_usage_keys) {
    kinds.insert(k.kind);
  }
  if (!kinds.contains(kind)) {
    const std::vector<std::string_view> candidates(kinds.begin(), kinds.end());
    return util::fail("{}: resource_usage.{}: unknown kind \"{}\"{}", name, entry, kind,
                      did_you_mean_hint(kind, candidates));
  }
  if (!fields.is_object()) {
    return util::fail("{}: resource_usage.{}: must be a mapping of usage keys", name, entry);
  }
  for (const auto& [key, v] : fields.items()) {
    const UsageKey* found = nullptr;
    std::vector<std::string_view> candidates;
    for (const auto& k : k_usage_keys) {
      if (k.kind == kind) {
        candidates.push_back(k.key);
        if (k.key == key) {
          found = &k;
        }
      }
    }
    if (found == nullptr) {
      return util::fail("{}: resource_usage.{}: unknown key \"{}\"{}", name, entry, key,
                        did_you_mean_hint(key, candidates));
    }
    if (found->type == 'n' && (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0)) {
      return util::fail("{}: resource_usage.{}.{}: must be a non-negative number", name, entry, key);
    }
    if (found->type == 's' && !v.is_string()) {
      return util::fail("{}: resource_usage.{}.{}: must be a string", name, entry, key);
    }
    if (found->type == 'b' && !v.is_boolean()) {
      return util::fail("{}: resource_usage.{}.{}: must be true or false", name, entry, key);
    }
  }
  return {};
}

} // namespace

const nlohmann::json* Usage::find(std::string_view kind, std::string_view name, std::string_view key) const
{
  if (entries.empty()) {
    return nullptr;
  }
  std::string exact(kind);
  exact.append("/").append(name);
  std::string any(kind);
  any.append("/*");
  for (const std::string* candidate : {&exact, &any}) {
    const auto it = entries.find(*candidate);
    if (it != entries.end()) {
      const auto v = it->second.find(key);
      if (v != it->second.end()) {
        return &*v;
      }
    }
  }
  return nullptr;
}

double Usage::number(std::string_view kind, std::string_view name, std::string_view key, double fallback) const
{
  const auto* v = find(kind, name, key);
  return v != nullptr && v->is_number() ? v->get<double>() : fallback;
}

std::string Usage::string(std::string_view kind, std::string_view name, std::string_view key,
                          std::string_view fallback) const
{
  const auto* v = find(kind, name, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string(fallback);
}

bool Usage::boolean(std::string_view kind, std::string_view name, std::string_view key, bool fallback) const
{
  const auto* v = find(kind, name, key);
  return v != nullptr && v->is_boolean() ? v->get<bool>() : fallback;
}

util::Result<Usage> parse_usage(std::string_view text, std::string_view name)
{
  PAVE_TRY_ASSIGN(const nlohmann::json doc, codec::yaml_to_json(text, name));
  Usage u;
  u.source = std::string(name);
  if (doc.is_null()) {
    return u;
  }
  if (!doc.is_object()) {
    return util::fail("{}: a usage file is a mapping with version and resource_usage", name);
  }
  for (const auto& [key, v] : doc.items()) {
    if (key == "version") {
      const bool ok = (v.is_number() && v.get<double>() == 0.1) || (v.is_string() && v.get<std::string>() == "0.1");
      if (!ok) {
        return util::fail("{}: version: only 0.1 is supported", name);
      }
    } else if (key == "resource_usage") {
      if (v.is_null()) {
        continue;
      }
      if (!v.is_object()) {
        return util::fail("{}: resource_usage: must be a mapping of KIND/NAME to usage", name);
      }
      for (const auto& [entry, fields] : v.items()) {
        PAVE_TRY(check_entry(entry, fields, name));
        u.entries.emplace(entry, fields);
      }
    } else {
      constexpr std::string_view k_top[] = {"version", "resource_usage"};
      return util::fail("{}: unknown key \"{}\"{}", name, key, did_you_mean_hint(key, k_top));
    }
  }
  return u;
}

util::Result<Usage> load_usage(const std::string& path)
{
  PAVE_TRY_ASSIGN(const std::string text, util::read_file(path));
  return parse_usage(text, path);
}

} // namespace pave::cost
