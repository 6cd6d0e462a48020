// values.Options.MergeValues: files, then --set-json, --set, --set-string, --set-file.
#include <doctest/doctest.h>

#include <pave/chart/user_values.hpp>

#include "test_chart_support.hpp"
#include "testutil.hpp"

using pave::test::dump;
using pave::test::TestContext;
using pave::test::write_file;

namespace {

std::string merge(const pave::chart::ValueSources& s)
{
  auto r = pave::chart::merge_user_values(s);
  return r ? dump(*r) : "error: " + r.error().message;
}

} // namespace

TEST_CASE("chart::merge_user_values")
{
  TestContext ctx;
  write_file("a.yaml", "a: 1\nm:\n  x: 1\n  w: 1\nl: [1]\n");
  write_file("b.yaml", "m:\n  w: 2\nl: [2]\nq: null\n");
  write_file("content.txt", "line\n");
  write_file("list.yaml", "- 1\n");

  pave::chart::ValueSources s;
  s.files = {"a.yaml", "b.yaml"};
  CHECK(merge(s) == "{a:1f,l:[2f],m:{w:2f,x:1f},q:null}");

  s.set_json = {"j={\"k\":[1,true]}", "{\"a\": \"json\"}"};
  s.set = {"a=2,m.x=3", "m.z[1]=z"};
  s.set_string = {"a=4"};
  s.set_file = {"f=content.txt"};
  CHECK(merge(s) == "{a:\"4\",f:\"line\n\",j:{k:[1f,true]},l:[2f],m:{w:2f,x:3,z:[null,\"z\"]},q:null}");

  pave::chart::ValueSources bad;
  bad.files = {"missing.yaml"};
  CHECK(merge(bad) == "error: open missing.yaml: no such file or directory");
  bad.files = {"list.yaml"};
  CHECK(merge(bad) == "error: failed to parse list.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
                      "unmarshal array into Go value of type map[string]interface {}");
  bad.files = {};
  bad.set = {"x"};
  CHECK(merge(bad) == "error: failed parsing --set data: key \"x\" has no value");
  bad.set = {};
  bad.set_string = {"a.=1"};
  CHECK(merge(bad) == "error: failed parsing --set-string data: key map \"a\" has no value");
  bad.set_string = {};
  bad.set_file = {"f=nope.txt"};
  CHECK(merge(bad) == "error: failed parsing --set-file data: open nope.txt: no such file or directory");
  bad.set_file = {};
  bad.set_json = {"{bad"};
  CHECK(merge(bad) == "error: failed parsing --set-json data JSON: {bad");
}
