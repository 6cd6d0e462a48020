#include <pave/targets/aws.hpp>

#include <mutex>
#include <optional>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>
#include <pave/cloud/aws/autoscaling.hpp>
#include <pave/cloud/aws/route53.hpp>
#include <pave/cloud/aws/s3.hpp>
#include <pave/cloud/aws/session.hpp>
#include <pave/cloud/desired.hpp>
#include <pave/util/sha256.hpp>

namespace pave::targets {

namespace aws = cloud::aws;
using json = nlohmann::json;

namespace {

constexpr const char* k_env_tag = "pave.dev/environment";

util::Error to_error(const aws::AwsError& e, const std::string& what)
{
  return util::Error{fmt::format("{}: {}", what, e.describe())};
}

#define AWS_TRY(var, expr, what)                                                                                       \
  auto&& PAVE_CONCAT_(aws_r_, __LINE__) = (expr);                                                                       \
  if (!PAVE_CONCAT_(aws_r_, __LINE__)) {                                                                                \
    return std::unexpected(to_error(PAVE_CONCAT_(aws_r_, __LINE__).error(), what));                                    \
  }                                                                                                                    \
  var = std::move(*PAVE_CONCAT_(aws_r_, __LINE__))

#define AWS_DO(expr, what)                                                                                             \
  do {                                                                                                                 \
    auto&& aws_do_r_ = (expr);                                                                                         \
    if (!aws_do_r_) {                                                                                                  \
      return std::unexpected(to_error(aws_do_r_.error(), what));                                                       \
    }                                                                                                                  \
  } while (false)

json object_of(const std::string& kind, const std::string& name, json spec, const std::string& env)
{
  json meta = {{"name", name}};
  if (!env.empty()) {
    meta["annotations"] = {{k_env_tag, env}};
  }
  return json{{"apiVersion", cloud::k_aws_api_version}, {"kind", kind}, {"metadata", meta}, {"spec", std::move(spec)}};
}

bool not_found(const aws::AwsError& e)
{
  return e.code == "NotFound" || e.code == "NoSuchBucket" || e.code == "NoSuchHostedZone" ||
         e.code == "NoSuchHealthCheck";
}

class AwsTarget final : public Target
{
public:
  AwsTarget(aws::Client& client, AwsTargetOptions o, std::shared_ptr<void> owned = {})
      : m_client(client), m_o(std::move(o)), m_owned(std::move(owned)), m_s3(client), m_r53(client)
  {
  }

  std::string describe() const override
  {
    const auto ep = m_client.endpoint(aws::k_s3);
    return ep.custom ? fmt::format("aws {} (endpoint {})", m_client.config().region, ep.url)
                     : fmt::format("aws {}", m_client.config().region);
  }

  plan::ScopeFn scope() override
  {
    return [](const std::string& api_version, const std::string& kind) -> util::Result<bool> {
      if (api_version != cloud::k_aws_api_version) {
        return util::fail("{} {} is not a cloud resource", api_version, kind);
      }
      return false;
    };
  }

  util::Result<std::map<std::string, json>> refresh(const std::vector<plan::ObjectRef>& refs) override
  {
    std::map<std::string, json> live;
    Records zone_records;
    for (const auto& ref : refs) {
      PAVE_TRY_ASSIGN(std::optional<json> obj, refresh_one(ref, zone_records));
      if (obj) {
        live[ref.address()] = std::move(*obj);
      }
    }
    return live;
  }

  util::Result<json> apply(const json& object, const ApplyOptions& options) override
  {
    PAVE_TRY_ASSIGN(const auto ref, plan::object_ref(object, "cloud object"));
    if (options.dry_run) {
      return object;
    }
    const json& spec = object.at("spec");
    const std::string what = ref.display();
    if (ref.kind == "S3Bucket") {
      PAVE_TRY(apply_bucket(ref.name, spec, what));
    } else if (ref.kind == "Route53HostedZone") {
      PAVE_TRY(apply_zone(ref.name, spec, what));
    } else if (ref.kind == "Route53HealthCheck") {
      PAVE_TRY(apply_health_check(ref.name, spec, what));
    } else if (ref.kind == "Route53RecordSet") {
      PAVE_TRY(apply_record(spec, what));
    } else if (ref.kind == "AutoScalingGroupCapacity") {
      PAVE_TRY_ASSIGN(const auto cur, capacity(ref.name, what));
      if (!cur) {
        return util::fail("{}: Auto Scaling group {} does not exist (pave manages the capacity of existing groups)",
                          what, ref.name);
      }
      aws::autoscaling::Capacity c{spec.value("min", cur->min), spec.value("max", cur->max),
                                   spec.value("desired", cur->desired)};
      AWS_DO(aws::autoscaling::update_capacity(m_client, ref.name, c), what);
    } else {
      return util::fail("{}: unknown cloud kind", what);
    }
    return object;
  }

