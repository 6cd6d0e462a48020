#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include <pave/http/fake_client.hpp>
#include <pave/kube/client.hpp>
#include <pave/kube/lookup.hpp>
#include <pave/template/template.hpp>

#include "testutil.hpp"

using namespace pave;
using nlohmann::json;
using http::FakeHttpClient;

namespace {

constexpr std::string_view k_server = "https://k8s:6443";

std::string url(std::string_view path)
{
  return std::string(k_server) + std::string(path);
}

/// A fake API server with core/v1 and apps/v1; `crd` adds example.com/v1 Widget.
void serve_discovery(FakeHttpClient& fake, std::shared_ptr<std::atomic<bool>> crd = nullptr)
{
  fake.on("GET", url("/api"), [](const http::Request&) { return FakeHttpClient::json(200, R"({"versions":["v1"]})"); });
  fake.on("GET", url("/api/v1"), [](const http::Request&) {
    return FakeHttpClient::json(200, R"({"groupVersion":"v1","resources":[
      {"name":"configmaps","kind":"ConfigMap","namespaced":true},
      {"name":"namespaces","kind":"Namespace","namespaced":false},
      {"name":"pods/log","kind":"Pod","namespaced":true}]})");
  });
  fake.on("GET", url("/apis"), [crd](const http::Request&) {
    std::string groups = R"({"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}]})";
    if (crd && *crd) {
      groups += R"(,{"name":"example.com","versions":[{"groupVersion":"example.com/v1","version":"v1"}]})";
    }
    return FakeHttpClient::json(200, R"({"kind":"APIGroupList","groups":[)" + groups + "]}");
  });
  fake.on("GET", url("/apis/apps/v1"), [](const http::Request&) {
    return FakeHttpClient::json(200, R"({"groupVersion":"apps/v1","resources":[
      {"name":"deployments","kind":"Deployment","namespaced":true},
      {"name":"deployments/status","kind":"Deployment","namespaced":true}]})");
  });
  fake.on("GET", url("/apis/example.com/v1"), [](const http::Request&) {
    return FakeHttpClient::json(200, R"({"groupVersion":"example.com/v1","resources":[
      {"name":"widgets","kind":"Widget","namespaced":false}]})");
  });
}

struct Fixture
{
  test::TestContext ctx;
  test::FakeClock clock;
  std::shared_ptr<FakeHttpClient> fake = std::make_shared<FakeHttpClient>();

  kube::ClientOptions options(std::filesystem::path cache = {})
  {
    kube::ClientOptions o;
    o.server = std::string(k_server);
    o.http = fake;
    o.clock = &clock;
    o.discovery_cache = std::move(cache);
    o.retry.base_delay = std::chrono::milliseconds(100);
    return o;
  }

  std::size_t count(std::string_view method, std::string_view path) const
  {
    std::size_t n = 0;
    for (const auto& r : fake->requests()) {
      n += r.method == method && r.url == url(path) ? 1 : 0;
    }
    return n;
  }
};

const kube::ResourceInfo k_configmaps{"", "v1", "ConfigMap", "configmaps", true};

} // namespace

TEST_CASE("kube::Client::resolve")
{
  Fixture f;
  auto crd = std::make_shared<std::atomic<bool>>(false);
  serve_discovery(*f.fake, crd);
  kube::Client client(f.options(f.ctx.dir() / "cache"));

  CHECK(*client.resolve("v1", "ConfigMap") == k_configmaps);
  CHECK(*client.resolve("apps/v1", "Deployment") == kube::ResourceInfo{"apps", "v1", "Deployment", "deployments", true});
  CHECK(client.resolve("v1", "Namespace")->namespaced == false);
  CHECK(f.count("GET", "/api") == 1); // cached in memory

  SUBCASE("a miss refreshes discovery once (a CRD created since)")
  {
    CHECK(client.resolve("example.com/v1", "Widget").error().message ==
          "no kind \"Widget\" in group version \"example.com/v1\" on https://k8s:6443: is its CRD installed?");
    CHECK(f.count("GET", "/api") == 2);
    *crd = true;
    CHECK(client.resolve("example.com/v1", "Widget")->resource == "widgets");
    CHECK(f.count("GET", "/api") == 3);
  }
  SUBCASE("the disk cache is used within its TTL")
  {
    CHECK(test::read_file(f.ctx.dir() / "cache/resources.json").starts_with("{\"fetched_at\":1700000000,\"format_version\":1"));
    kube::Client second(f.options(f.ctx.dir() / "cache"));
    CHECK(second.resolve("apps/v1", "Deployment"));
    CHECK(f.count("GET", "/api") == 1);
    f.clock.advance(std::chrono::hours(7));
    kube::Client third(f.options(f.ctx.dir() / "cache"));
    CHECK(third.resolve("apps/v1", "Deployment"));
    CHECK(f.count("GET", "/api") == 2);
  }
}

