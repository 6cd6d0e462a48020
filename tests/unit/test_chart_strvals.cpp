// Cases from Helm's pkg/strvals/parser_test.go (expected values as Helm's
// parser produces them: int64 for integers, strings otherwise).
#include <doctest/doctest.h>

#include <pave/chart/strvals.hpp>

#include "test_chart_support.hpp"

using pave::tmpl::Value;
using pave::test::dump;

namespace {

std::string parse(std::string_view s)
{
  Value v = Value::map();
  auto r = pave::chart::parse_set_into(s, v);
  if (!r) {
    return "error: " + r.error().message;
  }
  return dump(v);
}

std::string parse_string(std::string_view s)
{
  Value v = Value::map();
  auto r = pave::chart::parse_set_string_into(s, v);
  if (!r) {
    return "error: " + r.error().message;
  }
  return dump(v);
}

std::string parse_json(std::string_view s, Value v = Value::map())
{
  auto r = pave::chart::parse_set_json_into(s, v);
  if (!r) {
    return "error: " + r.error().message;
  }
  return dump(v);
}

} // namespace

TEST_CASE("chart::parse_set_into")
{
  SUBCASE("scalars")
  {
    CHECK(parse("name1=null,f=false,t=true") == "{f:false,name1:null,t:true}");
    CHECK(parse("name1=value1") == "{name1:\"value1\"}");
    CHECK(parse("name1=value1,name2=value2,") == "{name1:\"value1\",name2:\"value2\"}");
    CHECK(parse("name1=,name2=value2") == "{name1:\"\",name2:\"value2\"}");
    CHECK(parse("leading_zeros=00009") == "{leading_zeros:\"00009\"}");
    CHECK(parse("zero_int=0") == "{zero_int:0}");
    CHECK(parse("long_int=1234567890") == "{long_int:1234567890}");
    CHECK(parse("neg=-5,plus=+7") == "{neg:-5,plus:7}");
    CHECK(parse("big=99999999999999999999") == "{big:\"99999999999999999999\"}");
    CHECK(parse("boolean=TRUE,n=Null") == "{boolean:true,n:null}");
    CHECK(parse("name1=one\\,two,name2=three\\,four") == "{name1:\"one,two\",name2:\"three,four\"}");
    CHECK(parse("name1=one\\=two") == "{name1:\"one=two\"}");
    CHECK(parse("name1=one two three") == "{name1:\"one two three\"}");
    CHECK(parse("a\\.b=c") == "{a.b:\"c\"}");
    CHECK(parse("a=") == "{a:\"\"}");
  }
  SUBCASE("nesting")
  {
    CHECK(parse("outer.inner=value") == "{outer:{inner:\"value\"}}");
    CHECK(parse("outer.middle.inner=value") == "{outer:{middle:{inner:\"value\"}}}");
    CHECK(parse("outer.inner1=value,outer.middle.inner=value") ==
          "{outer:{inner1:\"value\",middle:{inner:\"value\"}}}");
    CHECK(parse("name1.name2=") == "{name1:{name2:\"\"}}");
  }
  SUBCASE("lists")
  {
    CHECK(parse("name1={value1,value2}") == "{name1:[\"value1\",\"value2\"]}");
    CHECK(parse("name1={1021,902}") == "{name1:[1021,902]}");
    CHECK(parse("name1={value1,value2},name2={value1,value2}") ==
          "{name1:[\"value1\",\"value2\"],name2:[\"value1\",\"value2\"]}");
    CHECK(parse("list[0]=foo") == "{list:[\"foo\"]}");
    CHECK(parse("list[0].foo=bar,list[0].hello=world") == "{list:[{foo:\"bar\",hello:\"world\"}]}");
    CHECK(parse("list[0]=foo,list[3]=bar") == "{list:[\"foo\",null,null,\"bar\"]}");
    CHECK(parse("noval[0]") == "{noval:[]}");
    CHECK(parse("noval[0]=") == "{noval:[\"\"]}");
    CHECK(parse("nested[0][0]=1") == "{nested:[[1]]}");
    CHECK(parse("nested[1][1]=1") == "{nested:[null,[null,1]]}");
    CHECK(parse("name1.name2[1].foo=bar,name1.name2[0].foo=bar") == "{name1:{name2:[{foo:\"bar\"},{foo:\"bar\"}]}}");
    CHECK(parse("name1.name2[1].foo=bar") == "{name1:{name2:[null,{foo:\"bar\"}]}}");
    CHECK(parse("a[1") == "{}");
  }
  SUBCASE("errors")
  {
    CHECK(parse("name1=value1,,,,name2=value2,") == "error: key \"\" has no value (cannot end with ,)");
    CHECK(parse("name1,name2=") == "error: key \"name1\" has no value (cannot end with ,)");
    CHECK(parse("name1,name2") == "error: key \"name1\" has no value (cannot end with ,)");
    CHECK(parse("name1.name2") == "error: key \"name2\" has no value");
    CHECK(parse("name1.=name2") == "error: key map \"name1\" has no value");
    CHECK(parse("name1.,name2") == "error: key \"\" has no value (cannot end with ,)");
    CHECK(parse("name1={1021,902") == "error: list must terminate with '}'");
    CHECK(parse("list[0].foo=bar,list[-30].hello=world") == "error: negative -30 index not allowed");
    CHECK(parse("list[0]=foo,list[-20]=bar") == "error: negative -20 index not allowed");
    CHECK(parse("illegal[0]name.foo=bar") == "error: unexpected data at end of array index: \"name\"");
    CHECK(parse("]={}].") ==
          "error: unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}");
    CHECK(parse("a=1,a.b=2") ==
          "error: unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}");
    CHECK(parse("a=null,a.b=2") ==
          "error: unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}");
    CHECK(parse("a[x]=1") == "error: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
    CHECK(parse("a[70000]=1") == "error: index of 70000 is greater than maximum supported index of 65536");
    CHECK(parse("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff=1") ==
          "error: value name nested level is greater than maximum supported nested level of 30");
  }
  SUBCASE("into existing values")
  {
    Value v = Value::map();
    REQUIRE(pave::chart::parse_set_into("outer.inner1=overwrite,outer.inner2=value2", v));
    REQUIRE(pave::chart::parse_set_into("outer.inner1=value1,outer.inner3=value3,outer.inner4=4", v));
    CHECK(dump(v) == "{outer:{inner1:\"value1\",inner2:\"value2\",inner3:\"value3\",inner4:4}}");

    Value w = Value::map();
    REQUIRE(pave::chart::parse_set_into("listOuter[0][0].type=listValue", w));
    REQUIRE(pave::chart::parse_set_into("listOuter[0][0].status=alive", w));
    CHECK(dump(w) == "{listOuter:[[{status:\"alive\",type:\"listValue\"}]]}");
  }
}

TEST_CASE("chart::parse_set_string_into")
{
  CHECK(parse_string("long_int_string=1234567890") == "{long_int_string:\"1234567890\"}");
  CHECK(parse_string("boolean=true,is_null=null,zero=0") == "{boolean:\"true\",is_null:\"null\",zero:\"0\"}");
  CHECK(parse_string("outer.inner1=1,outer.inner3=3") == "{outer:{inner1:\"1\",inner3:\"3\"}}");
}

TEST_CASE("chart::parse_set_json_into")
{
  CHECK(parse_json("outer.inner1=\"1\",outer.inner3=3,outer.inner4=true,outer.inner5=\"true\"") ==
        "{outer:{inner1:\"1\",inner3:3f,inner4:true,inner5:\"true\"}}");
  CHECK(parse_json("outer.inner1={\"a\":\"1\",\"b\":2,\"c\":[1,2,3]},outer.inner3=[\"new value 1\",\"new value 2\"]") ==
        "{outer:{inner1:{a:\"1\",b:2f,c:[1f,2f,3f]},inner3:[\"new value 1\",\"new value 2\"]}}");
  CHECK(parse_json("outer.inner1=,outer.inner3={\"aa\":\"1\",\"bb\":2,\"cc\":[1,2,3]},outer.inner3.cc[1]=null") ==
        "{outer:{inner1:null,inner3:{aa:\"1\",bb:2f,cc:[1f,null,3f]}}}");
  CHECK(parse_json("a=[1,2],b={\"x\":1}") == "{a:[1f,2f],b:{x:1f}}");
  CHECK(parse_json("a=abc") == "error: invalid character 'a' looking for beginning of value");
}

TEST_CASE("chart::parse_set_file_into")
{
  Value v = Value::map();
  pave::chart::StrvalsReader reader = [](std::string_view path) -> pave::util::Result<Value> {
    if (path == "path1") {
      return Value("value1");
    }
    return pave::util::fail("open {}: no such file or directory", path);
  };
  REQUIRE(pave::chart::parse_set_file_into("name1=path1", v, reader));
  CHECK(dump(v) == "{name1:\"value1\"}");
  auto r = pave::chart::parse_set_file_into("name2=nope", v, reader);
  REQUIRE(!r);
  CHECK(r.error().message == "open nope: no such file or directory");
}