  util::Result<void> remove(const plan::ObjectRef& ref) override
  {
    const std::string what = ref.display();
    if (ref.kind == "S3Bucket") {
      return remove_bucket(ref.name, what);
    }
    if (ref.kind == "Route53HostedZone") {
      AWS_TRY(const auto zone, m_r53.find_hosted_zone(ref.name), what);
      if (!zone) {
        return {};
      }
      AWS_TRY(const auto records, m_r53.list_record_sets(zone->id), what);
      for (const auto& r : records) {
        if (r.type != "NS" && r.type != "SOA") {
          return util::fail("{}: the zone still has records ({} {}); delete them first", what, r.name, r.type);
        }
      }
      AWS_DO(m_r53.delete_hosted_zone(zone->id), what);
      return {};
    }
    if (ref.kind == "Route53HealthCheck") {
      PAVE_TRY_ASSIGN(const auto found, find_health_check(ref.name, what));
      if (found) {
        AWS_DO(m_r53.delete_health_check(found->id), what);
      }
      return {};
    }
    if (ref.kind == "Route53RecordSet") {
      return remove_record(ref.name, what);
    }
    if (ref.kind == "AutoScalingGroupCapacity") {
      return {}; // the group is not pave's: its capacity is just no longer managed
    }
    return util::fail("{}: unknown cloud kind", what);
  }

  util::Result<Rollout> rollout(const plan::ObjectRef&) override { return Rollout{true, false, "applied"}; }

  int concurrency() const override { return m_o.concurrency; }

private:
  /// Record sets by zone name; nullopt for a name that is not a zone.
  using Records = std::map<std::string, std::optional<std::vector<aws::route53::RecordSet>>>;

  util::Result<std::optional<json>> refresh_one(const plan::ObjectRef& ref, Records& zone_records)
  {
    const std::string what = ref.display();
    if (ref.kind == "S3Bucket") {
      return refresh_bucket(ref.name, what);
    }
    if (ref.kind == "Route53HostedZone") {
      AWS_TRY(const auto zone, m_r53.find_hosted_zone(ref.name), what);
      if (!zone) {
        return std::optional<json>();
      }
      AWS_TRY(auto tags, m_r53.list_tags("hostedzone", zone->id), what);
      const std::string env = take_env_tag(tags);
      json spec = {{"name", zone->name}, {"comment", zone->comment}, {"tags", tags}};
      return std::optional<json>(object_of(ref.kind, ref.name, spec, env));
    }
    if (ref.kind == "Route53HealthCheck") {
      PAVE_TRY_ASSIGN(const auto found, find_health_check(ref.name, what));
      if (!found) {
        return std::optional<json>();
      }
      std::string env;
      {
        std::lock_guard lock(m_hc_mutex);
        env = m_health_checks && m_health_checks->count(ref.name) ? m_health_checks->at(ref.name).second : "";
      }
      return std::optional<json>(object_of(ref.kind, ref.name, health_check_spec(found->config), env));
    }
    if (ref.kind == "Route53RecordSet") {
      return refresh_record(ref, zone_records, what);
    }
    if (ref.kind == "AutoScalingGroupCapacity") {
      PAVE_TRY_ASSIGN(const auto cur, capacity(ref.name, what));
      if (!cur) {
        return std::optional<json>();
      }
      return std::optional<json>(object_of(ref.kind, ref.name,
                                           {{"min", cur->min}, {"max", cur->max}, {"desired", cur->desired}},
                                           m_o.environment));
    }
    return util::fail("{}: unknown cloud kind", what);
  }

  static std::string take_env_tag(std::map<std::string, std::string>& tags)
  {
    std::string env;
    if (const auto it = tags.find(k_env_tag); it != tags.end()) {
      env = it->second;
      tags.erase(it);
    }
    return env;
  }

