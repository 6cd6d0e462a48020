// Expected values follow Helm 4.2's coalesce.go as helmref implements it
// (checked against helmref renders of `{{ .Values | toYaml }}`).
#include <doctest/doctest.h>

#include <pave/chart/coalesce.hpp>

#include "test_chart_support.hpp"

using pave::chart::Chart;
using pave::tmpl::MapItems;
using pave::tmpl::Value;
using pave::test::dump;

namespace {

Value map(MapItems items)
{
  return Value::map(std::move(items));
}

std::shared_ptr<Chart> make_chart(std::string name, Value values)
{
  auto c = std::make_shared<Chart>();
  c->metadata.name = std::move(name);
  c->metadata.version = "0.1.0";
  c->values = std::move(values);
  return c;
}

std::string coalesce(const Chart& c, const Value& user, pave::chart::CoalesceOptions opts = {})
{
  auto r = pave::chart::coalesce_values(c, user, opts);
  return r ? dump(*r) : "error: " + r.error().message;
}

} // namespace

TEST_CASE("chart::coalesce_values")
{
  SUBCASE("user values override defaults, maps merge")
  {
    auto c = make_chart("top", map({{"a", 1.0}, {"b", map({{"c", 2.0}, {"d", 3.0}})}, {"e", "x"}}));
    Value user = map({{"a", 5.0}, {"b", map({{"c", "u"}})}});
    CHECK(coalesce(*c, user) == "{a:5f,b:{c:\"u\",d:3f},e:\"x\"}");
    // Inputs are copied, not changed.
    CHECK(dump(user) == "{a:5f,b:{c:\"u\"}}");
    CHECK(dump(c->values) == "{a:1f,b:{c:2f,d:3f},e:\"x\"}");
  }
  SUBCASE("null deletes a default")
  {
    auto c = make_chart("top", map({{"a", 1.0}, {"b", map({{"c", 2.0}, {"d", 3.0}})}, {"n", Value()}}));
    Value user = map({{"a", Value()}, {"b", map({{"c", Value()}})}, {"x", Value()}});
    CHECK(coalesce(*c, user) == "{b:{d:3f},x:null}");
  }
  SUBCASE("merge keeps nulls")
  {
    auto c = make_chart("top", map({{"a", 1.0}, {"b", map({{"c", 2.0}, {"d", 3.0}})}, {"n", Value()}}));
    Value user = map({{"a", Value()}, {"b", map({{"c", Value()}})}});
    pave::chart::CoalesceOptions merge;
    merge.merge = true;
    CHECK(coalesce(*c, user, merge) == "{a:null,b:{c:null,d:3f},n:null}");
  }
  SUBCASE("nulls in nested defaults are cleaned")
  {
    auto c = make_chart("top", map({{"m", map({{"k", Value()}, {"j", 1.0}})}}));
    CHECK(coalesce(*c, Value::map()) == "{m:{j:1f}}");
  }
  SUBCASE("subcharts get their section and the globals")
  {
    auto top = make_chart("top", map({{"global", map({{"g", 1.0}, {"t", map({{"a", 1.0}})}})},
                                      {"sub", map({{"x", "parent"}})}}));
    auto sub = make_chart("sub", map({{"global", map({{"h", 2.0}, {"t", map({{"b", 2.0}})}})},
                                      {"x", "child"},
                                      {"y", "child"}}));
    top->add_dependency(sub);
    CHECK(coalesce(*top, Value::map()) ==
          "{global:{g:1f,t:{a:1f}},sub:{global:{g:1f,h:2f,t:{a:1f,b:2f}},x:\"parent\",y:\"child\"}}");
  }
  SUBCASE("issue 9027: nulls in parent values do not delete subchart defaults")
  {
    auto top = make_chart("issue-9027",
                          map({{"global", map({{"hash", map({{"key1", Value()}, {"key2", Value()}, {"key3", 13.0}})}})},
                               {"subchart", map({{"hash", map({{"key1", Value()}, {"key2", Value()}, {"key3", 13.0}})}})}}));
    auto sub = make_chart("subchart", map({{"global", map({{"hash", map({{"key1", 1.0}, {"key2", 2.0}, {"key3", 3.0}})}})},
                                           {"hash", map({{"key1", 1.0}, {"key2", 2.0}, {"key3", 3.0}})}}));
    top->add_dependency(sub);
    CHECK(coalesce(*top, Value::map()) == "{global:{hash:{key3:13f}},subchart:{global:{hash:{key1:1f,key2:2f,key3:13f}},"
                                          "hash:{key1:1f,key2:2f,key3:13f}}}");
  }
  SUBCASE("subchart section must be a map")
  {
    auto top = make_chart("top", Value::map());
    top->add_dependency(make_chart("sub", Value::map()));
    CHECK(coalesce(*top, map({{"sub", "oops"}})) == "error: type mismatch on sub");
  }
  SUBCASE("consuming chart values gives the same result")
  {
    auto top = make_chart("top", map({{"a", map({{"b", 1.0}})}}));
    auto sub = make_chart("sub", map({{"c", 1.0}}));
    top->add_dependency(sub);
    pave::chart::CoalesceOptions fast;
    fast.copy_chart_values = false;
    fast.copy_input = false;
    CHECK(coalesce(*top, map({{"a", map({{"z", 2.0}})}}), fast) == "{a:{b:1f,z:2f},sub:{c:1f,global:{}}}");
  }
}

TEST_CASE("chart::coalesce_tables")
{
  Value dst = map({{"a", Value()}, {"b", 1.0}, {"t", map({{"x", Value()}})}});
  Value src = map({{"a", 2.0}, {"c", 3.0}, {"t", map({{"x", 1.0}, {"y", 2.0}})}});
  CHECK(dump(pave::chart::coalesce_tables(dst, src)) == "{b:1f,c:3f,t:{y:2f}}");

  Value dst2 = map({{"a", Value()}, {"t", map({{"x", Value()}})}});
  Value src2 = map({{"a", 2.0}, {"t", map({{"x", 1.0}, {"y", 2.0}})}});
  CHECK(dump(pave::chart::merge_tables(dst2, src2)) == "{a:null,t:{x:null,y:2f}}");
}

TEST_CASE("chart::merge_maps")
{
  Value a = map({{"a", 1.0}, {"m", map({{"x", 1.0}, {"y", 1.0}})}, {"l", Value::list({1.0})}});
  Value b = map({{"m", map({{"y", 2.0}})}, {"l", Value::list({2.0})}, {"n", Value()}});
  CHECK(dump(pave::chart::merge_maps(a, b)) == "{a:1f,l:[2f],m:{x:1f,y:2f},n:null}");
  CHECK(dump(a) == "{a:1f,l:[1f],m:{x:1f,y:1f}}");
}

TEST_CASE("chart::path_value")
{
  Value v = map({{"a", map({{"b", map({{"c", true}})}})}, {"s", "x"}});
  REQUIRE(pave::chart::path_value(v, "a.b.c") != nullptr);
  CHECK(pave::chart::path_value(v, "a.b.c")->as_bool());
  CHECK(pave::chart::path_value(v, "a.x") == nullptr);
  CHECK(pave::chart::path_value(v, "s.x") == nullptr);
}
