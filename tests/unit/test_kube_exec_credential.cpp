#include <doctest/doctest.h>

#include <filesystem>

#include <pave/kube/auth.hpp>
#include <pave/kube/exec_credential.hpp>

#include "testutil.hpp"

using namespace pave;
using namespace std::chrono_literals;

namespace {

/// A plugin that records its arguments, environment and call count, then
/// prints an ExecCredential expiring at $EXPIRY.
constexpr std::string_view k_plugin = R"(#!/bin/sh
echo "$@" > args.txt
printf '%s' "$KUBERNETES_EXEC_INFO" > info.json
echo "$PLUGIN_ENV" > env.txt
echo x >> calls.txt
echo "plugin says hello on stderr" >&2
n=$(wc -l < calls.txt | tr -d ' ')
if [ -f expiry.txt ]; then EXPIRY=$(cat expiry.txt); fi
cat <<JSON
{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
 "status": {"token": "tok-$n", "expirationTimestamp": "$EXPIRY"}}
JSON
)";

kube::ExecConfig plugin_config(const std::filesystem::path& dir)
{
  kube::ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1";
  e.command = (dir / "plugin.sh").string();
  e.args = {"--cluster", "prod"};
  e.env = {{"PLUGIN_ENV", "from-kubeconfig"}, {"EXPIRY", "2023-11-14T22:20:00Z"}};
  return e;
}

void write_plugin(const std::filesystem::path& dir, std::string_view text)
{
  test::write_file(dir / "plugin.sh", text);
  std::filesystem::permissions(dir / "plugin.sh", std::filesystem::perms::owner_all);
}

} // namespace

TEST_CASE("kube::run_exec_plugin")
{
  test::TestContext ctx;
  write_plugin(ctx.dir(), k_plugin);
  auto exec = plugin_config(ctx.dir());
  exec.provide_cluster_info = true;
  kube::ClusterConfig cluster;
  cluster.server = "https://10.0.0.1:6443";

  auto c = kube::run_exec_plugin(exec, cluster);
  REQUIRE(c);
  CHECK(c->token == "tok-1");
  CHECK(c->expiry == std::chrono::system_clock::from_time_t(1700000400));
  CHECK(test::read_file("args.txt") == "--cluster prod\n");
  CHECK(test::read_file("env.txt") == "from-kubeconfig\n");
  CHECK(test::read_file("info.json") ==
        R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"cluster":{"server":"https://10.0.0.1:6443"},"interactive":false}})");

  SUBCASE("failures")
  {
    write_plugin(ctx.dir(), "#!/bin/sh\nexit 3\n");
    CHECK(kube::run_exec_plugin(exec, cluster).error().message == "exec plugin " + exec.command + ": exited with status 3");
    write_plugin(ctx.dir(), "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n");
    CHECK(kube::run_exec_plugin(exec, cluster).error().message ==
          "exec plugin " + exec.command +
              ": output has apiVersion \"client.authentication.k8s.io/v1beta1\", want \"client.authentication.k8s.io/v1\"");
    write_plugin(ctx.dir(), "#!/bin/sh\nsleep 5\n");
    CHECK(kube::run_exec_plugin(exec, cluster, 1200ms).error().message == "exec plugin: " + exec.command + " timed out after 1 s");
    exec.command = "pave-no-such-plugin";
    exec.install_hint = "Install it with: brew install pave-no-such-plugin";
    CHECK(kube::run_exec_plugin(exec, cluster).error().message ==
          "exec plugin: cannot run pave-no-such-plugin: No such file or directory; Install it with: brew install "
          "pave-no-such-plugin");
  }
}

TEST_CASE("kube::parse_exec_credential")
{
  kube::ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1beta1";
  e.command = "p";
  auto certs = kube::parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"CERT","clientKeyData":"KEY","expirationTimestamp":"2024-05-01T10:00:00.5+02:00"}})",
      e);
  REQUIRE(certs);
  CHECK(certs->client_cert_pem == "CERT");
  CHECK(certs->client_key_pem == "KEY");
  CHECK(certs->expiry == std::chrono::system_clock::from_time_t(1714550400));
  CHECK(kube::parse_exec_credential("not json", e).error().message == "exec plugin p: output is not an ExecCredential JSON object");
  CHECK(kube::parse_exec_credential(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{}})", e)
            .error()
            .message == "exec plugin p: status has neither a token nor a client certificate");
  CHECK(kube::parse_exec_credential(
            R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"C"}})", e)
            .error()
            .message == "exec plugin p: status has clientCertificateData without clientKeyData or the reverse");
}

TEST_CASE("kube::make_credential_source")
{
  test::TestContext ctx;
  test::FakeClock clock; // starts at 2023-11-14T22:13:20Z
  SUBCASE("exec credentials are cached until they expire and refreshed after a 401")
  {
    write_plugin(ctx.dir(), k_plugin);
    kube::RestConfig rc;
    rc.user.exec = plugin_config(ctx.dir());
    auto source = kube::make_credential_source(rc, clock);
    CHECK(source->get()->token == "tok-1");
    CHECK(source->get()->token == "tok-1");
    clock.advance(6min); // 22:19:20: 40 s left
    CHECK(source->get()->token == "tok-1");
    clock.advance(35s); // 5 s before expiry: refreshed
    test::write_file("expiry.txt", "2030-01-01T00:00:00Z");
    const auto second = *source->get();
    CHECK(second.token == "tok-2");
    source->invalidate(kube::Credentials{}); // stale credentials: no effect
    CHECK(source->get()->token == "tok-2");
    source->invalidate(second);
    CHECK(source->get()->token == "tok-3");
  }
  SUBCASE("a token file is re-read every minute")
  {
    test::write_file("token", "one\n");
    kube::RestConfig rc;
    rc.user.token_file = (ctx.dir() / "token").string();
    auto source = kube::make_credential_source(rc, clock);
    CHECK(source->get()->token == "one");
    test::write_file("token", "two\n");
    CHECK(source->get()->token == "one");
    clock.advance(61s);
    CHECK(source->get()->token == "two");
    CHECK(kube::authorization_header(*source->get()) == "Bearer two");
  }
  SUBCASE("static token and basic auth")
  {
    kube::RestConfig rc;
    rc.user.username = "admin";
    rc.user.password = "secret";
    CHECK(kube::authorization_header(*kube::make_credential_source(rc, clock)->get()) == "Basic YWRtaW46c2VjcmV0");
  }
}