  util::Result<std::optional<aws::autoscaling::Capacity>> capacity(const std::string& group, const std::string& what)
  {
    AWS_TRY(auto c, aws::autoscaling::describe_capacity(m_client, group), what);
    return c;
  }

  // --- S3 buckets ---

  util::Result<std::optional<json>> refresh_bucket(const std::string& bucket, const std::string& what)
  {
    if (auto head = m_s3.head_bucket(bucket); !head) {
      if (not_found(head.error())) {
        return std::optional<json>();
      }
      if (head.error().code == "Forbidden") {
        return util::fail("{}: the bucket name is taken by another account (HTTP 403)", what);
      }
      return std::unexpected(to_error(head.error(), what));
    }
    AWS_TRY(const std::string region, m_s3.bucket_region(bucket), what);
    if (region != m_client.config().region) {
      return util::fail("{}: wrong region: the bucket is in {}, the environment's region is {}", what, region,
                        m_client.config().region);
    }
    AWS_TRY(const std::string versioning, m_s3.get_versioning(bucket), what);
    AWS_TRY(json encryption, m_s3.get_encryption(bucket), what);
    AWS_TRY(json lifecycle, m_s3.get_lifecycle(bucket), what);
    AWS_TRY(auto tags, m_s3.get_tags(bucket), what);
    AWS_TRY(json pab, m_s3.get_public_access_block(bucket), what);
    const std::string env = take_env_tag(tags);
    json spec = {{"region", region},       {"versioning", versioning == "Enabled"}, {"encryption", encryption},
                 {"lifecycle", lifecycle}, {"tags", tags},                         {"public_access_block", pab}};
    return std::optional<json>(object_of("S3Bucket", bucket, spec, env));
  }

  util::Result<void> apply_bucket(const std::string& bucket, const json& spec, const std::string& what)
  {
    if (spec.contains("region") && spec["region"] != m_client.config().region) {
      return util::fail("{}: wrong region: the bucket is declared in {} but the client uses {}", what,
                        spec["region"].get<std::string>(), m_client.config().region);
    }
    AWS_DO(m_s3.create_bucket(bucket), what);
    if (spec.contains("versioning")) {
      AWS_TRY(const std::string cur, m_s3.get_versioning(bucket), what);
      const bool want = spec["versioning"].get<bool>();
      if (want != (cur == "Enabled") && (want || !cur.empty())) {
        AWS_DO(m_s3.put_versioning(bucket, want), what);
      }
    }
    if (spec.contains("encryption")) {
      AWS_DO(m_s3.put_encryption(bucket, spec["encryption"]), what);
    }
    if (spec.contains("lifecycle")) {
      AWS_DO(m_s3.put_lifecycle(bucket, spec["lifecycle"]), what);
    }
    if (spec.contains("public_access_block")) {
      AWS_DO(m_s3.put_public_access_block(bucket, spec["public_access_block"]), what);
    }
    std::map<std::string, std::string> tags;
    if (spec.contains("tags")) {
      tags = spec["tags"].get<std::map<std::string, std::string>>();
    } else {
      AWS_TRY(tags, m_s3.get_tags(bucket), what); // keep tags pave does not manage
    }
    tags[k_env_tag] = m_o.environment;
    AWS_DO(m_s3.put_tags(bucket, tags), what);
    return {};
  }

  util::Result<void> remove_bucket(const std::string& bucket, const std::string& what)
  {
    AWS_TRY(const auto versions, m_s3.list_object_versions(bucket), what);
    std::vector<aws::s3::ObjectInfo> objects = versions;
    if (objects.empty()) { // buckets that never had versioning list no versions on some servers
      AWS_TRY(objects, m_s3.list_objects(bucket), what);
    }
    if (!objects.empty()) {
      if (!m_o.force_delete) {
        return util::fail("{}: refusing to delete a bucket that holds {} object(s) or version(s); empty it first or "
                          "deploy with --force",
                          what, objects.size());
      }
      AWS_DO(m_s3.delete_objects(bucket, objects), what);
      AWS_TRY(const auto rest, m_s3.list_objects(bucket), what);
      if (!rest.empty()) {
        AWS_DO(m_s3.delete_objects(bucket, rest), what);
      }
    }
    AWS_DO(m_s3.delete_bucket(bucket), what);
    return {};
  }

  // --- Route 53 ---

