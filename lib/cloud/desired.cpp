#include <pave/cloud/desired.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>


namespace pave::cloud {

namespace {

using json = nlohmann::json;

enum class T { string, integer, boolean, strings, table, rules };

struct Key
{
  std::string_view name;
  T type;
  bool required = false;
};

struct Section
{
  std::string_view name; ///< [cloud.NAME.X]
  std::string_view kind;
  std::vector<Key> keys;
};

const std::vector<Section>& sections()
{
  static const std::vector<Section> k = {
    {"s3_buckets", "S3Bucket",
     {{"name", T::string}, {"versioning", T::boolean}, {"encryption", T::string}, {"kms_key_id", T::string},
      {"bucket_key", T::boolean}, {"public_access_block", T::boolean}, {"tags", T::table}, {"lifecycle", T::rules},
      {"environments", T::strings}}},
    {"hosted_zones", "Route53HostedZone",
     {{"name", T::string, true}, {"comment", T::string}, {"tags", T::table}, {"environments", T::strings}}},
    {"health_checks", "Route53HealthCheck",
     {{"type", T::string, true}, {"ip_address", T::string}, {"fqdn", T::string}, {"port", T::integer},
      {"path", T::string}, {"search_string", T::string}, {"request_interval", T::integer},
      {"failure_threshold", T::integer}, {"inverted", T::boolean}, {"disabled", T::boolean},
      {"environments", T::strings}}},
    {"records", "Route53RecordSet",
     {{"zone", T::string, true}, {"name", T::string, true}, {"type", T::string, true}, {"ttl", T::integer},
      {"values", T::strings, true}, {"set_id", T::string}, {"weight", T::integer}, {"failover", T::string},
      {"health_check", T::string}, {"environments", T::strings}}},
    {"autoscaling", "AutoScalingGroupCapacity",
     {{"group", T::string}, {"min", T::integer, true}, {"max", T::integer, true}, {"desired", T::integer},
      {"environments", T::strings}}},
  };
  return k;
}

const std::vector<std::string_view> k_rule_keys = {"id", "prefix", "enabled", "expiration_days",
                                                   "noncurrent_expiration_days", "abort_incomplete_days"};

std::string_view type_name(T t)
{
  switch (t) {
  case T::string: return "a string";
  case T::integer: return "an integer";
  case T::boolean: return "a boolean";
  case T::strings: return "an array of strings";
  case T::table: return "a table of strings";
  case T::rules: return "an array of tables";
  }
  return "";
}

bool has_type(const json& v, T t)
{
  switch (t) {
  case T::string: return v.is_string();
  case T::integer: return v.is_number_integer();
  case T::boolean: return v.is_boolean();
  case T::strings: return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); });
  case T::table:
    return v.is_object() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); });
  case T::rules: return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); });
  }
  return false;
}

std::size_t distance(std::string_view a, std::string_view b)
{
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string suggest(std::string_view got, const std::vector<std::string_view>& names)
{
  for (const auto n : names) {
    if (distance(got, n) <= 2) {
      return fmt::format("did you mean \"{}\"?", n);
    }
  }
  return {};
}

std::string fqdn(std::string s)
{
  if (!s.empty() && s.back() != '.') {
    s += '.';
  }
  return s;
}

json substitute(const json& v, const std::string& env)
{
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (auto pos = s.find("{env}"); pos != std::string::npos; pos = s.find("{env}", pos + env.size())) {
      s.replace(pos, 5, env);
    }
    return s;
  }
  if (v.is_object() || v.is_array()) {
    json out = v;
    for (auto it = out.begin(); it != out.end(); ++it) {
      *it = substitute(*it, env);
    }
    return out;
  }
  return v;
}

bool for_env(const json& entry, const std::string& env)
{
  const auto e = entry.find("environments");
  if (e == entry.end() || !e->is_array() || e->empty()) {
    return true;
  }
  return std::any_of(e->begin(), e->end(), [&](const json& x) { return x.is_string() && x.get<std::string>() == env; });
}

std::string record_name(const json& r)
{
  std::string n = fqdn(r.value("name", "")) + "-" + r.value("type", "");
  if (r.contains("set_id")) {
    n += "-" + r["set_id"].get<std::string>();
  }
  return n;
}

