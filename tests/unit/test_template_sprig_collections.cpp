// Sprig list and dict functions; expected values from the oracle
// (tests/oracle/gotpl.sh '{{ $r := FN ARGS }}{{ printf "%T|%v" $r $r }}').
#include <doctest/doctest.h>

#include "sprig_test.hpp"

using pave::tmpl::ElemType;
using pave::tmpl::Value;
using pave::test::sprig_call;
using pave::test::sprig_err;
using pave::test::sprig_tv;
using pave::test::sprig_v;

TEST_CASE("sprig::lists")
{
  CHECK(sprig_tv("list", {Value(1), Value("a"), Value()}) == "[]interface {}|[1 a <nil>]");
  CHECK(sprig_tv("list", {}) == "[]interface {}|[]");
  CHECK(sprig_tv("tuple", {Value(1), Value(2)}) == "[]interface {}|[1 2]");
  CHECK(sprig_tv("append", {Value::list({Value(1)}), Value(2)}) == "[]interface {}|[1 2]");
  CHECK(sprig_tv("push", {Value::list({Value("a")}, ElemType::string), Value("b")}) == "[]interface {}|[a b]");
  CHECK(sprig_err("append", {Value(), Value(1)}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_err("append", {Value(1), Value(2)}) == "Cannot push on type int");
  CHECK(sprig_tv("mustAppend", {Value::list(), Value()}) == "[]interface {}|[<nil>]");
  CHECK(sprig_err("mustPush", {Value("s"), Value(1)}) == "Cannot push on type string");
  CHECK(sprig_tv("prepend", {Value::list({Value(1), Value(2)}), Value(0)}) == "[]interface {}|[0 1 2]");
  CHECK(sprig_err("mustPrepend", {Value(3), Value(0)}) == "Cannot prepend on type int");
  CHECK(sprig_err("prepend", {Value(), Value(0)}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_tv("first", {Value::list({Value(1), Value(2)})}) == "int|1");
  CHECK(sprig_tv("first", {Value::list()}) == "<nil>|<nil>");
  CHECK(sprig_tv("first", {Value::list({Value("a"), Value("b")}, ElemType::string)}) == "string|a");
  CHECK(sprig_err("first", {Value(1)}) == "Cannot find first on type int");
  CHECK(sprig_err("first", {Value()}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_err("mustFirst", {Value::map({{"a", Value(1)}})}) == "Cannot find first on type map");
  CHECK(sprig_tv("last", {Value::list({Value(1), Value(2)})}) == "int|2");
  CHECK(sprig_tv("last", {Value::list()}) == "<nil>|<nil>");
  CHECK(sprig_err("mustLast", {Value(true)}) == "Cannot find last on type bool");
  CHECK(sprig_tv("rest", {Value::list({Value(1), Value(2), Value(3)})}) == "[]interface {}|[2 3]");
  CHECK(sprig_tv("rest", {Value::list()}) == "[]interface {}|[]");
  CHECK(sprig_err("mustRest", {Value("x")}) == "Cannot find rest on type string");
  CHECK(sprig_tv("rest", {Value::list({Value("a"), Value("b")}, ElemType::string)}) == "[]interface {}|[b]");
  CHECK(sprig_tv("initial", {Value::list({Value(1), Value(2), Value(3)})}) == "[]interface {}|[1 2]");
  CHECK(sprig_tv("initial", {Value::list()}) == "[]interface {}|[]");
  CHECK(sprig_err("mustInitial", {Value(1.5)}) == "Cannot find initial on type float64");
  CHECK(sprig_tv("reverse", {Value::list({Value(1), Value(2), Value(3)})}) == "[]interface {}|[3 2 1]");
  CHECK(sprig_tv("reverse", {Value::list()}) == "[]interface {}|[]");
  CHECK(sprig_err("mustReverse", {Value()}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_tv("uniq", {Value::list({Value(1), Value(2), Value(1), Value("1"), Value::list({Value(1)}), Value::list({Value(1)}), Value(), Value()})}) == "[]interface {}|[1 2 1 [1] <nil>]");
  CHECK(sprig_err("mustUniq", {Value(2)}) == "Cannot find uniq on type int");
  CHECK(sprig_tv("without", {Value::list({Value(1), Value(2), Value(3), Value(2)}), Value(2), Value(3)}) == "[]interface {}|[1]");
  CHECK(sprig_tv("without", {Value::list({Value(1), Value(2)})}) == "[]interface {}|[1 2]");
  CHECK(sprig_err("mustWithout", {Value("s"), Value(1)}) == "Cannot find without on type string");
  CHECK(sprig_tv("has", {Value(2), Value::list({Value(1), Value(2)})}) == "bool|true");
  CHECK(sprig_tv("has", {Value("2"), Value::list({Value(1), Value(2)})}) == "bool|false");
  CHECK(sprig_tv("has", {Value(1), Value()}) == "bool|false");
  CHECK(sprig_err("has", {Value(1), Value(5)}) == "Cannot find has on type int");
  CHECK(sprig_tv("mustHas", {Value::list({Value(1)}), Value::list({Value::list({Value(1)})})}) == "bool|true");
  CHECK(sprig_tv("slice", {Value::list({Value(1), Value(2), Value(3)}), Value(1)}) == "[]interface {}|[2 3]");
  CHECK(sprig_tv("slice", {Value::list({Value(1), Value(2), Value(3)}), Value(1), Value(2)}) == "[]interface {}|[2]");
  CHECK(sprig_tv("slice", {Value::list({Value(1), Value(2), Value(3)})}) == "[]interface {}|[1 2 3]");
  CHECK(sprig_tv("slice", {Value::list()}) == "<nil>|<nil>");
  CHECK(sprig_err("slice", {Value::list({Value(1), Value(2), Value(3)}), Value(2), Value(1)}) == "reflect.Value.Slice: slice index out of bounds");
  CHECK(sprig_err("slice", {Value::list({Value(1), Value(2), Value(3)}), Value(1), Value(5)}) == "reflect.Value.Slice: slice index out of bounds");
  CHECK(sprig_tv("slice", {Value::list({Value("a"), Value("b"), Value("c")}, ElemType::string), Value("1")}) == "[]string|[b c]");
  CHECK(sprig_err("mustSlice", {Value(5), Value(1)}) == "list should be type of slice or array but int");
  CHECK(sprig_err("slice", {Value::list({Value(1), Value(2), Value(3)}), Value(-1)}) == "reflect.Value.Slice: slice index out of bounds");
  CHECK(sprig_tv("concat", {Value::list({Value(1)}), Value::list({Value("a")}, ElemType::string), Value::list()}) == "[]interface {}|[1 a]");
  CHECK(sprig_tv("concat", {}) == "[]interface {}|[]");
  CHECK(sprig_err("concat", {Value::list({Value(1)}), Value(2)}) == "Cannot concat type int as list");
  CHECK(sprig_err("concat", {Value()}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_v("chunk", {Value(2), Value::list({Value(1), Value(2), Value(3)})}) == "[[1 2] [3]]");
  CHECK(sprig_v("chunk", {Value(2), Value::list()}) == "[]");
  CHECK(sprig_err("chunk", {Value(0), Value::list({Value(1), Value(2)})}) == "runtime error: makeslice: len out of range");
  CHECK(sprig_v("chunk", {Value(3), Value::list({Value(1), Value(2), Value(3)})}) == "[[1 2 3]]");
  CHECK(sprig_v("chunk", {Value(-2), Value::list({Value(1)})}) == "[[1]]");
  CHECK(sprig_err("chunk", {Value(-1), Value::list({Value(1), Value(2), Value(3)})}) == "runtime error: makeslice: len out of range");
  CHECK(sprig_err("mustChunk", {Value(2), Value("ab")}) == "Cannot chunk type string");
  CHECK(sprig_tv("compact", {Value::list({Value(1), Value(0), Value(""), Value(), Value("a"), Value(false), Value::list(), Value::map(), Value(0.0)})}) == "[]interface {}|[1 a]");
  CHECK(sprig_err("mustCompact", {Value(1)}) == "Cannot compact on type int");
  CHECK(sprig_tv("until", {Value(3)}) == "[]int|[0 1 2]");
  CHECK(sprig_tv("until", {Value(-3)}) == "[]int|[0 -1 -2]");
  CHECK(sprig_tv("until", {Value(0)}) == "[]int|[]");
  CHECK(sprig_tv("untilStep", {Value(0), Value(10), Value(3)}) == "[]int|[0 3 6 9]");
  CHECK(sprig_tv("untilStep", {Value(10), Value(0), Value(-4)}) == "[]int|[10 6 2]");
  CHECK(sprig_tv("untilStep", {Value(0), Value(10), Value(-1)}) == "[]int|[]");
  CHECK(sprig_tv("untilStep", {Value(10), Value(0), Value(1)}) == "[]int|[]");
  CHECK(sprig_tv("untilStep", {Value(0), Value(3), Value(0)}) == "[]int|[]");
  CHECK(sprig_tv("seq", {}) == "string|");
  CHECK(sprig_tv("seq", {Value(3)}) == "string|1 2 3");
  CHECK(sprig_tv("seq", {Value(-2)}) == "string|1 0 -1 -2");
  CHECK(sprig_tv("seq", {Value(0)}) == "string|1 0");
  CHECK(sprig_tv("seq", {Value(2), Value(5)}) == "string|2 3 4 5");
  CHECK(sprig_tv("seq", {Value(5), Value(2)}) == "string|5 4 3 2");
  CHECK(sprig_tv("seq", {Value(0), Value(2), Value(6)}) == "string|0 2 4 6");
  CHECK(sprig_tv("seq", {Value(6), Value(-2), Value(0)}) == "string|6 4 2 0");
  CHECK(sprig_tv("seq", {Value(6), Value(2), Value(0)}) == "string|");
  CHECK(sprig_tv("seq", {Value(1), Value(2), Value(3), Value(4)}) == "string|");
  CHECK(sprig_tv("seq", {Value(1), Value(0), Value(3)}) == "string|");
}

TEST_CASE("sprig::dicts")
{
  CHECK(sprig_tv("dict", {Value("a"), Value(1), Value("b"), Value("x")}) == "map[string]interface {}|map[a:1 b:x]");
  CHECK(sprig_tv("dict", {}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("dict", {Value("a")}) == "map[string]interface {}|map[a:]");
  CHECK(sprig_tv("dict", {Value(1), Value(2), Value(3)}) == "map[string]interface {}|map[1:2 3:]");
  CHECK(sprig_tv("dict", {Value(), Value(1)}) == "map[string]interface {}|map[<nil>:1]");
  CHECK(sprig_tv("dict", {Value::list({Value(1)}), Value(2)}) == "map[string]interface {}|map[[1]:2]");
  CHECK(sprig_tv("dict", {Value("a"), Value(1), Value("a"), Value(2)}) == "map[string]interface {}|map[a:2]");
  CHECK(sprig_tv("get", {Value::map({{"a", Value(1)}}), Value("a")}) == "int|1");
  CHECK(sprig_tv("get", {Value::map({{"a", Value(1)}}), Value("b")}) == "string|");
  CHECK(sprig_tv("get", {Value(), Value("a")}) == "string|");
  CHECK(sprig_tv("get", {Value::map({{"a", Value()}}), Value("a")}) == "<nil>|<nil>");
  CHECK(sprig_tv("set", {Value::map({{"a", Value(1)}}), Value("b"), Value(2)}) == "map[string]interface {}|map[a:1 b:2]");
  CHECK(sprig_err("set", {Value(), Value("a"), Value(1)}) == "assignment to entry in nil map");
  CHECK(sprig_tv("unset", {Value::map({{"a", Value(1)}, {"b", Value(2)}}), Value("a")}) == "map[string]interface {}|map[b:2]");
  CHECK(sprig_tv("unset", {Value(), Value("a")}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("unset", {Value::map({{"a", Value(1)}}), Value("zz")}) == "map[string]interface {}|map[a:1]");
  CHECK(sprig_tv("hasKey", {Value::map({{"a", Value()}}), Value("a")}) == "bool|true");
  CHECK(sprig_tv("hasKey", {Value::map({{"a", Value(1)}}), Value("b")}) == "bool|false");
  CHECK(sprig_tv("hasKey", {Value(), Value("a")}) == "bool|false");
  CHECK(sprig_tv("pluck", {Value("a"), Value::map({{"a", Value(1)}}), Value::map({{"b", Value(2)}}), Value::map({{"a", Value(3)}})}) == "[]interface {}|[1 3]");
  CHECK(sprig_tv("pluck", {Value("a")}) == "[]interface {}|[]");
  CHECK(sprig_tv("pluck", {Value("a"), Value()}) == "[]interface {}|[]");
  // Go iterates maps in random order ([b a] or [a b]); pave sorts.
  CHECK(sprig_tv("keys", {Value::map({{"b", Value(1)}, {"a", Value(2)}})}) == "[]string|[a b]");
  CHECK(sprig_tv("keys", {}) == "[]string|[]");
  CHECK(sprig_tv("keys", {Value()}) == "[]string|[]");
  CHECK(sprig_tv("keys", {Value::map({{"a", Value(1)}}), Value::map({{"b", Value(1)}})}) == "[]string|[a b]");
  CHECK(sprig_tv("values", {Value::map({{"a", Value(1)}})}) == "[]interface {}|[1]");
  CHECK(sprig_tv("values", {Value()}) == "[]interface {}|[]");
  CHECK(sprig_tv("pick", {Value::map({{"a", Value(1)}, {"b", Value(2)}}), Value("a"), Value("c")}) == "map[string]interface {}|map[a:1]");
  CHECK(sprig_tv("pick", {Value(), Value("a")}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("pick", {Value::map({{"a", Value(1)}})}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("omit", {Value::map({{"a", Value(1)}, {"b", Value(2)}}), Value("a")}) == "map[string]interface {}|map[b:2]");
  CHECK(sprig_tv("omit", {Value(), Value("a")}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("omit", {Value::map({{"a", Value(1)}})}) == "map[string]interface {}|map[a:1]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value("x")}}), Value::map({{"a", Value::map({{"b", Value(1)}})}})}) == "map[string]interface {}|map[a:x]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value("x")}}), Value::map({{"a", Value::map({{"b", Value(1)}})}})}) == "map[string]interface {}|map[a:x]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value(1)}}), Value::map({{"a", Value("")}})}) == "map[string]interface {}|map[a:]");
  CHECK(sprig_tv("merge", {Value::map(), Value::map({{"a", Value()}})}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value(1)}}), Value::map({{"a", Value()}})}) == "map[string]interface {}|map[a:<nil>]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value::list({Value(1)})}}), Value::map({{"a", Value::list({Value(2)})}, {"b", Value::list({Value(3)})}})}) == "map[string]interface {}|map[a:[1] b:[3]]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value::list({Value(1)})}}), Value::map({{"a", Value::list({Value(2)})}})}) == "map[string]interface {}|map[a:[2]]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value::map({{"x", Value(1)}, {"y", Value::map({{"z", Value(1)}})}})}}), Value::map({{"a", Value::map({{"x", Value(2)}, {"w", Value(3)}, {"y", Value::map({{"q", Value(2)}})}})}})}) == "map[string]interface {}|map[a:map[w:3 x:1 y:map[q:2 z:1]]]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value::map({{"x", Value(1)}, {"y", Value::map({{"z", Value(1)}})}})}}), Value::map({{"a", Value::map({{"x", Value(2)}, {"w", Value(3)}, {"y", Value::map({{"q", Value(2)}})}})}})}) == "map[string]interface {}|map[a:map[w:3 x:2 y:map[q:2 z:1]]]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value("")}, {"b", Value(0)}, {"c", Value()}, {"d", Value::list()}}), Value::map({{"a", Value("x")}, {"b", Value(5)}, {"c", Value(1)}, {"d", Value::list({Value(1)})}})}) == "map[string]interface {}|map[a:x b:5 c:1 d:[1]]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value::map()}}), Value::map({{"a", Value::map({{"k", Value(1)}})}})}) == "map[string]interface {}|map[a:map[k:1]]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value("s")}}), Value::map({{"a", Value::list({Value(1)})}})}) == "map[string]interface {}|map[a:s]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value("s")}}), Value::map({{"a", Value::list({Value(1)})}})}) == "map[string]interface {}|map[a:[1]]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value::map({{"k", Value(1)}})}}), Value::map({{"a", Value("s")}})}) == "map[string]interface {}|map[a:s]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value::map({{"k", Value(1)}})}}), Value::map({{"a", Value("s")}})}) == "map[string]interface {}|map[a:map[k:1]]");
  CHECK(sprig_tv("merge", {Value(), Value::map({{"a", Value(1)}})}) == "map[string]interface {}|map[a:1]");
  CHECK(sprig_tv("merge", {Value(), Value()}) == "map[string]interface {}|map[]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value(1)}})}) == "map[string]interface {}|map[a:1]");
  CHECK(sprig_tv("mustMerge", {Value::map({{"a", Value(1)}}), Value::map({{"b", Value(2)}}), Value::map({{"a", Value(3)}, {"c", Value(4)}})}) == "map[string]interface {}|map[a:1 b:2 c:4]");
  CHECK(sprig_tv("mustMergeOverwrite", {Value::map({{"a", Value(1)}}), Value::map({{"b", Value(2)}}), Value::map({{"a", Value(3)}, {"c", Value(4)}})}) == "map[string]interface {}|map[a:3 b:2 c:4]");
  CHECK(sprig_tv("merge", {Value::map({{"a", Value(false)}}), Value::map({{"a", Value(true)}})}) == "map[string]interface {}|map[a:true]");
  CHECK(sprig_tv("mergeOverwrite", {Value::map({{"a", Value(true)}}), Value::map({{"a", Value(false)}})}) == "map[string]interface {}|map[a:false]");
  CHECK(sprig_tv("merge", {Value::map({{"x", Value(1)}}), Value::map({{"a", Value::list()}})}) == "map[string]interface {}|map[a:[] x:1]");
  CHECK(sprig_tv("merge", {Value::map(), Value::map({{"a", Value::list({Value(1)})}})}) == "map[string]interface {}|map[a:[1]]");
  CHECK(sprig_tv("deepCopy", {Value::map({{"a", Value::list({Value(1), Value::map({{"b", Value(2)}})})}})}) == "map[string]interface {}|map[a:[1 map[b:2]]]");
  CHECK(sprig_err("deepCopy", {Value()}) == "reflect: call of reflect.Value.Type on zero Value");
  CHECK(sprig_tv("mustDeepCopy", {Value::list({Value("a")}, ElemType::string)}) == "[]string|[a]");
  CHECK(sprig_tv("deepCopy", {Value(5)}) == "int|5");
  CHECK(sprig_tv("dig", {Value("a"), Value("b"), Value("def"), Value::map({{"a", Value::map({{"b", Value(1)}})}})}) == "int|1");
  CHECK(sprig_tv("dig", {Value("a"), Value("c"), Value("def"), Value::map({{"a", Value::map({{"b", Value(1)}})}})}) == "string|def");
  CHECK(sprig_tv("dig", {Value("x"), Value("def"), Value::map()}) == "string|def");
  CHECK(sprig_err("dig", {Value("a"), Value("b"), Value("def"), Value::map({{"a", Value(1)}})}) == "interface conversion: interface {} is int, not map[string]interface {}");
  CHECK(sprig_err("dig", {Value("a"), Value("def"), Value("notamap")}) == "interface conversion: interface {} is string, not map[string]interface {}");
  CHECK(sprig_err("dig", {Value("a"), Value("b")}) == "dig needs at least three arguments");
  CHECK(sprig_err("dig", {Value(1), Value("def"), Value::map()}) == "interface conversion: interface {} is int, not string");
  CHECK(sprig_err("dig", {Value("a"), Value("b"), Value("d"), Value::map({{"a", Value()}})}) == "interface conversion: interface {} is nil, not map[string]interface {}");
  CHECK(sprig_err("dig", {Value("a"), Value("d"), Value()}) == "interface conversion: interface {} is nil, not map[string]interface {}");
  CHECK(sprig_err("dig", {Value("a"), Value("b"), Value("d"), Value::map({{"a", Value::map({{"_0", Value("x")}}, ElemType::string)}})}) == "interface conversion: interface {} is map[string]string, not map[string]interface {}");
  CHECK(sprig_tv("dig", {Value("a"), Value("d"), Value::map({{"a", Value()}})}) == "<nil>|<nil>");

  SUBCASE("set and merge modify their first argument")
  {
    Value d = Value::map({{"a", Value(1)}});
    sprig_call("set", {d, Value("b"), Value(2)});
    sprig_call("merge", {d, Value::map({{"c", Value(3)}})});
    CHECK(pave::tmpl::sprint_value(d) == "map[a:1 b:2 c:3]");
    Value copy = sprig_call("deepCopy", {d});
    sprig_call("unset", {copy, Value("a")});
    CHECK(pave::tmpl::sprint_value(d) == "map[a:1 b:2 c:3]");
  }
}