  util::Result<void> apply_zone(const std::string& name, const json& spec, const std::string& what)
  {
    AWS_TRY(auto zone, m_r53.find_hosted_zone(name), what);
    if (!zone) {
      aws::route53::HostedZone z;
      z.name = name;
      z.comment = spec.value("comment", "");
      z.caller_reference = caller_reference("zone", name);
      AWS_TRY(auto created, m_r53.create_hosted_zone(z), what);
      zone = created.first;
    } else if (spec.contains("comment") && zone->comment != spec["comment"].get<std::string>()) {
      AWS_DO(m_r53.update_comment(zone->id, spec["comment"].get<std::string>()), what);
    }
    PAVE_TRY(sync_tags("hostedzone", zone->id, spec.value("tags", json::object()), {}, spec.contains("tags"), what));
    return {};
  }

  /// Adds the wanted tags plus the environment tag (and `extra`); when
  /// `exact`, removes tags not wanted.
  util::Result<void> sync_tags(const std::string& type, const std::string& id, const json& wanted,
                               const std::map<std::string, std::string>& extra, bool exact, const std::string& what)
  {
    AWS_TRY(const auto cur, m_r53.list_tags(type, id), what);
    std::map<std::string, std::string> want = wanted.get<std::map<std::string, std::string>>();
    want[k_env_tag] = m_o.environment;
    want.insert(extra.begin(), extra.end());
    std::map<std::string, std::string> add;
    std::vector<std::string> remove;
    for (const auto& [k, v] : want) {
      if (const auto it = cur.find(k); it == cur.end() || it->second != v) {
        add[k] = v;
      }
    }
    if (exact) {
      for (const auto& [k, v] : cur) {
        if (want.count(k) == 0) {
          remove.push_back(k);
        }
      }
    }
    AWS_DO(m_r53.change_tags(type, id, add, remove), what);
    return {};
  }

  /// Unique per create attempt series: stable for retries of one request
  /// (the client resends the same body), new for a later re-create.
  std::string caller_reference(const std::string& kind, const std::string& name)
  {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(m_client.clock().now().time_since_epoch());
    return fmt::format("pave-{}-{}-{}", kind, util::sha256_hex(m_o.environment + "/" + name).substr(0, 12),
                       now.count());
  }

  static json health_check_spec(const aws::route53::HealthCheckConfig& c)
  {
    json spec = {{"type", c.type}};
    const auto put = [&](const char* k, const std::string& v) {
      if (!v.empty()) {
        spec[k] = v;
      }
    };
    put("ip_address", c.ip_address);
    put("fqdn", c.fqdn);
    put("resource_path", c.resource_path);
    put("search_string", c.search_string);
    if (c.port) spec["port"] = *c.port;
    if (c.request_interval) spec["request_interval"] = *c.request_interval;
    if (c.failure_threshold) spec["failure_threshold"] = *c.failure_threshold;
    spec["inverted"] = c.inverted.value_or(false);
    spec["disabled"] = c.disabled.value_or(false);
    return spec;
  }

  static aws::route53::HealthCheckConfig health_check_config(const json& spec)
  {
    aws::route53::HealthCheckConfig c;
    c.type = spec.value("type", "");
    c.ip_address = spec.value("ip_address", "");
    c.fqdn = spec.value("fqdn", "");
    c.resource_path = spec.value("resource_path", "");
    c.search_string = spec.value("search_string", "");
    if (spec.contains("port")) {
      c.port = static_cast<int>(codec::json_integer_at(spec, "port", INT32_MIN, INT32_MAX));
    }
    if (spec.contains("request_interval")) {
      c.request_interval = static_cast<int>(codec::json_integer_at(spec, "request_interval", INT32_MIN, INT32_MAX));
    }
    if (spec.contains("failure_threshold")) {
      c.failure_threshold = static_cast<int>(codec::json_integer_at(spec, "failure_threshold", INT32_MIN, INT32_MAX));
    }
    if (spec.contains("inverted")) c.inverted = spec["inverted"].get<bool>();
    if (spec.contains("disabled")) c.disabled = spec["disabled"].get<bool>();
    return c;
  }

