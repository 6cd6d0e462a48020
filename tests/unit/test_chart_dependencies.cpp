// Dependency processing: aliases, tags, conditions, import-values, following
// Helm 4.2's pkg/chart/v2/util/dependencies.go.
#include <doctest/doctest.h>

#include <pave/chart/dependencies.hpp>
#include <pave/chart/loader.hpp>

#include "test_chart_support.hpp"
#include "testutil.hpp"

using pave::test::dump;
using pave::test::TestContext;
using pave::test::write_file;
using pave::tmpl::MapItems;
using pave::tmpl::Value;

namespace {

std::string dep_names(const pave::chart::Chart& c)
{
  std::string out;
  for (const auto& d : c.dependencies) {
    out += (out.empty() ? "" : ",") + d->name();
    if (!d->dependencies.empty()) {
      out += "(" + dep_names(*d) + ")";
    }
  }
  return out;
}

std::shared_ptr<pave::chart::Chart> load(const std::string& dir)
{
  auto c = pave::chart::load_chart(dir);
  REQUIRE(c);
  return *c;
}

Value map(MapItems items)
{
  return Value::map(std::move(items));
}

void write_chart(const std::string& dir, const std::string& name, const std::string& extra = "")
{
  write_file(dir + "/Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n" + extra);
}

} // namespace

TEST_CASE("chart::process_dependency_enabled")
{
  TestContext ctx;
  write_chart("p", "p",
              "dependencies:\n"
              "- name: a\n  version: 1.0.0\n  condition: a.enabled,global.a\n  tags: [front]\n"
              "- name: b\n  version: '>=1'\n  tags: [front, back]\n"
              "- name: a\n  alias: a2\n  condition: a2.on\n"
              "- name: c\n  version: 2.x\n  condition: c.enabled\n");
  write_file("p/values.yaml", "a:\n  enabled: notabool\nglobal:\n  a: true\n");
  write_chart("p/charts/a", "a", "dependencies:\n- name: d\n  condition: d.enabled\n");
  write_file("p/charts/a/values.yaml", "d:\n  enabled: false\n");
  write_chart("p/charts/a/charts/d", "d");
  write_chart("p/charts/b", "b");
  write_chart("p/charts/c", "c");
  write_chart("p/charts/u", "u");

  SUBCASE("defaults")
  {
    auto c = load("p");
    REQUIRE(pave::chart::process_dependency_enabled(*c, Value::map()));
    // u is not declared and stays; c does not match version 2.x so it is kept as an undeclared chart;
    // a2 has no "on" value so it stays enabled; d is disabled by a's default d.on=false.
    CHECK(dep_names(*c) == "c,u,a,b,a2");
    CHECK(c->metadata.dependencies.size() == 4);
    CHECK(c->metadata.dependencies[2]->name == "a2");
    CHECK(c->metadata.dependencies[0]->enabled);
  }
  SUBCASE("conditions and tags from user values")
  {
    auto c = load("p");
    Value user = map({{"a2", map({{"on", false}})},
                      {"tags", map({{"front", false}, {"back", true}})},
                      {"a", map({{"d", map({{"enabled", true}})}})}});
    REQUIRE(pave::chart::process_dependency_enabled(*c, user));
    // a: tag front=false, but the condition global.a=true wins; b has a true tag.
    CHECK(dep_names(*c) == "c,u,a(d),b");
  }
  SUBCASE("a false tag alone disables")
  {
    auto c = load("p");
    Value user = map({{"tags", map({{"front", false}})}, {"global", map({{"a", Value()}})}});
    REQUIRE(pave::chart::process_dependency_enabled(*c, user));
    CHECK(dep_names(*c) == "c,u,a2");
  }
  SUBCASE("alias copies keep their own parent and path")
  {
    auto c = load("p");
    REQUIRE(pave::chart::process_dependency_enabled(*c, Value::map()));
    for (const auto& d : c->dependencies) {
      CHECK(d->parent == c.get());
    }
    CHECK(c->dependencies[4]->full_path() == "p/charts/a2");
    CHECK(c->dependencies[2]->full_path() == "p/charts/a");
  }
}

TEST_CASE("chart::process_import_values")
{
  TestContext ctx;
  write_chart("p", "p",
              "dependencies:\n"
              "- name: child\n  version: 1.0.0\n  import-values:\n  - child: data\n    parent: imported\n"
              "  - exported\n  - child: missing\n    parent: nowhere\n"
              "- name: child\n  alias: second\n  condition: second.enabled\n");
  write_file("p/values.yaml", "imported:\n  b: parent\n");
  write_chart("p/charts/child", "child");
  write_file("p/charts/child/values.yaml",
             "data:\n  a: 1\n  b: child\nexports:\n  exported:\n    e: 1\nenabled: false\n");

  auto c = load("p");
  REQUIRE(pave::chart::process_dependencies(*c, Value::map()));
  CHECK(dep_names(*c) == "child");
  CHECK(dump(c->values) == "{child:{data:{a:1f,b:\"child\"},enabled:false,exports:{exported:{e:1f}},global:{}},"
                           "e:1f,imported:{a:1f,b:\"parent\"}}");
  REQUIRE(c->metadata.dependencies.size() == 1);

  // Without import-values the chart's own values stay as loaded (like helmref).
  write_chart("q", "q", "dependencies:\n- name: child\n");
  write_file("q/values.yaml", "k: null\n");
  write_chart("q/charts/child", "child");
  write_file("q/charts/child/values.yaml", "a: 1\n");
  auto q = load("q");
  REQUIRE(pave::chart::process_dependencies(*q, Value::map()));
  CHECK(dump(q->values) == "{k:null}");
  CHECK(dump(Value::list(c->metadata.dependencies[0]->import_values)) ==
        "[{child:\"data\",parent:\"imported\"},{child:\"exports.exported\",parent:\".\"},"
        "{child:\"missing\",parent:\"nowhere\"}]");
}
