// .Files and .Capabilities objects. Expected texts are helmref's output for
// the same calls (AsSecrets, %v of Files, Lines, GetBytes, HelmVersion ...).
#include <doctest/doctest.h>

#include <pave/chart/capabilities.hpp>
#include <pave/chart/files.hpp>
#include <pave/template/function.hpp>

#include "test_chart_support.hpp"

using pave::chart::File;
using pave::chart::Files;
using pave::test::dump;
using pave::tmpl::Value;

namespace {

std::shared_ptr<Files> sample()
{
  auto files = std::make_shared<std::vector<File>>(std::vector<File>{
      {"files/b.yaml", "b: 1\n"},
      {"files/a.txt", "hello\nworld\n"},
      {"crds/crd.yaml", "kind: CustomResourceDefinition\n"},
      {"files/sub/c.txt", "c"},
      {"empty.txt", ""},
  });
  return std::make_shared<Files>(files);
}

Value call(const pave::tmpl::Object& o, std::string_view name, std::vector<Value> args = {})
{
  auto v = o.member(name, args);
  REQUIRE(v.has_value());
  return *v;
}

} // namespace

TEST_CASE("chart::Files")
{
  auto f = sample();
  CHECK(f->get("files/a.txt") == "hello\nworld\n");
  CHECK(f->get("nope").empty());
  CHECK(dump(call(*f, "Get", {"files/b.yaml"})) == "\"b: 1\n\"");
  CHECK(dump(call(*f, "GetBytes", {"files/b.yaml"})) == "b\"b: 1\n\"");
  CHECK(f->lines("files/a.txt") == std::vector<std::string>{"hello", "world"});
  CHECK(f->lines("files/sub/c.txt") == std::vector<std::string>{"c"});
  CHECK(f->lines("nope").empty());
  CHECK(dump(call(*f, "Lines", {"files/a.txt"})) == "[\"hello\",\"world\"]");
  CHECK(call(*f, "Lines", {"files/a.txt"}).type_name() == "[]string");

  auto g = f->glob("files/*");
  CHECK(g->format() == "map[files/a.txt:[104 101 108 108 111 10 119 111 114 108 100 10] files/b.yaml:[98 58 32 49 10]]");
  CHECK(f->glob("files/**")->to_data().items().size() == 3);
  CHECK(f->glob("{crds,files}/*.yaml")->to_data().items().size() == 2);
  CHECK(f->glob("[bad")->to_data().items().size() == 5); // Helm falls back to "**"
  CHECK(g->as_secrets() == "a.txt: aGVsbG8Kd29ybGQK\nb.yaml: YjogMQo=");
  CHECK(g->as_config() == "a.txt: |\n  hello\n  world\nb.yaml: |\n  b: 1");
  CHECK(f->glob("nothing/*")->as_config() == "{}");

  CHECK(f->type_name() == "engine.files");
  CHECK(f->kind_name() == "map");
  CHECK(f->truth());
  CHECK(!f->glob("nothing")->truth());
  CHECK(dump(call(*f, "files/b.yaml")) == "b\"b: 1\n\"");
  CHECK(f->has_method("Glob"));
  CHECK(!f->has_method("files/b.yaml"));

  CHECK_THROWS_WITH_AS(f->member("Get", {}), "wrong number of args for Get: want 1 got 0", pave::tmpl::ArgumentError);
  std::vector<Value> bad{Value(1)};
  CHECK_THROWS_WITH_AS(f->member("Get", bad), "wrong type for value; expected string; got int",
                       pave::tmpl::ArgumentError);
}

TEST_CASE("chart::make_capabilities")
{
  auto kube = pave::chart::parse_kube_version("1.16");
  REQUIRE(kube);
  CHECK(kube->version == "v1.16");
  CHECK(kube->major == "1");
  CHECK(kube->minor == "16");
  auto kube2 = pave::chart::parse_kube_version("v1.25.3");
  REQUIRE(kube2);
  CHECK(kube2->version == "v1.25.3");
  CHECK(kube2->minor == "25");
  auto gke = pave::chart::parse_kube_version("1.33.4-gke.1245000");
  REQUIRE(gke);
  CHECK(gke->version == "v1.33.4-gke.1245000");
  CHECK(gke->major == "1");
  CHECK(gke->minor == "33");
  CHECK(pave::chart::parse_kube_version("1.2-rc.1").value().minor == "2");
  CHECK(pave::chart::parse_kube_version("v1.020").value().minor == "20");
  CHECK(pave::chart::parse_kube_version(" 1.2").value().version == "v 1.2");
  CHECK(pave::chart::parse_kube_version("one").error().message == "could not parse \"one\" as version");
  CHECK(pave::chart::parse_kube_version("2").error().message == "illegal version string \"2\"");
  CHECK(pave::chart::parse_kube_version("1.x").error().message == "illegal version string \"1.x\"");
  CHECK(pave::chart::parse_kube_version("1.").error().message == "illegal version string \"1.\"");
  CHECK(pave::chart::parse_kube_version("01.2").error().message ==
        "illegal zero-prefixed version component \"01\" in \"01.2\"");
  CHECK(pave::chart::parse_kube_version("1.99999999999999999999").error().message ==
        "illegal non-numeric version component \"99999999999999999999\" in \"1.99999999999999999999\": "
        "strconv.ParseUint: parsing \"99999999999999999999\": value out of range");

  Value caps = pave::chart::make_capabilities(pave::chart::KubeVersion{}, {"helm.k8s.io/test"});
  REQUIRE(caps.is_object());
  const auto& c = caps.as_object();
  CHECK(c.type_name() == "*common.Capabilities");
  Value apis = call(c, "APIVersions");
  CHECK(call(apis.as_object(), "Has", {"apps/v1"}).as_bool());
  CHECK(call(apis.as_object(), "Has", {"helm.k8s.io/test"}).as_bool());
  CHECK(!call(apis.as_object(), "Has", {"nope/v1"}).as_bool());
  CHECK(apis.as_object().to_data().elements().size() == 22);
  Value kv = call(c, "KubeVersion");
  CHECK(kv.as_object().format() == "v1.20.0");
  CHECK(call(kv.as_object(), "Major").as_string() == "1");
  CHECK(call(kv.as_object(), "Minor").as_string() == "20");
  CHECK(call(kv.as_object(), "GitVersion").as_string() == "v1.20.0");
  CHECK(call(kv.as_object(), "String").as_string() == "v1.20.0");
  CHECK(!kv.as_object().member("Patch", {}).has_value());
  CHECK(dump(call(c, "HelmVersion")) == "{GitCommit:\"\",GitTreeState:\"clean\",GoVersion:\"go1.19\",Version:\"v3.16.0\"}");
}