  /// The health check tagged Name=`name` (and this environment, when tagged with one).
  util::Result<std::optional<aws::route53::HealthCheck>> find_health_check(const std::string& name,
                                                                           const std::string& what)
  {
    std::lock_guard lock(m_hc_mutex);
    if (!m_health_checks) {
      AWS_TRY(auto all, m_r53.list_health_checks(), what);
      std::map<std::string, std::pair<aws::route53::HealthCheck, std::string>> by_name;
      for (auto& hc : all) {
        AWS_TRY(auto tags, m_r53.list_tags("healthcheck", hc.id), what);
        const auto n = tags.find("Name");
        const auto env = tags.find(k_env_tag);
        if (n != tags.end() && (env == tags.end() || env->second == m_o.environment)) {
          by_name[n->second] = {hc, env == tags.end() ? "" : env->second};
        }
      }
      m_health_checks = std::move(by_name);
    }
    const auto it = m_health_checks->find(name);
    if (it == m_health_checks->end()) {
      return std::optional<aws::route53::HealthCheck>();
    }
    return std::optional<aws::route53::HealthCheck>(it->second.first);
  }

  util::Result<void> apply_health_check(const std::string& name, const json& spec, const std::string& what)
  {
    PAVE_TRY_ASSIGN(const auto found, find_health_check(name, what));
    const auto cfg = health_check_config(spec);
    std::string id;
    if (found) {
      id = found->id;
      AWS_DO(m_r53.update_health_check(id, cfg), what);
    } else {
      AWS_TRY(id, m_r53.create_health_check(caller_reference("hc", name), cfg), what);
    }
    PAVE_TRY(sync_tags("healthcheck", id, json::object(), {{"Name", name}}, false, what));
    std::lock_guard lock(m_hc_mutex);
    m_health_checks.reset(); // ids changed: list again on the next lookup
    return {};
  }

  static json record_spec(const aws::route53::RecordSet& r, const std::string& zone, const std::string& health_check)
  {
    json spec = {{"zone", zone}, {"name", r.name}, {"type", r.type}, {"values", r.values}};
    if (r.ttl) spec["ttl"] = *r.ttl;
    if (!r.set_identifier.empty()) spec["set_identifier"] = r.set_identifier;
    if (r.weight) spec["weight"] = *r.weight;
    if (!r.failover.empty()) spec["failover"] = r.failover;
    if (!health_check.empty()) spec["health_check"] = health_check;
    return spec;
  }

  /// The record of `spec` in `records`, matched on name, type and set identifier.
  static const aws::route53::RecordSet* match(const std::vector<aws::route53::RecordSet>& records, const json& spec)
  {
    for (const auto& r : records) {
      if (r.name == spec.value("name", "") && r.type == spec.value("type", "") &&
          r.set_identifier == spec.value("set_identifier", "")) {
        return &r;
      }
    }
    return nullptr;
  }

  util::Result<std::optional<json>> refresh_record(const plan::ObjectRef& ref, Records& cache, const std::string& what)
  {
    // The name is "NAME-TYPE[-SETID]"; the zone comes from the desired
    // object, which the caller does not pass: find the zone by walking up
    // the record name.
    const auto first_dash = ref.name.find(".-");
    if (first_dash == std::string::npos) {
      return util::fail("{}: malformed record set name (expected NAME.-TYPE[-SETID])", what);
    }
    const std::string name = ref.name.substr(0, first_dash + 1);
    const std::string rest = ref.name.substr(first_dash + 2);
    const auto dash = rest.find('-');
    const std::string type = rest.substr(0, dash);
    const std::string set_id = dash == std::string::npos ? "" : rest.substr(dash + 1);
    for (std::string zone = name; !zone.empty() && zone != ".";) {
      if (cache.find(zone) == cache.end()) {
        AWS_TRY(const auto z, m_r53.find_hosted_zone(zone), what);
        if (z) {
          AWS_TRY(cache[zone], m_r53.list_record_sets(z->id), what);
        } else {
          cache[zone] = std::nullopt;
        }
      }
      if (cache[zone]) {
        const json key = {{"name", name}, {"type", type}, {"set_identifier", set_id}};
        const auto* r = match(*cache[zone], key);
        if (r == nullptr) {
          return std::optional<json>();
        }
        std::string hc_name;
        if (!r->health_check_id.empty()) {
          PAVE_TRY_ASSIGN(hc_name, health_check_name(r->health_check_id, what));
        }
        return std::optional<json>(object_of(ref.kind, ref.name, record_spec(*r, zone, hc_name), m_o.environment));
      }
      const auto dot = zone.find('.');
      zone = dot == std::string::npos ? "" : zone.substr(dot + 1);
    }
    return std::optional<json>();
  }

