#include <doctest/doctest.h>

#include <pave/actions/init.hpp>
#include <pave/project/load.hpp>

#include "testutil.hpp"

using namespace pave;

TEST_CASE("actions::sanitize_name")
{
  CHECK(actions::sanitize_name("My_Project") == "my-project");
  CHECK(actions::sanitize_name("--x--") == "x");
  CHECK(actions::sanitize_name("___") == "app");
  CHECK(actions::sanitize_name(std::string(80, 'a')).size() == 63);
}

TEST_CASE("actions::init")
{
  test::TestContext ctx;
  actions::InitOptions o;
  o.dir = "proj";
  o.name = "shop";
  o.environments = {"dev", "prod"};

  SUBCASE("writes a project that validates")
  {
    auto r = actions::init(o);
    REQUIRE(r);
    CHECK(r->replaced.empty());
    CHECK(std::find(r->created.begin(), r->created.end(), "pave.toml") != r->created.end());
    CHECK(std::find(r->created.begin(), r->created.end(), "charts/shop/Chart.yaml") != r->created.end());
    CHECK(std::find(r->created.begin(), r->created.end(), "values/prod.yaml") != r->created.end());
    CHECK(test::read_file("proj/charts/shop/Chart.yaml").find("name: shop") != std::string::npos);
    util::Diagnostics d;
    auto p = project::load("proj/pave.toml", d);
    REQUIRE(p);
    CHECK(d.empty());
    CHECK(p->name == "shop");
    CHECK(p->environments.size() == 2);
    CHECK(p->apps.at("shop").chart == "charts/shop");
  }

  SUBCASE("refuses to overwrite, writing nothing; --force replaces and lists")
  {
    test::write_file("proj/values/dev.yaml", "mine\n");
    auto r = actions::init(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "refusing to overwrite 1 existing file(s) in proj: values/dev.yaml (use --force)");
    CHECK_FALSE(std::filesystem::exists("proj/pave.toml"));
    o.force = true;
    r = actions::init(o);
    REQUIRE(r);
    CHECK(r->replaced == std::vector<std::string>{"values/dev.yaml"});
    CHECK(test::read_file("proj/values/dev.yaml") != "mine\n");
  }

  SUBCASE("bad input is a usage error")
  {
    o.template_ = "nope";
    auto r = actions::init(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == util::ExitCode::usage);
    CHECK(r.error().message == "unknown template \"nope\" (built-in: cronjob, web-service, worker)");
    o.template_ = "worker";
    o.environments = {"dev", "dev"};
    r = actions::init(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "environment \"dev\" given twice");
    o.environments = {"Dev"};
    CHECK(actions::init(o).error().message == "invalid environment name \"Dev\": use lowercase letters, digits and '-'");
    o.environments = {"dev"};
    o.name = "Shop";
    CHECK(actions::init(o).error().message ==
          "invalid project name \"Shop\": use lowercase letters, digits and '-' (at most 63)");
  }
}
