#include <pave/cloud/aws/credentials.hpp>

#include <mutex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <pave/cloud/aws/client.hpp>
#include <pave/cloud/aws/endpoint.hpp>
#include <pave/cloud/aws/sts.hpp>
#include <pave/cloud/aws/timestamp.hpp>
#include <pave/util/time.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/process.hpp>

namespace pave::cloud::aws {

namespace {

using Found = util::Result<std::optional<Credentials>>;
constexpr auto k_refresh_window = std::chrono::minutes(5);

std::string trim(std::string s)
{
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

/// Credentials from a JSON document with AccessKeyId/SecretAccessKey/Token
/// (or SessionToken)/Expiration: container, IMDS and credential_process answers.
util::Result<Credentials> from_json(const std::string& body, const std::string& source)
{
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("AccessKeyId") || !j.contains("SecretAccessKey")) {
    return util::fail("{}: no AccessKeyId/SecretAccessKey in the answer", source);
  }
  Credentials c;
  c.access_key_id = j.value("AccessKeyId", "");
  c.secret_access_key = j.value("SecretAccessKey", "");
  c.session_token = j.value("Token", j.value("SessionToken", ""));
  if (j.contains("Expiration") && j["Expiration"].is_string()) {
    c.expiration = parse_timestamp(j["Expiration"].get<std::string>());
  }
  c.source = source;
  return c;
}

class Chain final : public CredentialsProvider
{
public:
  explicit Chain(ChainOptions o) : m_o(std::move(o)) {}

  util::Result<Credentials> credentials() override
  {
    std::lock_guard lock(m_mutex);
    const auto now = m_o.clock->now();
    if (m_cached && (!m_cached->expiration || *m_cached->expiration - now > k_refresh_window)) {
      return *m_cached;
    }
    auto fresh = resolve();
    if (!fresh) {
      if (m_cached && m_cached->expiration && *m_cached->expiration > now) {
        spdlog::warn("aws: cannot refresh credentials ({}); using the current ones until they expire",
                     fresh.error().message);
        return *m_cached;
      }
      return std::unexpected(fresh.error());
    }
    if (fresh->expiration && *fresh->expiration <= now) {
      return util::fail("AWS credentials from {} expired at {}", fresh->source, util::rfc3339_utc(*fresh->expiration));
    }
    m_cached = *fresh;
    return *fresh;
  }