TEST_CASE("kube::Client get, list, apply, remove, version")
{
  Fixture f;
  serve_discovery(*f.fake);
  kube::Client client(f.options());

  SUBCASE("get: an object or nullopt")
  {
    f.fake->on("GET", url("/api/v1/namespaces/shop/configmaps/a"),
               [](const http::Request&) { return FakeHttpClient::json(200, R"({"kind":"ConfigMap","data":{"k":"v"}})"); });
    CHECK((**client.get(k_configmaps, "shop", "a"))["data"]["k"] == "v");
    CHECK_FALSE(*client.get(k_configmaps, "shop", "b"));
    f.fake->on("GET", url("/api/v1/namespaces/shop/configmaps/c"), [](const http::Request&) {
      return FakeHttpClient::json(403, R"({"kind":"Status","message":"configmaps \"c\" is forbidden","reason":"Forbidden","code":403})");
    });
    CHECK(client.get(k_configmaps, "shop", "c").error().message ==
          "get ConfigMap shop/c: configmaps \"c\" is forbidden (Forbidden, HTTP 403)");
  }
  SUBCASE("list: follows continue tokens and fills in apiVersion and kind")
  {
    f.fake->on("GET", url("/api/v1/namespaces/shop/configmaps?limit=500&labelSelector=app%3Dweb"), [](const http::Request&) {
      return FakeHttpClient::json(200, R"({"metadata":{"continue":"tok/1"},"items":[{"metadata":{"name":"a"}}]})");
    });
    f.fake->on("GET", url("/api/v1/namespaces/shop/configmaps?limit=500&labelSelector=app%3Dweb&continue=tok%2F1"),
               [](const http::Request&) {
                 return FakeHttpClient::json(200, R"({"metadata":{},"items":[{"metadata":{"name":"b"}}]})");
               });
    auto items = client.list(k_configmaps, "shop", "app=web");
    REQUIRE(items);
    REQUIRE(items->size() == 2);
    CHECK((*items)[1]["metadata"]["name"] == "b");
    CHECK((*items)[1]["apiVersion"] == "v1");
    CHECK((*items)[1]["kind"] == "ConfigMap");

    // list_each: the same items one by one; an error of the receiver stops before the next page.
    std::vector<std::string> names;
    REQUIRE(client.list_each(k_configmaps, "shop", "app=web", [&](json&& item) -> util::Result<void> {
      names.push_back(item["metadata"]["name"]);
      return {};
    }));
    CHECK(names == std::vector<std::string>{"a", "b"});
    const auto pages = f.count("GET", "/api/v1/namespaces/shop/configmaps?limit=500&labelSelector=app%3Dweb&continue=tok%2F1");
    CHECK(client.list_each(k_configmaps, "shop", "app=web", [](json&&) -> util::Result<void> {
                  return util::fail("stop");
                }).error().message == "stop");
    CHECK(f.count("GET", "/api/v1/namespaces/shop/configmaps?limit=500&labelSelector=app%3Dweb&continue=tok%2F1") == pages);
  }
  SUBCASE("apply: server-side apply PATCH with the namespace filled in")
  {
    f.fake->on("PATCH", url("/apis/apps/v1/namespaces/prod/deployments/web*"),
               [](const http::Request& r) { return FakeHttpClient::json(200, r.body); });
    const json obj = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "web"}}}};
    kube::ApplyOptions ao;
    ao.namespace_ = "prod";
    ao.force_conflicts = true;
    ao.dry_run = true;
    auto applied = client.apply(obj, ao);
    REQUIRE(applied);
    CHECK((*applied)["metadata"]["namespace"] == "prod");
    const auto req = f.fake->requests().back();
    CHECK(req.url == url("/apis/apps/v1/namespaces/prod/deployments/web?fieldManager=pave&force=true&dryRun=All"));
    CHECK(http::find_header(req.headers, "content-type") == "application/apply-patch+yaml");
  }
  SUBCASE("apply: a cluster-scoped object loses its namespace")
  {
    f.fake->on("PATCH", url("/api/v1/namespaces/shop?fieldManager=pave"),
               [](const http::Request& r) { return FakeHttpClient::json(201, r.body); });
    auto applied = client.apply(json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "shop"}, {"namespace", "x"}}}}, {});
    REQUIRE(applied);
    CHECK_FALSE((*applied)["metadata"].contains("namespace"));
  }
  SUBCASE("apply: conflicts list the fields and managers")
  {
    f.fake->on("PATCH", url("/api/v1/namespaces/default/configmaps/c*"), [](const http::Request&) {
      return FakeHttpClient::json(409, R"({"kind":"Status","message":"Apply failed with 2 conflicts: conflict with \"kubectl\": .data.a","reason":"Conflict","code":409,"details":{"causes":[
        {"reason":"FieldManagerConflict","message":"conflict with \"kubectl\" using v1","field":".data.a"},
        {"reason":"FieldManagerConflict","message":"conflict with \"helm\" using v1","field":".data.b"}]}})");
    });
    auto r = client.apply(json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "c"}}}}, {});
    CHECK(r.error().message == "apply ConfigMap default/c: apply conflict on 2 fields owned by another manager: .data.a "
                               "(managed by \"kubectl\"), .data.b (managed by \"helm\")");
    CHECK(r.error().detail ==
          "Re-run with --force-conflicts to take ownership of these fields, or stop setting them in the chart.");
  }
  SUBCASE("apply: unknown kinds and missing fields")
  {
    CHECK(client.apply(json{{"kind", "ConfigMap"}}, {}).error().message == "apply: the object needs apiVersion, kind and metadata.name");
    CHECK(client.apply(json{{"apiVersion", "v1"}, {"kind", "Gadget"}, {"metadata", {{"name", "g"}}}}, {})
              .error()
              .message.starts_with("no kind \"Gadget\" in group version \"v1\""));
  }
  SUBCASE("remove: 404 is success; propagation and dry run in the body")
  {
    f.fake->on("DELETE", url("/api/v1/namespaces/shop/configmaps/gone"),
               [](const http::Request&) { return FakeHttpClient::json(404, "{}"); });
    f.fake->on("DELETE", url("/api/v1/namespaces/shop/configmaps/a?dryRun=All"),
               [](const http::Request&) { return FakeHttpClient::json(200, "{}"); });
    CHECK(client.remove(k_configmaps, "shop", "gone", {}));
    CHECK(client.remove(k_configmaps, "shop", "a", {kube::Propagation::foreground, true}));
    CHECK(json::parse(f.fake->requests().back().body) ==
          json{{"apiVersion", "v1"}, {"kind", "DeleteOptions"}, {"propagationPolicy", "Foreground"}, {"dryRun", {"All"}}});
  }
  SUBCASE("version")
  {
    f.fake->on("GET", url("/version"), [](const http::Request&) {
      return FakeHttpClient::json(200, R"({"major":"1","minor":"30","gitVersion":"v1.30.2","platform":"linux/amd64"})");
    });
    CHECK(client.version()->git_version == "v1.30.2");
  }
}