/// The object for one entry of section `s` (already checked and substituted).
json make_object(const Section& s, const std::string& key, const json& e, const project::Environment& env)
{
  json spec = json::object();
  std::string name = key;
  const auto copy = [&](const char* from, const char* to) {
    if (e.contains(from)) {
      spec[to] = e[from];
    }
  };
  if (s.kind == "S3Bucket") {
    name = e.value("name", key);
    spec["region"] = env.region;
    copy("versioning", "versioning");
    if (e.contains("encryption")) {
      spec["encryption"] = {{"algorithm", e["encryption"]}};
      if (e.contains("kms_key_id")) {
        spec["encryption"]["kms_key_id"] = e["kms_key_id"];
      }
      if (e.contains("bucket_key")) {
        spec["encryption"]["bucket_key"] = e["bucket_key"];
      }
    }
    if (e.contains("public_access_block")) {
      const bool b = e["public_access_block"].get<bool>();
      spec["public_access_block"] = {{"block_public_acls", b},
                                     {"ignore_public_acls", b},
                                     {"block_public_policy", b},
                                     {"restrict_public_buckets", b}};
    }
    copy("tags", "tags");
    if (e.contains("lifecycle")) {
      json rules = json::array();
      for (const auto& r : e["lifecycle"]) {
        json rule = {{"id", r.value("id", "")}, {"prefix", r.value("prefix", "")}, {"enabled", r.value("enabled", true)}};
        for (const char* k : {"expiration_days", "noncurrent_expiration_days", "abort_incomplete_days"}) {
          if (r.contains(k)) {
            rule[k] = r[k];
          }
        }
        rules.push_back(std::move(rule));
      }
      spec["lifecycle"] = std::move(rules);
    }
  } else if (s.kind == "Route53HostedZone") {
    name = fqdn(e["name"].get<std::string>());
    spec["name"] = name;
    copy("comment", "comment");
    copy("tags", "tags");
  } else if (s.kind == "Route53HealthCheck") {
    for (const auto& [from, to] : std::vector<std::pair<const char*, const char*>>{
             {"type", "type"}, {"ip_address", "ip_address"}, {"fqdn", "fqdn"}, {"port", "port"},
             {"path", "resource_path"}, {"search_string", "search_string"}, {"request_interval", "request_interval"},
             {"failure_threshold", "failure_threshold"}, {"inverted", "inverted"}, {"disabled", "disabled"}}) {
      copy(from, to);
    }
  } else if (s.kind == "Route53RecordSet") {
    name = record_name(e);
    spec["zone"] = fqdn(e["zone"].get<std::string>());
    spec["name"] = fqdn(e["name"].get<std::string>());
    copy("type", "type");
    copy("ttl", "ttl");
    copy("values", "values");
    copy("set_id", "set_identifier");
    copy("weight", "weight");
    copy("failover", "failover");
    copy("health_check", "health_check");
  } else if (s.kind == "AutoScalingGroupCapacity") {
    name = e.value("group", key);
    copy("min", "min");
    copy("max", "max");
    copy("desired", "desired");
  }
  return json{{"apiVersion", k_aws_api_version},
              {"kind", s.kind},
              {"metadata", {{"name", name}, {"annotations", {{plan::k_environment_annotation, env.name}}}}},
              {"spec", std::move(spec)}};
}

} // namespace

bool is_cloud_group(std::string_view group)
{
  return group == "pave.dev" || group.ends_with(".pave.dev");
}

