#include <doctest/doctest.h>

#include <pave/kube/kubeconfig.hpp>

#include "testutil.hpp"

using namespace pave;

namespace {

constexpr std::string_view k_first = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c1
  cluster:
    server: https://10.0.0.1:6443/
    certificate-authority: certs/ca.pem
    tls-server-name: kubernetes
- name: shared
  cluster:
    server: https://first.example:443
contexts:
- name: dev
  context: {cluster: c1, user: u1, namespace: shop}
- name: broken
  context: {cluster: nope, user: u1}
- name: nouser
  context: {cluster: c1, user: ghost}
users:
- name: u1
  user:
    token: abc
    client-certificate: certs/client.pem
    client-key: /abs/key.pem
)";

constexpr std::string_view k_second = R"(current-context: prod
clusters:
- name: shared
  cluster:
    server: https://second.example:443
    certificate-authority-data: aGVsbG8=
    insecure-skip-tls-verify: true
    proxy-url: http://proxy:3128
contexts:
- name: prod
  context: {cluster: shared, user: eks}
users:
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/get-token
      args: [--cluster, prod]
      env: [{name: AWS_PROFILE, value: prod}]
      provideClusterInfo: true
      installHint: install it
- name: u1
  user:
    token: from-second
)";

kube::KubeconfigOptions opts(std::string env, std::string context = {})
{
  kube::KubeconfigOptions o;
  o.kubeconfig_env = std::move(env);
  o.home = "/nonexistent";
  o.context = std::move(context);
  return o;
}

} // namespace

TEST_CASE("kube::load_kubeconfig")
{
  test::TestContext ctx;
  test::write_file("a/config", k_first);
  test::write_file("b/config", k_second);
  const std::string a = (ctx.dir() / "a/config").string();
  const std::string b = (ctx.dir() / "b/config").string();

  SUBCASE("current context, relative paths against the file's directory")
  {
    auto rc = kube::load_kubeconfig(opts(a));
    REQUIRE(rc);
    CHECK(rc->context == "dev");
    CHECK(rc->namespace_ == "shop");
    CHECK(rc->cluster.server == "https://10.0.0.1:6443");
    CHECK(rc->cluster.certificate_authority == (ctx.dir() / "a/certs/ca.pem").string());
    CHECK(rc->cluster.tls_server_name == "kubernetes");
    CHECK(rc->user.token == "abc");
    CHECK(rc->user.client_certificate == (ctx.dir() / "a/certs/client.pem").string());
    CHECK(rc->user.client_key == "/abs/key.pem");
  }
  SUBCASE("merging KUBECONFIG: first file wins per name and for current-context")
  {
    auto rc = kube::load_kubeconfig(opts(a + ":missing.yaml:" + b));
    REQUIRE(rc);
    CHECK(rc->context == "dev");
    CHECK(rc->user.token == "abc"); // u1 from the first file
    auto prod = kube::load_kubeconfig(opts(a + ":" + b, "prod"));
    REQUIRE(prod);
    CHECK(prod->cluster.server == "https://first.example:443"); // "shared" from the first file
    CHECK(prod->namespace_ == "default");
    REQUIRE(prod->user.exec);
    CHECK(prod->user.exec->command == (ctx.dir() / "b/bin/get-token").string());
    CHECK(prod->user.exec->args == std::vector<std::string>{"--cluster", "prod"});
    CHECK(prod->user.exec->env == std::vector<std::pair<std::string, std::string>>{{"AWS_PROFILE", "prod"}});
    CHECK(prod->user.exec->provide_cluster_info);
    auto reversed = kube::load_kubeconfig(opts(b + ":" + a));
    REQUIRE(reversed);
    CHECK(reversed->context == "prod");
    CHECK(reversed->cluster.certificate_authority_data == "hello");
    CHECK(reversed->cluster.insecure_skip_tls_verify);
    CHECK(reversed->cluster.proxy_url == "http://proxy:3128");
  }
  SUBCASE("errors name the file and what is missing")
  {
    CHECK(kube::load_kubeconfig(opts(a, "qa")).error().message == "kubeconfig " + a + ": context \"qa\" not found");
    CHECK(kube::load_kubeconfig(opts(a, "broken")).error().message ==
          "kubeconfig " + a + ": context \"broken\" refers to cluster \"nope\", which is not defined");
    CHECK(kube::load_kubeconfig(opts(a, "nouser")).error().message ==
          "kubeconfig " + a + ": context \"nouser\" refers to user \"ghost\", which is not defined");
    test::write_file("empty", "clusters: []\n");
    CHECK(kube::load_kubeconfig(opts("empty")).error().message ==
          "kubeconfig empty: no current-context is set; pass --context");
    test::write_file("bad", "clusters: [\n");
    CHECK(kube::load_kubeconfig(opts("bad")).error().message.starts_with("kubeconfig bad: line "));
    CHECK(kube::load_kubeconfig(opts("nothing-here")).error().message ==
          "no kubeconfig found (looked for nothing-here); set KUBECONFIG or pass --kubeconfig");
  }
  SUBCASE("an explicit path overrides KUBECONFIG and must exist")
  {
    auto o = opts(a);
    o.path = b;
    CHECK(kube::load_kubeconfig(o)->context == "prod");
    o.path = "missing";
    CHECK(kube::load_kubeconfig(o).error().message.starts_with("cannot read missing"));
  }
  SUBCASE("~/.kube/config when KUBECONFIG is empty")
  {
    auto o = opts("");
    o.home = (ctx.dir() / "home").string();
    test::write_file("home/.kube/config", k_first);
    CHECK(kube::load_kubeconfig(o)->context == "dev");
  }
}

TEST_CASE("kube::load_kubeconfig_text rejects bad exec and base64")
{
  const std::string base = "current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n"
                           "clusters: [{name: c, cluster: {server: 'https://h'}}]\n";
  auto bad_version = kube::load_kubeconfig_text(
      base + "users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]\n",
      "k.yaml", "");
  CHECK(bad_version.error().message ==
        "kubeconfig k.yaml: exec plugin of user \"u\" has unsupported apiVersion "
        "\"client.authentication.k8s.io/v1alpha1\" (want client.authentication.k8s.io/v1 or v1beta1)");
  auto bad_data = kube::load_kubeconfig_text(base + "users: [{name: u, user: {client-key-data: '!!!'}}]\n", "k.yaml", "");
  CHECK(bad_data.error().message == "kubeconfig k.yaml: client-key-data of user \"u\" is not valid base64");
}