  void invalidate() override
  {
    std::lock_guard lock(m_mutex);
    m_cached.reset();
  }

private:
  util::Result<Credentials> resolve()
  {
    const std::string profile_name = aws::profile_name(m_o.env, m_o.explicit_profile);
    const Profile profile = m_o.shared.profile(profile_name);
    const bool named = !m_o.explicit_profile.empty() || m_o.env.get("AWS_PROFILE").has_value();
    if (named && !profile.found) {
      return util::fail("AWS profile \"{}\" not found in {} or {}", profile_name,
                        m_o.env.get("AWS_CONFIG_FILE").value_or("~/.aws/config"),
                        m_o.env.get("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
    }
    const std::function<Found()> sources[] = {
      [&]() -> Found { return m_o.explicit_profile.empty() ? environment_credentials(m_o.env) : Found(std::nullopt); },
      [&]() -> Found {
        if (!profile.get("role_arn")) {
          return std::nullopt;
        }
        std::set<std::string> seen;
        PAVE_TRY_ASSIGN(auto c, profile_credentials(profile, seen));
        return std::optional<Credentials>(std::move(c));
      },
      [&]() { return web_identity_env(); },
      [&]() -> Found {
        if (profile.get("aws_access_key_id") || profile.get("credential_process")) {
          std::set<std::string> seen;
          PAVE_TRY_ASSIGN(auto c, profile_credentials(profile, seen));
          return std::optional<Credentials>(std::move(c));
        }
        return std::nullopt;
      },
      [&]() { return container(); },
      [&]() { return imds(); },
    };
    for (const auto& source : sources) {
      PAVE_TRY_ASSIGN(auto found, source());
      if (found) {
        spdlog::debug("aws: credentials from {}", found->source);
        return std::move(*found);
      }
    }
    return util::fail("{}", k_no_credentials);
  }

  /// Credentials of one profile: role, web identity, static keys or process.
  util::Result<Credentials> profile_credentials(const Profile& p, std::set<std::string>& seen)
  {
    if (!seen.insert(p.name).second) {
      return util::fail("AWS profile \"{}\": source_profile chain loops", p.name);
    }
    if (const auto role = p.get("role_arn")) {
      AssumeRoleInput in;
      in.role_arn = *role;
      in.session_name = p.get("role_session_name").value_or("pave");
      in.external_id = p.get("external_id").value_or("");
      if (const auto d = p.get("duration_seconds")) {
        in.duration = std::chrono::seconds(std::atoi(d->c_str()));
      }
      Credentials source;
      if (const auto file = p.get("web_identity_token_file")) {
        PAVE_TRY_ASSIGN(in.web_identity_token, util::read_file(*file));
        in.web_identity_token = trim(in.web_identity_token);
      } else if (const auto sp = p.get("source_profile")) {
        const Profile src = m_o.shared.profile(*sp);
        if (!src.found) {
          return util::fail("AWS profile \"{}\": source_profile \"{}\" not found", p.name, *sp);
        }
        if (*sp == p.name) { // a profile that is its own source uses its static keys
          if (!p.get("aws_access_key_id")) {
            return util::fail("AWS profile \"{}\" is its own source_profile but has no aws_access_key_id", p.name);
          }
          source = static_keys(p);
        } else {
          PAVE_TRY_ASSIGN(source, profile_credentials(src, seen));
        }
      } else if (const auto cs = p.get("credential_source")) {
        Found f = *cs == "Environment"           ? environment_credentials(m_o.env)
                  : *cs == "EcsContainer"        ? container()
                  : *cs == "Ec2InstanceMetadata" ? imds()
                                                 : util::fail("AWS profile \"{}\": unknown credential_source \"{}\"",
                                                              p.name, *cs);
        PAVE_TRY_ASSIGN(auto got, std::move(f));
        if (!got) {
          return util::fail("AWS profile \"{}\": credential_source {} has no credentials", p.name, *cs);
        }
        source = std::move(*got);
      } else {
        return util::fail("AWS profile \"{}\" has role_arn but no source_profile, credential_source or "
                          "web_identity_token_file",
                          p.name);
      }
      return assume(in, source, fmt::format("profile {}", p.name));
    }
    if (p.get("aws_access_key_id")) {
      return static_keys(p);
    }
    if (const auto cmd = p.get("credential_process")) {
      util::ProcessSpec spec;
      spec.argv = {"/bin/sh", "-c", *cmd};
      PAVE_TRY_ASSIGN(const auto out, util::run_process(spec));
      if (out.exit_code != 0) {
        return util::fail("AWS profile \"{}\": credential_process exited with {}", p.name, out.exit_code);
      }
      return from_json(out.stdout_text, fmt::format("credential_process of profile {}", p.name));
    }
    return util::fail("AWS profile \"{}\" has no credentials", p.name);
  }

  Credentials static_keys(const Profile& p)
  {
    Credentials c;
    c.access_key_id = p.get("aws_access_key_id").value_or("");
    c.secret_access_key = p.get("aws_secret_access_key").value_or("");
    c.session_token = p.get("aws_session_token").value_or("");
    c.source = fmt::format("profile {}", p.name);
    return c;
  }

  util::Result<Credentials> assume(const AssumeRoleInput& in, const Credentials& source, const std::string& what)
  {
    ClientConfig cfg;
    cfg.env = m_o.env;
    cfg.profile = m_o.shared.profile(aws::profile_name(m_o.env, m_o.explicit_profile));
    cfg.region = m_o.region.empty() ? "us-east-1" : m_o.region;
    cfg.endpoint_url = m_o.endpoint_url;
    Client sts(*m_o.http, std::make_shared<StaticCredentials>(source), cfg, *m_o.clock);
    auto r = assume_role(sts, in);
    if (!r) {
      return util::fail("assuming role {} for {}: {}", in.role_arn, what, r.error().describe());
    }
    return std::move(*r);
  }

  Found web_identity_env()
  {
    const auto file = m_o.env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
    const auto role = m_o.env.get("AWS_ROLE_ARN");
    if (!file || !role) {
      return std::nullopt;
    }
    AssumeRoleInput in;
    in.role_arn = *role;
    in.session_name = m_o.env.get("AWS_ROLE_SESSION_NAME").value_or("pave");
    PAVE_TRY_ASSIGN(in.web_identity_token, util::read_file(*file));
    in.web_identity_token = trim(in.web_identity_token);
    PAVE_TRY_ASSIGN(auto c, assume(in, {}, "AWS_WEB_IDENTITY_TOKEN_FILE"));
    return std::optional<Credentials>(std::move(c));
  }

  Found container()
  {
    std::string url;
    if (const auto rel = m_o.env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      url = "http://169.254.170.2" + *rel;
    } else if (const auto full = m_o.env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
      url = *full;
    } else {
      return std::nullopt;
    }
    http::Request req;
    req.url = url;
    req.timeout = std::chrono::seconds(2);
    std::optional<std::string> token = m_o.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    if (const auto file = m_o.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
      PAVE_TRY_ASSIGN(std::string t, util::read_file(*file));
      token = trim(t);
    }
    if (token) {
      req.headers.emplace_back("Authorization", *token);
    }
    auto resp = m_o.http->send(req);
    if (!resp) {
      return util::fail("container credentials from {}: {}", url, resp.error().message);
    }
    if (!resp->ok()) {
      return util::fail("container credentials from {}: HTTP {}", url, resp->status);
    }
    PAVE_TRY_ASSIGN(auto c, from_json(resp->body, "container credentials"));
    return std::optional<Credentials>(std::move(c));
  }

  Found imds()
  {
    if (m_o.env.get("AWS_EC2_METADATA_DISABLED").value_or("") == "true") {
      return std::nullopt;
    }
    std::string base = m_o.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("http://169.254.169.254");
    while (!base.empty() && base.back() == '/') {
      base.pop_back();
    }
    const auto timeout = std::chrono::seconds(1);
    http::Request put;
    put.method = "PUT";
    put.url = base + "/latest/api/token";
    put.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
    put.timeout = timeout;
    auto token = m_o.http->send(put);
    if (!token || !token->ok()) {
      spdlog::debug("aws: no IMDSv2 at {}: {}", base, token ? "HTTP " + std::to_string(token->status) : token.error().message);
      return std::nullopt; // not on EC2 (or IMDS off): the chain ends here
    }
    const auto get = [&](const std::string& path) -> util::Result<std::string> {
      http::Request req;
      req.url = base + path;
      req.headers = {{"X-aws-ec2-metadata-token", token->body}};
      req.timeout = timeout;
      auto resp = m_o.http->send(req);
      if (!resp || !resp->ok()) {
        return util::fail("instance metadata {}: {}", path,
                          resp ? "HTTP " + std::to_string(resp->status) : resp.error().message);
      }
      return resp->body;
    };
    PAVE_TRY_ASSIGN(std::string roles, get("/latest/meta-data/iam/security-credentials/"));
    const std::string role = trim(roles.substr(0, roles.find('\n')));
    if (role.empty()) {
      return std::nullopt;
    }
    PAVE_TRY_ASSIGN(const std::string body, get("/latest/meta-data/iam/security-credentials/" + role));
    PAVE_TRY_ASSIGN(auto c, from_json(body, "instance profile " + role));
    return std::optional<Credentials>(std::move(c));
  }

  ChainOptions m_o;
  std::mutex m_mutex;
  std::optional<Credentials> m_cached;
};

} // namespace

util::Result<std::optional<Credentials>> environment_credentials(const AwsEnv& env)
{
  const auto id = env.get("AWS_ACCESS_KEY_ID");
  const auto secret = env.get("AWS_SECRET_ACCESS_KEY");
  if (!id || !secret) {
    return std::nullopt;
  }
  Credentials c;
  c.access_key_id = *id;
  c.secret_access_key = *secret;
  c.session_token = env.get("AWS_SESSION_TOKEN").value_or(env.get("AWS_SECURITY_TOKEN").value_or(""));
  if (const auto exp = env.get("AWS_CREDENTIAL_EXPIRATION")) {
    c.expiration = parse_timestamp(*exp);
    if (!c.expiration) {
      return util::fail("AWS_CREDENTIAL_EXPIRATION \"{}\" is not an ISO 8601 time", *exp);
    }
  }
  c.source = "environment";
  return std::optional<Credentials>(std::move(c));
}

std::shared_ptr<CredentialsProvider> default_chain(ChainOptions options)
{
  if (options.clock == nullptr) {
    options.clock = &util::system_clock();
  }
  return std::make_shared<Chain>(std::move(options));
}

} // namespace pave::cloud::aws