void check(const nlohmann::json& cloud, const project::Project& project, util::Diagnostics& diags)
{
  const std::string file = project.file.empty() ? "pave.toml" : project.file.filename().string();
  if (!cloud.is_object()) {
    diags.error(file, "[cloud] must be a table");
    return;
  }
  std::vector<std::string_view> section_names;
  for (const auto& s : sections()) {
    section_names.push_back(s.name);
  }
  std::set<std::string> health_checks;
  if (cloud.contains("health_checks") && cloud["health_checks"].is_object()) {
    for (const auto& [k, v] : cloud["health_checks"].items()) {
      health_checks.insert(k);
    }
  }
  std::map<std::string, int> primaries, secondaries;
  for (const auto& [sname, table] : cloud.items()) {
    const auto s = std::find_if(sections().begin(), sections().end(), [&](const Section& x) { return x.name == sname; });
    if (s == sections().end()) {
      diags.error(file, fmt::format("unknown section [cloud.{}]", sname), suggest(sname, section_names));
      continue;
    }
    if (!table.is_object()) {
      diags.error(file, fmt::format("[cloud.{}] must be a table of named resources", sname));
      continue;
    }
    std::vector<std::string_view> key_names;
    for (const auto& k : s->keys) {
      key_names.push_back(k.name);
    }
    for (const auto& [name, e] : table.items()) {
      const std::string where = fmt::format("cloud.{}.{}", sname, name);
      if (!e.is_object()) {
        diags.error(file, fmt::format("{} must be a table", where));
        continue;
      }
      for (const auto& [k, v] : e.items()) {
        const auto spec = std::find_if(s->keys.begin(), s->keys.end(), [&](const Key& x) { return x.name == k; });
        if (spec == s->keys.end()) {
          diags.error(file, fmt::format("{}: unknown key \"{}\"", where, k), suggest(k, key_names));
        } else if (!has_type(v, spec->type)) {
          diags.error(file, fmt::format("{}: {} must be {}", where, k, type_name(spec->type)));
        }
      }
      for (const auto& k : s->keys) {
        if (k.required && !e.contains(std::string(k.name))) {
          diags.error(file, fmt::format("{}: missing required key \"{}\"", where, k.name));
        }
      }
      if (s->kind == "S3Bucket") {
        if (e.contains("encryption") && e["encryption"] != "AES256" && e["encryption"] != "aws:kms") {
          diags.error(file, fmt::format("{}: encryption must be \"AES256\" or \"aws:kms\"", where));
        }
        for (const auto& r : e.value("lifecycle", json::array())) {
          if (!r.is_object()) {
            continue;
          }
          for (const auto& [rk, rv] : r.items()) {
            if (std::find(k_rule_keys.begin(), k_rule_keys.end(), rk) == k_rule_keys.end()) {
              diags.error(file, fmt::format("{}: unknown lifecycle key \"{}\"", where, rk), suggest(rk, k_rule_keys));
            }
          }
        }
      }
      if (s->kind == "Route53HealthCheck" && e.contains("request_interval") && e["request_interval"] != 10 &&
          e["request_interval"] != 30) {
        diags.error(file, fmt::format("{}: request_interval must be 10 or 30", where));
      }
      if (s->kind == "Route53RecordSet") {
        const bool weighted = e.contains("weight");
        const bool failover = e.contains("failover");
        if (weighted && failover) {
          diags.error(file, fmt::format("{}: weight and failover are exclusive (one routing policy per record)", where));
        }
        if ((weighted || failover) && !e.contains("set_id")) {
          diags.error(file, fmt::format("{}: {} records need a set_id", where, weighted ? "weighted" : "failover"));
        }
        if (failover && e["failover"].is_string()) {
          const auto f = e["failover"].get<std::string>();
          const std::string rr = fqdn(e.value("name", "")) + " " + e.value("type", "");
          if (f == "PRIMARY") {
            if (++primaries[rr] == 2) {
              diags.error(file, fmt::format("{}: a second PRIMARY failover record for {}", where, rr),
                          "a name and type have at most one PRIMARY and one SECONDARY record");
            }
          } else if (f == "SECONDARY") {
            if (++secondaries[rr] == 2) {
              diags.error(file, fmt::format("{}: a second SECONDARY failover record for {}", where, rr));
            }
          } else {
            diags.error(file, fmt::format("{}: failover must be PRIMARY or SECONDARY", where));
          }
        }
        if (e.contains("health_check") && e["health_check"].is_string() &&
            health_checks.count(e["health_check"].get<std::string>()) == 0) {
          diags.error(file, fmt::format("{}: health_check \"{}\" is not in [cloud.health_checks]", where,
                                        e["health_check"].get<std::string>()));
        }
        if (e.contains("values") && e["values"].is_array() && e["values"].empty()) {
          diags.error(file, fmt::format("{}: values must not be empty", where));
        }
      }
      if (s->kind == "AutoScalingGroupCapacity" && e.contains("min") && e.contains("max") &&
          e["min"].is_number_integer() && e["max"].is_number_integer()) {
        if (e["min"].get<long>() > e["max"].get<long>() ||
            (e.contains("desired") && e["desired"].is_number_integer() &&
             (e["desired"].get<long>() < e["min"].get<long>() || e["desired"].get<long>() > e["max"].get<long>()))) {
          diags.error(file, fmt::format("{}: capacity must satisfy min <= desired <= max", where));
        }
      }
    }
  }
  if (!cloud.empty()) {
    for (const auto& [ename, env] : project.environments) {
      if (env.region.empty()) {
        diags.warning(file, fmt::format("environment {} has no region; its cloud resources take AWS_REGION", ename),
                      fmt::format("set region in [environments.{}]", ename));
      }
    }
  }
}

util::Result<std::vector<plan::DesiredObject>> desired_objects(const project::Project& project,
                                                               const project::Environment& env)
{
  std::vector<plan::DesiredObject> out;
  const auto it = project.reserved.find("cloud");
  if (it == project.reserved.end()) {
    return out;
  }
  util::Diagnostics diags;
  check(it->second, project, diags);
  for (const auto& d : diags.items()) {
    if (d.severity == util::Severity::error) {
      return util::fail("{}", d.summary);
    }
  }
  std::set<std::string> seen;
  for (const auto& s : sections()) {
    const auto table = it->second.find(std::string(s.name));
    if (table == it->second.end()) {
      continue;
    }
    for (const auto& [key, raw] : table->items()) {
      if (!for_env(raw, env.name)) {
        continue;
      }
      const json e = substitute(raw, env.name);
      plan::DesiredObject d;
      d.object = make_object(s, key, e, env);
      d.ref = plan::ObjectRef{std::string(k_aws_api_version), std::string(s.kind), "",
                              d.object["metadata"]["name"].get<std::string>()};
      d.address = d.ref.address();
      d.source = fmt::format("pave.toml [cloud.{}.{}]", s.name, key);
      if (!seen.insert(d.address).second) {
        return util::fail("cloud.{}.{}: {} is declared twice", s.name, key, d.ref.display());
      }
      out.push_back(std::move(d));
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.address < b.address; });
  return out;
}

} // namespace pave::cloud
