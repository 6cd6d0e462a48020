#include <pave/failover/config.hpp>

#include <fmt/format.h>

#include <pave/util/diagnostics.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

namespace pave::failover {

namespace {

using json = nlohmann::json;

/// Reads the keys of one table by name and rejects any it was not asked about.
class Table
{
public:
  Table(const json& t, std::string path, const std::string& source) : m_t(t), m_path(std::move(path)), m_source(source) {}

  util::Result<void> check_object() const
  {
    if (!m_t.is_object()) {
      return fail("[{}] must be a table", m_path);
    }
    return {};
  }

  /// Error for keys not in `known`.
  util::Result<void> check_keys(std::initializer_list<std::string_view> known) const
  {
    for (const auto& [k, v] : m_t.items()) {
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        const std::vector<std::string_view> names(known);
        const std::string hint = util::did_you_mean(k, names);
        return fail("[{}] unknown key \"{}\"{}", m_path, k, hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint));
      }
    }
    return {};
  }

  util::Result<void> str(const char* key, std::string& out, bool required = false) const
  {
    const auto it = m_t.find(key);
    if (it == m_t.end()) {
      return required ? fail("[{}] {} is required", m_path, key) : util::Result<void>{};
    }
    if (!it->is_string()) {
      return fail("[{}] {} must be a string", m_path, key);
    }
    out = it->get<std::string>();
    if (required && out.empty()) {
      return fail("[{}] {} must not be empty", m_path, key);
    }
    return {};
  }

  template <typename I>
  util::Result<void> integer(const char* key, I& out, long long min, long long max) const
  {
    const auto it = m_t.find(key);
    if (it == m_t.end()) {
      return {};
    }
    if (!it->is_number_integer()) {
      return fail("[{}] {} must be an integer", m_path, key);
    }
    const long long v = it->get<long long>();
    if (v < min || v > max) {
      return fail("[{}] {} must be between {} and {} (got {})", m_path, key, min, max, v);
    }
    out = static_cast<I>(v);
    return {};
  }

  util::Result<void> boolean(const char* key, bool& out) const
  {
    const auto it = m_t.find(key);
    if (it == m_t.end()) {
      return {};
    }
    if (!it->is_boolean()) {
      return fail("[{}] {} must be true or false", m_path, key);
    }
    out = it->get<bool>();
    return {};
  }

  util::Result<void> duration(const char* key, std::chrono::milliseconds& out) const
  {
    std::optional<std::chrono::milliseconds> d;
    PAVE_TRY(duration(key, d));
    if (d) {
      out = *d;
    }
    return {};
  }

  util::Result<void> duration(const char* key, std::optional<std::chrono::milliseconds>& out) const
  {
    std::string text;
    PAVE_TRY(str(key, text));
    if (text.empty()) {
      return {};
    }
    auto d = util::parse_duration(text);
    if (!d) {
      return fail("[{}] {}: {}", m_path, key, d.error().message);
    }
    if (d->count() <= 0) {
      return fail("[{}] {} must be positive", m_path, key);
    }
    out = *d;
    return {};
  }

  util::Result<void> strings(const char* key, std::vector<std::string>& out) const
  {
    const auto it = m_t.find(key);
    if (it == m_t.end()) {
      return {};
    }
    if (!it->is_array() || !std::all_of(it->begin(), it->end(), [](const json& e) { return e.is_string(); })) {
      return fail("[{}] {} must be an array of strings", m_path, key);
    }
    out = it->get<std::vector<std::string>>();
    return {};
  }

  const json* get(const char* key) const
  {
    const auto it = m_t.find(key);
    return it == m_t.end() ? nullptr : &*it;
  }

  const std::string& path() const { return m_path; }

  template <typename... Args>
  std::unexpected<util::Error> fail(fmt::format_string<Args...> f, Args&&... args) const
  {
    return util::fail("{}: {}", m_source, fmt::format(f, std::forward<Args>(args)...));
  }

private:
  const json& m_t;
  std::string m_path;
  const std::string& m_source;
};

