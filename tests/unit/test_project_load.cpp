#include <doctest/doctest.h>

#include <pave/project/load.hpp>
#include <pave/project/schema.hpp>

#include "testutil.hpp"

using namespace pave;

namespace {

std::vector<std::string> messages(const util::Diagnostics& d)
{
  std::vector<std::string> out;
  for (const auto& i : d.items()) {
    out.push_back(i.location + ": " + i.summary + (i.detail.empty() ? "" : " (" + i.detail + ")"));
  }
  return out;
}

} // namespace

TEST_CASE("project::parse")
{
  SUBCASE("a complete file")
  {
    util::Diagnostics d;
    auto p = project::parse(R"([project]
name = "shop"
[settings]
output = "json"
[environments.dev]
target = "directory"
directory = "out/dev"
namespace = "shop-dev"
values = ["values/dev.yaml"]
[environments.prod]
context = "prod-ctx"
region = "eu-west-1"
[apps.web]
chart = "charts/web"
values = { replicaCount = 2, image = { tag = "1.2" } }
[apps.web.overrides.prod]
values = { replicaCount = 5 }
[apps.job]
template = "cronjob"
environments = ["prod"]
[backup]
destination = "s3://b/p"
)",
                            "pave.toml", d);
    REQUIRE(p);
    CHECK(messages(d).empty());
    CHECK(p->name == "shop");
    CHECK(p->settings.at("output").value == "json");
    CHECK(p->settings.at("output").source == "pave.toml:4");
    CHECK(p->environments.at("dev").target == project::TargetKind::directory);
    CHECK(p->environments.at("dev").directory == "out/dev");
    CHECK(p->environments.at("dev").values == std::vector<std::string>{"values/dev.yaml"});
    CHECK(p->environments.at("prod").target == project::TargetKind::kubernetes);
    CHECK(p->environments.at("prod").region == "eu-west-1");
    const auto& web = p->apps.at("web");
    CHECK(web.release == "web");
    CHECK(web.values["replicaCount"] == 2);
    CHECK(web.values["image"]["tag"] == "1.2");
    CHECK(web.overrides.at("prod").values["replicaCount"] == 5);
    CHECK(p->apps_for("dev").size() == 1);
    CHECK(p->apps_for("prod").size() == 2);
    CHECK(p->reserved.at("backup")["destination"] == "s3://b/p");
  }

  SUBCASE("a syntax error fails with file:line:col")
  {
    util::Diagnostics d;
    auto p = project::parse("[project]\nname = \"x\"\n[apps.web\n", "dir/pave.toml", d);
    REQUIRE_FALSE(p);
    CHECK(p.error().message.starts_with("dir/pave.toml:3:"));
    CHECK(p.error().message.find("syntax error: ") != std::string::npos);
  }

  SUBCASE("non-ASCII text where white space may be is a syntax error")
  {
    // toml++ 3.3 reached __builtin_unreachable for these (found by fuzz_toml);
    // lib/util/toml_impl.cpp compiles its parser with a fixed check.
    for (const char* text : {"\xEF\xBB\x9F[project]\n", "\xC3\xA9 = 1\n", "[project]\n  \xE3\x81\x82x = 1\n",
                             "a = 1 \xEF\xBB\xA0\n"}) {
      util::Diagnostics d;
      auto p = project::parse(text, "pave.toml", d);
      REQUIRE_FALSE(p);
      CHECK(p.error().message.find("syntax error: ") != std::string::npos);
    }
  }

  SUBCASE("every schema problem is reported at once")
  {
    util::Diagnostics d;
    auto p = project::parse(R"([projct]
name = "x"
[environments.dev]
namespce = "a"
target = "cloud"
[environments.Prod]
[apps.web]
chart = 3
[apps.api]
template = "web-servce"
environments = ["qa"]
[apps.api.overrides.stagin]
values = {}
)",
                            "pave.toml", d);
    REQUIRE(p);
    CHECK(messages(d) == std::vector<std::string>{
                           "pave.toml:1:2: unknown key \"projct\" (did you mean \"project\"?)",
                           "pave.toml:4:1: unknown key \"namespce\" in [environments.dev] (did you mean \"namespace\"?)",
                           "pave.toml:5:10: invalid value \"cloud\" for \"target\" in [environments.dev] (expected one of: kubernetes, directory)",
                           "pave.toml:6:1: environment name \"Prod\" is not a DNS-1123 label (use lowercase letters, digits and '-')",
                           "pave.toml:7:1: [apps.web] needs exactly one of \"chart\" or \"template\"",
                           "pave.toml:8:9: \"chart\" in [apps.web] must be a string, not an integer",
                           "pave.toml:10:12: unknown template \"web-servce\" in [apps.api] (did you mean \"web-service\"?)",
                           "pave.toml:11:17: [apps.api] names unknown environment \"qa\"",
                           "pave.toml:12:1: [apps.api] overrides names unknown environment \"stagin\"",
                           "pave.toml: missing [project] table (add [project] with name = \"...\")",
                         });
  }
}