TEST_CASE("kube::Client retries and credentials")
{
  Fixture f;
  serve_discovery(*f.fake);

  SUBCASE("429 with Retry-After is retried")
  {
    auto busy = FakeHttpClient::json(429, R"({"kind":"Status","message":"too many requests","code":429})");
    busy.headers.emplace_back("Retry-After", "2");
    f.fake->script("GET", url("/version"), {busy, FakeHttpClient::json(200, R"({"gitVersion":"v1.30.0"})")});
    kube::Client client(f.options());
    CHECK(client.version()->git_version == "v1.30.0");
    CHECK(f.clock.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::seconds(2)});
  }
  SUBCASE("a 401 refreshes the credentials once and resends")
  {
    struct Rotating final : kube::CredentialSource
    {
      int generation = 1;
      util::Result<kube::Credentials> get() override { return kube::Credentials{"token-" + std::to_string(generation)}; }
      void invalidate(const kube::Credentials& used) override
      {
        if (used.token == "token-" + std::to_string(generation)) {
          ++generation;
        }
      }
    };
    f.fake->on("GET", url("/version"), [](const http::Request& r) {
      return http::find_header(r.headers, "Authorization") == "Bearer token-2"
                 ? FakeHttpClient::json(200, R"({"gitVersion":"v1"})")
                 : FakeHttpClient::json(401, R"({"kind":"Status","message":"Unauthorized","reason":"Unauthorized","code":401})");
    });
    auto o = f.options();
    o.credentials = std::make_shared<Rotating>();
    kube::Client client(o);
    CHECK(client.version()->git_version == "v1");
    CHECK(f.count("GET", "/version") == 2);
  }
  SUBCASE("discovery sends the group-versions as one batch; a 503 among them is fetched again alone")
  {
    f.fake->script("GET", url("/apis/apps/v1"),
                   {FakeHttpClient::json(503, R"({"kind":"Status","message":"unavailable","code":503})"),
                    FakeHttpClient::json(200, R"({"groupVersion":"apps/v1","resources":[
                      {"name":"deployments","kind":"Deployment","namespaced":true}]})")});
    kube::Client client(f.options());
    CHECK(*client.resolve("apps/v1", "Deployment") == kube::ResourceInfo{"apps", "v1", "Deployment", "deployments", true});
    CHECK(f.count("GET", "/apis/apps/v1") == 2);
    CHECK(f.count("GET", "/api/v1") == 1);
    CHECK(f.clock.sleeps.empty()); // the first retry of the lone request is immediate
  }
  SUBCASE("a group-version that stays down is skipped, and discovery is incomplete rather than failed")
  {
    f.fake->on("GET", url("/apis/apps/v1"),
               [](const http::Request&) { return FakeHttpClient::json(503, R"({"kind":"Status","code":503})"); });
    kube::Client client(f.options());
    CHECK(*client.resolve("v1", "ConfigMap") == k_configmaps);
  }
  SUBCASE("concurrent use")
  {
    f.fake->on("PATCH", url("/api/v1/namespaces/default/configmaps/*"),
               [](const http::Request& r) { return FakeHttpClient::json(200, r.body); });
    kube::Client client(f.options());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          const json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                           {"metadata", {{"name", "cm-" + std::to_string(t) + "-" + std::to_string(i)}}}};
          ok += client.apply(cm, {}) ? 1 : 0;
        }
      });
    }
    for (auto& t : threads) {
      t.join();
    }
    CHECK(ok == 400);
    CHECK(f.count("GET", "/api") == 1);
    CHECK(client.requests_sent() == 400 + 4); // + /api, /api/v1, /apis, /apis/apps/v1
  }
}