util::Result<HealthEndpoint> parse_health(const json& t, const std::string& path, const std::string& source)
{
  Table h(t, path, source);
  PAVE_TRY(h.check_object());
  PAVE_TRY(h.check_keys({"url", "expect_status", "expect_body", "timeout", "failures", "interval"}));
  HealthEndpoint e;
  PAVE_TRY(h.str("url", e.url, true));
  if (!e.url.starts_with("http://") && !e.url.starts_with("https://")) {
    return h.fail("[{}] url must start with http:// or https:// (got \"{}\")", path, e.url);
  }
  PAVE_TRY(h.integer("expect_status", e.expect_status, 100, 599));
  PAVE_TRY(h.str("expect_body", e.expect_body));
  PAVE_TRY(h.duration("timeout", e.timeout));
  PAVE_TRY(h.integer("failures", e.failures, 1, 100));
  PAVE_TRY(h.duration("interval", e.interval));
  return e;
}

util::Result<Site> parse_site(const json* t, const char* name, const std::string& source)
{
  const std::string path = fmt::format("failover.{}", name);
  if (t == nullptr) {
    return util::fail("{}: [{}] is required", source, path);
  }
  Table s(*t, path, source);
  PAVE_TRY(s.check_object());
  PAVE_TRY(s.check_keys({"kubeconfig", "kube_context", "namespace", "deployments", "replicas", "autoscaling_group",
                         "desired_capacity", "region", "health", "dns_target", "environment"}));
  Site site;
  site.name = name;
  PAVE_TRY(s.str("kubeconfig", site.kubeconfig));
  PAVE_TRY(s.str("kube_context", site.kube_context));
  PAVE_TRY(s.str("namespace", site.namespace_));
  PAVE_TRY(s.strings("deployments", site.deployments));
  PAVE_TRY(s.integer("replicas", site.replicas, 1, 10000));
  PAVE_TRY(s.str("autoscaling_group", site.autoscaling_group));
  PAVE_TRY(s.integer("desired_capacity", site.desired_capacity, 1, 10000));
  PAVE_TRY(s.str("region", site.region));
  PAVE_TRY(s.str("dns_target", site.dns_target, true));
  PAVE_TRY(s.str("environment", site.environment));
  if (site.has_kube() && site.namespace_.empty()) {
    return s.fail("[{}] namespace is required with kube_context", path);
  }
  if (!site.deployments.empty() && !site.has_kube()) {
    return s.fail("[{}] deployments need kube_context", path);
  }
  if (const json* health = s.get("health")) {
    if (!health->is_array()) {
      return s.fail("[{}] health must be an array of tables ([[{}.health]])", path, path);
    }
    for (std::size_t i = 0; i < health->size(); ++i) {
      PAVE_TRY_ASSIGN(auto e, parse_health((*health)[i], fmt::format("{}.health[{}]", path, i), source));
      site.health.push_back(std::move(e));
    }
  }
  if (site.health.empty()) {
    return s.fail("[{}] needs at least one [[{}.health]] endpoint", path, path);
  }
  return site;
}