TEST_CASE("project::load")
{
  test::TestContext ctx;
  SUBCASE("a missing file")
  {
    util::Diagnostics d;
    auto p = project::load("pave.toml", d);
    REQUIRE_FALSE(p);
    CHECK(p.error().message == "cannot read pave.toml: No such file or directory");
    CHECK(p.error().detail == "run `pave init` to create a project, or pass --project FILE");
  }
  SUBCASE("charts and values files must exist, relative to the file")
  {
    test::write_file("p/pave.toml", "[project]\nname = \"x\"\n[environments.dev]\nvalues = [\"v.yaml\"]\n"
                                    "[apps.web]\nchart = \"charts/web\"\nvalues_files = [\"w.yaml\"]\n");
    util::Diagnostics d;
    REQUIRE(project::load("p/pave.toml", d));
    CHECK(messages(d) == std::vector<std::string>{
                           "p/pave.toml:3: values file \"v.yaml\" of environment \"dev\" not found",
                           "p/pave.toml:5: chart \"charts/web\" of app \"web\" not found (expected a directory with Chart.yaml or a .tgz archive)",
                           "p/pave.toml:5: values file \"w.yaml\" of app \"web\" not found",
                         });
    test::write_file("p/charts/web/Chart.yaml", "name: web\n");
    test::write_file("p/w.yaml", "");
    test::write_file("p/v.yaml", "");
    util::Diagnostics d2;
    REQUIRE(project::load("p/pave.toml", d2));
    CHECK(d2.empty());
  }
}

TEST_CASE("project::sections")
{
  for (const auto& s : project::sections()) {
    CHECK(!s.description.empty());
    for (const auto& f : s.fields) {
      CHECK(!f.description.empty());
    }
  }
  CHECK(project::find_section("apps.NAME") != nullptr);
  CHECK(project::find_section("nope") == nullptr);
}

TEST_CASE("project::parse [state]")
{
  SUBCASE("backend and its AWS settings")
  {
    util::Diagnostics d;
    auto p = project::parse(R"([project]
name = "shop"
[state]
backend = "s3://acme-pave/teams/shop"
endpoint_url = "http://127.0.0.1:5000"
[environments.dev]
)",
                            "pave.toml", d)
               .value();
    CHECK(messages(d).empty());
    CHECK(p.state.backend == "s3://acme-pave/teams/shop");
    CHECK(p.state.endpoint_url == "http://127.0.0.1:5000");
    CHECK(p.state.region.empty());
    CHECK(p.state.source == "pave.toml:4");
  }
  SUBCASE("errors: unknown scheme, unknown key, both state_dir and backend")
  {
    util::Diagnostics d;
    (void)project::parse(R"([project]
name = "shop"
[settings]
state_dir = "x"
[state]
backend = "gcs://b/p"
bucket = "b"
[environments.dev]
)",
                         "pave.toml", d);
    const auto m = messages(d);
    REQUIRE(m.size() == 3);
    CHECK(m[0] == "pave.toml:4: both [settings] state_dir and [state] backend are set (keep [state] backend "
                  "(state_dir is for --state-dir and PAVE_STATE_DIR overrides))");
    CHECK(m[1].starts_with("pave.toml:6:"));
    CHECK(m[1].find("[state] backend \"gcs://b/p\": unknown scheme") != std::string::npos);
    CHECK(m[2].starts_with("pave.toml:7:"));
  }
}