  util::Result<std::string> health_check_name(const std::string& id, const std::string& what)
  {
    PAVE_TRY(find_health_check("", what)); // fills the cache
    std::lock_guard lock(m_hc_mutex);
    for (const auto& [name, hc] : *m_health_checks) {
      if (hc.first.id == id) {
        return name;
      }
    }
    return id; // not pave's: show the id
  }

  util::Result<std::string> zone_id(const std::string& zone, const std::string& what)
  {
    AWS_TRY(const auto z, m_r53.find_hosted_zone(zone), what);
    if (!z) {
      return util::fail("{}: hosted zone {} does not exist", what, zone);
    }
    return z->id;
  }

  util::Result<void> apply_record(const json& spec, const std::string& what)
  {
    PAVE_TRY_ASSIGN(const std::string zid, zone_id(spec.at("zone").get<std::string>(), what));
    aws::route53::RecordSet r;
    r.name = spec.at("name").get<std::string>();
    r.type = spec.at("type").get<std::string>();
    r.set_identifier = spec.value("set_identifier", "");
    if (spec.contains("weight")) {
      r.weight = codec::json_integer_at(spec, "weight", INT32_MIN, INT32_MAX);
    }
    r.failover = spec.value("failover", "");
    r.ttl = spec.contains("ttl") ? codec::json_integer_at(spec, "ttl", INT32_MIN, INT32_MAX) : 300;
    r.values = spec.at("values").get<std::vector<std::string>>();
    if (spec.contains("health_check")) {
      PAVE_TRY_ASSIGN(const auto hc, find_health_check(spec["health_check"].get<std::string>(), what));
      if (!hc) {
        return util::fail("{}: health check {} does not exist", what, spec["health_check"].get<std::string>());
      }
      r.health_check_id = hc->id;
    }
    AWS_TRY(const std::string change, m_r53.change_record_sets(zid, {{"UPSERT", r}}), what);
    AWS_DO(m_r53.wait_insync(change, m_o.change_timeout), what);
    return {};
  }

  util::Result<void> remove_record(const std::string& name, const std::string& what)
  {
    Records cache;
    PAVE_TRY_ASSIGN(const auto live, refresh_record(plan::ObjectRef{std::string(cloud::k_aws_api_version),
                                                                    "Route53RecordSet", "", name},
                                                    cache, what));
    if (!live) {
      return {};
    }
    const json& spec = (*live)["spec"];
    const auto zone = spec["zone"].get<std::string>();
    const auto* r = match(*cache[zone], spec);
    PAVE_TRY_ASSIGN(const std::string zid, zone_id(zone, what));
    auto change = m_r53.change_record_sets(zid, {{"DELETE", *r}});
    if (!change) {
      if (change.error().code == "InvalidChangeBatch" && change.error().message.find("not found") != std::string::npos) {
        return {}; // a retried delete whose first attempt went through
      }
      return std::unexpected(to_error(change.error(), what));
    }
    AWS_DO(m_r53.wait_insync(*change, m_o.change_timeout), what);
    return {};
  }

  aws::Client& m_client;
  AwsTargetOptions m_o;
  std::shared_ptr<void> m_owned;
  aws::s3::S3 m_s3;
  aws::route53::Route53 m_r53;
  std::mutex m_hc_mutex;
  std::optional<std::map<std::string, std::pair<aws::route53::HealthCheck, std::string>>> m_health_checks;
};

} // namespace

std::unique_ptr<Target> make_aws_target(aws::Client& client, AwsTargetOptions options)
{
  return std::make_unique<AwsTarget>(client, std::move(options));
}

util::Result<std::unique_ptr<Target>> open_aws(const project::Environment& env, AwsTargetOptions options)
{
  aws::SessionOptions so;
  so.region = env.region;
  so.profile = env.aws_profile;
  so.endpoint_url = env.endpoint_url;
  PAVE_TRY_ASSIGN(auto session, aws::open_session(so));
  auto owned = std::make_shared<aws::Session>(std::move(session));
  if (options.environment.empty()) {
    options.environment = env.name;
  }
  aws::Client& client = *owned->client;
  return std::unique_ptr<Target>(std::make_unique<AwsTarget>(client, std::move(options), owned));
}

} // namespace pave::targets