util::Result<DnsConfig> parse_dns(const json* t, const std::string& source)
{
  if (t == nullptr) {
    return util::fail("{}: [failover.dns] is required", source);
  }
  Table d(*t, "failover.dns", source);
  PAVE_TRY(d.check_object());
  PAVE_TRY(d.check_keys({"provider", "record", "type", "ttl", "nameserver", "api_url", "api_key", "api_key_env",
                         "server_id", "zone", "zone_id", "routing", "weight", "region", "aws_profile", "endpoint_url",
                         "propagation_timeout"}));
  DnsConfig c;
  std::string provider;
  PAVE_TRY(d.str("provider", provider, true));
  if (provider == "powerdns") {
    c.provider = Provider::powerdns;
  } else if (provider == "route53") {
    c.provider = Provider::route53;
  } else {
    return d.fail("[failover.dns] provider must be \"powerdns\" or \"route53\" (got \"{}\")", provider);
  }
  PAVE_TRY(d.str("record", c.record, true));
  c.record = fqdn(c.record);
  PAVE_TRY(d.str("type", c.type));
  if (c.type != "A" && c.type != "AAAA" && c.type != "CNAME") {
    return d.fail("[failover.dns] type must be A, AAAA or CNAME (got \"{}\")", c.type);
  }
  PAVE_TRY(d.integer("ttl", c.ttl, 0, 2147483647));
  PAVE_TRY(d.str("nameserver", c.nameserver));
  PAVE_TRY(d.str("zone", c.zone));
  PAVE_TRY(d.duration("propagation_timeout", c.propagation_timeout));
  std::string routing;
  PAVE_TRY(d.str("routing", routing));
  if (c.provider == Provider::powerdns) {
    for (const char* k : {"zone_id", "routing", "weight", "region", "aws_profile", "endpoint_url"}) {
      if (d.get(k) != nullptr) {
        return d.fail("[failover.dns] {} applies to provider \"route53\" only", k);
      }
    }
    PAVE_TRY(d.str("api_url", c.api_url, true));
    while (c.api_url.ends_with('/')) {
      c.api_url.pop_back();
    }
    PAVE_TRY(d.str("api_key", c.api_key));
    PAVE_TRY(d.str("api_key_env", c.api_key_env));
    PAVE_TRY(d.str("server_id", c.server_id));
    if (c.zone.empty()) {
      return d.fail("[failover.dns] zone is required for provider \"powerdns\"");
    }
  } else {
    for (const char* k : {"api_url", "api_key", "api_key_env", "server_id"}) {
      if (d.get(k) != nullptr) {
        return d.fail("[failover.dns] {} applies to provider \"powerdns\" only", k);
      }
    }
    PAVE_TRY(d.str("zone_id", c.zone_id));
    if (c.zone.empty() && c.zone_id.empty()) {
      return d.fail("[failover.dns] zone_id or zone is required for provider \"route53\"");
    }
    if (routing.empty() || routing == "simple") {
      c.routing = Routing::simple;
    } else if (routing == "weighted") {
      c.routing = Routing::weighted;
    } else if (routing == "failover") {
      c.routing = Routing::failover;
    } else {
      return d.fail("[failover.dns] routing must be simple, weighted or failover (got \"{}\")", routing);
    }
    PAVE_TRY(d.integer("weight", c.weight, 1, 255));
    PAVE_TRY(d.str("region", c.region));
    PAVE_TRY(d.str("aws_profile", c.aws_profile));
    PAVE_TRY(d.str("endpoint_url", c.endpoint_url));
  }
  if (!c.zone.empty()) {
    c.zone = fqdn(c.zone);
    if (c.record != c.zone && !c.record.ends_with("." + c.zone)) {
      return d.fail("[failover.dns] record \"{}\" is not in zone \"{}\"", c.record, c.zone);
    }
  }
  return c;
}

} // namespace

std::string fqdn(std::string_view name)
{
  std::string s(name);
  if (!s.ends_with('.')) {
    s += '.';
  }
  return s;
}

std::string other_site(std::string_view name)
{
  return name == "primary" ? "secondary" : "primary";
}

