#include <doctest/doctest.h>

#include <map>

#include <pave/cloud/aws/config_files.hpp>
#include <pave/cloud/aws/credentials.hpp>
#include <pave/cloud/aws/endpoint.hpp>
#include <pave/http/fake_client.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace pave::cloud::aws;

namespace {

AwsEnv fake_env(std::map<std::string, std::string> vars)
{
  AwsEnv env;
  env.home = std::filesystem::current_path();
  env.getenv = [vars](const std::string& n) -> std::optional<std::string> {
    const auto it = vars.find(n);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  return env;
}

std::shared_ptr<CredentialsProvider> chain(const AwsEnv& env, http::HttpClient& http, util::Clock& clock,
                                           std::string profile = {})
{
  ChainOptions o;
  o.env = env;
  o.shared = *SharedConfig::load(env);
  o.explicit_profile = std::move(profile);
  o.region = "us-east-1";
  o.endpoint_url = "http://sts.test";
  o.http = &http;
  o.clock = &clock;
  return default_chain(std::move(o));
}

std::string sts_answer(const std::string& action, const std::string& key, const std::string& expiration)
{
  return "<" + action + "Response><" + action + "Result><Credentials><AccessKeyId>" + key +
         "</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>tok</SessionToken><Expiration>" +
         expiration + "</Expiration></Credentials></" + action + "Result></" + action + "Response>";
}

} // namespace

TEST_CASE("aws::parse_ini")
{
  const auto ini = parse_ini("# comment\n[default]\nregion = eu-west-1\n; other\n[profile dev]\nRole_Arn=arn:x\n"
                             "s3 =\n  addressing_style = path\n  max_concurrent_requests=4\nafter = 1\n",
                             "config");
  REQUIRE(ini);
  CHECK(ini->at("default").at("region") == "eu-west-1");
  CHECK(ini->at("profile dev").at("role_arn") == "arn:x");
  CHECK(ini->at("profile dev").at("s3.addressing_style") == "path");
  CHECK(ini->at("profile dev").at("s3.max_concurrent_requests") == "4");
  CHECK(ini->at("profile dev").at("after") == "1");
  CHECK(parse_ini("key = 1\n", "cfg").error().message == "cfg:1: expected '[section]' or 'key = value'");
  CHECK(parse_ini("[a\n", "cfg").error().message == "cfg:1: unterminated section header");
}

TEST_CASE("aws::resolve_region and resolve_endpoint")
{
  Profile p;
  p.values["region"] = "ap-south-1";
  CHECK(*resolve_region("eu-west-1", fake_env({{"AWS_REGION", "us-west-2"}}), p) == "eu-west-1");
  CHECK(*resolve_region("", fake_env({{"AWS_REGION", "us-west-2"}, {"AWS_DEFAULT_REGION", "x"}}), p) == "us-west-2");
  CHECK(*resolve_region("", fake_env({{"AWS_DEFAULT_REGION", "us-east-2"}}), p) == "us-east-2");
  CHECK(*resolve_region("", fake_env({}), p) == "ap-south-1");
  CHECK(resolve_region("", fake_env({}), Profile{}).error().message.starts_with("no AWS region"));
  CHECK(resolve_region("useast1", fake_env({}), p).error().message ==
        "invalid AWS region \"useast1\" (expected a name like us-east-1)");

  const auto env = fake_env({{"AWS_ENDPOINT_URL", "http://all:1/"}, {"AWS_ENDPOINT_URL_ROUTE_53", "http://r53:2"}});
  CHECK(resolve_endpoint(k_s3, "eu-west-1", "", env, Profile{}).url == "http://all:1");
  CHECK(resolve_endpoint(k_route53, "eu-west-1", "", env, Profile{}).url == "http://r53:2");
  CHECK(resolve_endpoint(k_route53, "eu-west-1", "", env, Profile{}).signing_region == "us-east-1");
  CHECK(resolve_endpoint(k_s3, "eu-west-1", "http://explicit", env, Profile{}).url == "http://explicit");
  const auto none = resolve_endpoint(k_s3, "eu-west-1", "", fake_env({}), Profile{});
  CHECK(none.url == "https://s3.eu-west-1.amazonaws.com");
  CHECK_FALSE(none.custom);
  CHECK(endpoint_env_name(k_autoscaling) == "AWS_ENDPOINT_URL_AUTO_SCALING");
}

TEST_CASE("aws::default_chain: order and sources")
{
  test::TestContext ctx;
  test::FakeClock clock;
  http::FakeHttpClient http;
  test::write_file(".aws/credentials", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n"
                                       "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = s\n");
  test::write_file(".aws/config", "[profile ops]\nrole_arn = arn:aws:iam::1:role/ops\nsource_profile = base\n"
                                  "[profile loop]\nrole_arn = arn:r\nsource_profile = loop2\n"
                                  "[profile loop2]\nrole_arn = arn:r\nsource_profile = loop\n");

  SUBCASE("environment variables first")
  {
    const auto c = chain(fake_env({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}}), http, clock);
    CHECK(c->credentials()->access_key_id == "ENVKEY");
    CHECK(c->credentials()->source == "environment");
  }
  SUBCASE("an explicit profile (pave.toml) skips the environment")
  {
    const auto c =
        chain(fake_env({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}}), http, clock, "base");
    CHECK(c->credentials()->access_key_id == "BASEKEY");
  }
  SUBCASE("default profile from the credentials file")
  {
    const auto c = chain(fake_env({{"AWS_EC2_METADATA_DISABLED", "true"}}), http, clock);
    CHECK(c->credentials()->access_key_id == "FILEKEY");
  }
  SUBCASE("role_arn with source_profile through AssumeRole, signed with the source's keys")
  {
    http.on("POST", "http://sts.test/", [](const http::Request& r) {
      CHECK(r.body.find("Action=AssumeRole&") != std::string::npos);
      CHECK(r.body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fops") != std::string::npos);
      CHECK(http::find_header(r.headers, "Authorization")->find("Credential=BASEKEY/") != std::string::npos);
      return http::Result<http::Response>(
          http::Response{200, {}, sts_answer("AssumeRole", "ROLEKEY", "2023-11-14T23:13:20Z"), "1.1"});
    });
    const auto c = chain(fake_env({{"AWS_PROFILE", "ops"}}), http, clock);
    const auto creds = c->credentials();
    REQUIRE(creds);
    CHECK(creds->access_key_id == "ROLEKEY");
    CHECK(creds->session_token == "tok");
    CHECK(creds->source == "role arn:aws:iam::1:role/ops");
    // Cached until five minutes before expiry, then fetched again.
    CHECK(c->credentials()->access_key_id == "ROLEKEY");
    CHECK(http.requests().size() == 1);
    clock.advance(std::chrono::hours(1));
    (void)c->credentials();
    CHECK(http.requests().size() == 2);
  }
  SUBCASE("source_profile loops are refused")
  {
    const auto c = chain(fake_env({{"AWS_PROFILE", "loop"}}), http, clock);
    CHECK(c->credentials().error().message == "AWS profile \"loop\": source_profile chain loops");
  }
  SUBCASE("a missing named profile")
  {
    const auto c = chain(fake_env({{"AWS_PROFILE", "nope"}}), http, clock);
    CHECK(c->credentials().error().message == "AWS profile \"nope\" not found in ~/.aws/config or ~/.aws/credentials");
  }
  SUBCASE("web identity: unsigned AssumeRoleWithWebIdentity with the token file")
  {
    test::write_file("token", "jwt-token\n");
    http.on("POST", "http://sts.test/", [](const http::Request& r) {
      CHECK(r.body.find("Action=AssumeRoleWithWebIdentity") != std::string::npos);
      CHECK(r.body.find("WebIdentityToken=jwt-token") != std::string::npos);
      CHECK_FALSE(http::find_header(r.headers, "Authorization"));
      return http::Result<http::Response>(
          http::Response{200, {}, sts_answer("AssumeRoleWithWebIdentity", "WEBKEY", "2030-01-01T00:00:00Z"), "1.1"});
    });
    const auto c = chain(fake_env({{"AWS_WEB_IDENTITY_TOKEN_FILE", "token"}, {"AWS_ROLE_ARN", "arn:aws:iam::1:role/ci"},
                                   {"AWS_SHARED_CREDENTIALS_FILE", "none"}}),
                         http, clock);
    CHECK(c->credentials()->access_key_id == "WEBKEY");
  }
  SUBCASE("container credentials with an authorization token")
  {
    http.on("GET", "http://169.254.170.2/creds", [](const http::Request& r) {
      CHECK(*http::find_header(r.headers, "Authorization") == "secret-token");
      return http::Result<http::Response>(http::FakeHttpClient::json(
          200, R"({"AccessKeyId":"ECSKEY","SecretAccessKey":"s","Token":"t","Expiration":"2030-01-01T00:00:00Z"})"));
    });
    const auto c = chain(fake_env({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds"},
                                   {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "secret-token"},
                                   {"AWS_SHARED_CREDENTIALS_FILE", "none"}}),
                         http, clock);
    CHECK(c->credentials()->access_key_id == "ECSKEY");
  }
  SUBCASE("IMDSv2: token PUT, then role and credentials GETs with the token")
  {
    http.on("PUT", "http://169.254.169.254/latest/api/token", [](const http::Request& r) {
      CHECK(*http::find_header(r.headers, "X-aws-ec2-metadata-token-ttl-seconds") == "21600");
      CHECK(r.timeout == std::chrono::seconds(1));
      return http::Result<http::Response>(http::Response{200, {}, "TOKEN", "1.1"});
    });
    http.on("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/*", [](const http::Request& r) {
      CHECK(*http::find_header(r.headers, "X-aws-ec2-metadata-token") == "TOKEN");
      if (r.url.ends_with("/")) {
        return http::Result<http::Response>(http::Response{200, {}, "web-role\n", "1.1"});
      }
      return http::Result<http::Response>(http::FakeHttpClient::json(
          200, R"({"AccessKeyId":"EC2KEY","SecretAccessKey":"s","Token":"t","Expiration":"2030-01-01T00:00:00Z"})"));
    });
    const auto c = chain(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", "none"}}), http, clock);
    CHECK(c->credentials()->access_key_id == "EC2KEY");
    CHECK(c->credentials()->source == "instance profile web-role");
  }
  SUBCASE("nothing configured: one line naming every source")
  {
    const auto c = chain(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", "none"}, {"AWS_EC2_METADATA_DISABLED", "true"}}),
                         http, clock);
    CHECK(c->credentials().error().message == std::string(k_no_credentials));
  }
  SUBCASE("expired environment credentials")
  {
    const auto c = chain(fake_env({{"AWS_ACCESS_KEY_ID", "K"}, {"AWS_SECRET_ACCESS_KEY", "s"},
                                   {"AWS_CREDENTIAL_EXPIRATION", "2020-01-01T00:00:00Z"}}),
                         http, clock);
    CHECK(c->credentials().error().message == "AWS credentials from environment expired at 2020-01-01T00:00:00Z");
  }
}