TEST_CASE("kube::make_lookup")
{
  Fixture f;
  serve_discovery(*f.fake);
  kube::Client client(f.options());
  f.fake->on("GET", url("/api/v1/namespaces/shop/configmaps/a"), [](const http::Request&) {
    return FakeHttpClient::json(200, R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"n":"1"},"x":3,"y":1.5})");
  });
  f.fake->on("GET", url("/api/v1/configmaps?limit=500"), [](const http::Request&) {
    return FakeHttpClient::json(200, R"({"metadata":{},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]})");
  });
  const auto lookup = kube::make_lookup(client);
  auto obj = lookup("v1", "ConfigMap", "shop", "a");
  REQUIRE(obj);
  CHECK(obj->find("data")->find("n")->as_string() == "1");
  CHECK(obj->find("x")->is_int());
  CHECK(obj->find("y")->is_float());
  auto missing = lookup("v1", "ConfigMap", "shop", "zzz");
  REQUIRE(missing);
  CHECK(missing->is_map());
  CHECK(missing->items().empty());
  auto all = lookup("v1", "ConfigMap", "", "");
  REQUIRE(all);
  CHECK(all->find("kind")->as_string() == "ConfigMapList");
  CHECK(all->find("items")->elements().size() == 2);
  CHECK(lookup("v1", "Gadget", "", "x").error().message.starts_with("no kind \"Gadget\""));

  SUBCASE("through a template")
  {
    auto funcs = chart::make_function_table(lookup);
    tmpl::TemplateSet set(*funcs);
    REQUIRE(set.parse("t", "{{ (lookup \"v1\" \"ConfigMap\" \"shop\" \"a\").data.n }}|"
                           "{{ len (lookup \"v1\" \"ConfigMap\" \"\" \"\").items }}|"
                           "{{ lookup \"v1\" \"ConfigMap\" \"shop\" \"zzz\" }}"));
    std::string out;
    REQUIRE(set.execute("t", tmpl::Value::map(), out));
    CHECK(out == "1|2|map[]");
    REQUIRE(set.parse("u", "{{ lookup \"v1\" \"Gadget\" \"\" \"x\" }}"));
    CHECK(set.execute("u", tmpl::Value::map(), out).error().message.find("error calling lookup: no kind \"Gadget\"") !=
          std::string::npos);
  }
}