util::Result<Config> parse_config(const json& table, const std::string& source)
{
  Table f(table, "failover", source);
  PAVE_TRY(f.check_object());
  PAVE_TRY(f.check_keys({"primary", "secondary", "dns", "rto", "rpo", "restore_backup", "ready_timeout",
                         "drill_interval", "drill", "environments"}));
  Config c;
  c.source = source;
  PAVE_TRY_ASSIGN(c.primary, parse_site(f.get("primary"), "primary", source));
  PAVE_TRY_ASSIGN(c.secondary, parse_site(f.get("secondary"), "secondary", source));
  PAVE_TRY_ASSIGN(c.dns, parse_dns(f.get("dns"), source));
  if (c.primary.dns_target == c.secondary.dns_target) {
    return f.fail("[failover] primary and secondary have the same dns_target \"{}\"", c.primary.dns_target);
  }
  PAVE_TRY(f.duration("rto", c.rto));
  PAVE_TRY(f.duration("rpo", c.rpo));
  PAVE_TRY(f.boolean("restore_backup", c.restore_backup));
  PAVE_TRY(f.duration("ready_timeout", c.ready_timeout));
  PAVE_TRY(f.duration("drill_interval", c.drill_interval));
  if (const json* drill = f.get("drill")) {
    Table d(*drill, "failover.drill", source);
    PAVE_TRY(d.check_object());
    PAVE_TRY(d.check_keys({"record"}));
    PAVE_TRY(d.str("record", c.drill_record, true));
    c.drill_record = fqdn(c.drill_record);
    if (c.drill_record == c.dns.record) {
      return d.fail("[failover.drill] record must differ from the production record \"{}\"", c.dns.record);
    }
    if (!c.dns.zone.empty() && !c.drill_record.ends_with("." + c.dns.zone)) {
      return d.fail("[failover.drill] record \"{}\" is not in zone \"{}\"", c.drill_record, c.dns.zone);
    }
  }
  return c;
}

util::Result<nlohmann::json> environment_table(const nlohmann::json& table, const std::string& environment,
                                               const std::vector<std::string>& names, const std::string& source)
{
  if (!table.is_object()) {
    return util::fail("{}: [failover] must be a table", source);
  }
  json merged = table;
  merged.erase("environments");
  const auto envs = table.find("environments");
  if (envs == table.end()) {
    return merged;
  }
  if (!envs->is_object()) {
    return util::fail("{}: [failover.environments] must be a table of environments", source);
  }
  for (const auto& [name, override_] : envs->items()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      const std::vector<std::string_view> known(names.begin(), names.end());
      const std::string hint = util::did_you_mean(name, known);
      return util::fail("{}: [failover.environments.{}] names no environment of the project{}", source, name,
                        hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint));
    }
    if (!override_.is_object()) {
      return util::fail("{}: [failover.environments.{}] must be a table", source, name);
    }
    if (override_.contains("environments")) {
      return util::fail("{}: [failover.environments.{}] cannot nest environments", source, name);
    }
  }
  if (const auto it = envs->find(environment); it != envs->end()) {
    merged.merge_patch(*it);
  }
  return merged;
}

util::Result<Config> load_config(const project::Project& project, const std::string& environment)
{
  const auto it = project.reserved.find("failover");
  if (it == project.reserved.end()) {
    util::Error e{fmt::format("{} has no [failover] table", project.file.string())};
    e.detail = "see docs/failover.md for the sites, the DNS record and the objectives to declare";
    return std::unexpected(std::move(e));
  }
  std::vector<std::string> names;
  for (const auto& [name, env] : project.environments) {
    names.push_back(name);
  }
  PAVE_TRY_ASSIGN(const json table, environment_table(it->second, environment, names, project.file.string()));
  return parse_config(table, project.file.string());
}

void check(const nlohmann::json& table, const project::Project& project, util::Diagnostics& diags)
{
  std::vector<std::string> names;
  for (const auto& [name, env] : project.environments) {
    names.push_back(name);
  }
  // The base table, then each environment's merged table; the first problem is reported.
  std::vector<std::string> envs = {""};
  if (table.is_object() && table.contains("environments") && table["environments"].is_object()) {
    for (const auto& [name, t] : table["environments"].items()) {
      envs.push_back(name);
    }
  }
  const std::string file = project.file.string();
  for (const auto& env : envs) {
    auto merged = environment_table(table, env, names, file);
    util::Result<Config> c = merged ? parse_config(*merged, file) : std::unexpected(merged.error());
    if (!c) {
      std::string summary = c.error().message;
      if (summary.starts_with(file + ": ")) {
        summary.erase(0, file.size() + 2);
      }
      diags.error(file, summary, c.error().detail);
      return;
    }
  }
}

} // namespace pave::failover
