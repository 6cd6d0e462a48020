// Expected results come from Go 1.19 text/template (the engine helmref uses),
// with missingkey=zero, data {"Values": VALUES, "Obj": *main.Obj} and the
// functions of test_template_support.hpp.
#include <doctest/doctest.h>

#include "test_template_support.hpp"

using pave::test::render_values;

TEST_CASE("tmpl::builtin and/or")
{
  CHECK(render_values(R"~({{ and 1 0 2 }} {{ and 1 2 }} {{ and 0 }} {{ or 0 "" }} {{ or "" 0 "z" }} {{ or 1 }})~") ==
        "0 2 0  z 1");
  CHECK(render_values("{{ and .Values.a .Values.b }} {{ or .Values.missing .Values.b }}", R"~({"a": "x", "b": "y"})~") ==
        "y y");
  CHECK(render_values("{{ and }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <and>: wrong number of args for and: want at least 1 got 0)~");
  CHECK(render_values("{{ or }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <or>: wrong number of args for or: want at least 1 got 0)~");
  CHECK(render_values(R"~({{ or 1 (fail "no") }} {{ and 0 (fail "no") }})~") == "1 0");
  CHECK(render_values(R"~({{ and 1 (fail "yes") }})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <fail "yes">: error calling fail: yes)~");
  CHECK(render_values(R"~({{ 0 | and 1 }} {{ 1 | and 1 }} {{ 0 | or 0 }} {{ "" | or }} {{ "x" | and }})~") ==
        "0 1 0  x");
  CHECK(render_values("{{ and 1 nil }} {{ or nil }}") == "<no value> <no value>");
}

TEST_CASE("tmpl::builtin not")
{
  CHECK(render_values(R"~({{ not 0 }} {{ not "a" }} {{ not .Values.missing }} {{ not nil }} {{ not .Values.l }})~", R"~({"l": []})~") ==
        "true false true true true");
  CHECK(render_values("{{ not }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 0)~");
  CHECK(render_values("{{ not 1 2 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <not>: wrong number of args for not: want 1 got 2)~");
  CHECK(render_values("{{ 1 | not }}") == "false");
}

TEST_CASE("tmpl::builtin len")
{
  CHECK(render_values(R"~({{ len "héllo" }} {{ len .Values.l }} {{ len .Values.m }} {{ len (list) }} {{ len (strs "a") }})~", R"~({"l": [1,2,3], "m": {"a": 1}})~") ==
        "6 3 1 0 1");
  CHECK(render_values("{{ len 3 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len 3>: error calling len: len of type int)~");
  CHECK(render_values("{{ len nil }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value)~");
  CHECK(render_values("{{ len .Values.missing }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len .Values.missing>: error calling len: len of nil pointer)~");
  CHECK(render_values("{{ len (.Values.missing) }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len (.Values.missing)>: error calling len: reflect: call of reflect.Value.Type on zero Value)~");
  CHECK(render_values("{{ len .Obj }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len .Obj>: error calling len: len of type main.Obj)~");
  CHECK(render_values("{{ len }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <len>: wrong number of args for len: want 1 got 0)~");
}

TEST_CASE("tmpl::builtin index")
{
  CHECK(render_values(R"~({{ index .Values.m "a" }} {{ index .Values.m "a" 2 "x" }} {{ index .Values.m "missing" }})~", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        "[1 2 map[x:y]] y <no value>");
  CHECK(render_values(R"~({{ index .Values.m "a" "x" }})~", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m "a" "x">: error calling index: cannot index slice/array with type string)~");
  CHECK(render_values("{{ index .Values.m 1 }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m 1>: error calling index: value has type int; should be string)~");
  CHECK(render_values("{{ index .Values.m nil }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m nil>: error calling index: value is nil; should be of type string)~");
  CHECK(render_values("{{ index .Values.m.a 1.5 }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m.a 1.5>: error calling index: cannot index slice/array with type float64)~");
  CHECK(render_values("{{ index .Values.m.a -1 }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m.a -1>: error calling index: index out of range: -1)~");
  CHECK(render_values("{{ index .Values.m.a nil }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m.a nil>: error calling index: cannot index slice/array with nil)~");
  CHECK(render_values("{{ index .Values.m.a 3 }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m.a 3>: error calling index: reflect: slice index out of range)~");
  CHECK(render_values("{{ index .Values.m.a 4 }}", R"~({"m": {"a": [1,2,{"x": "y"}]}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.m.a 4>: error calling index: index out of range: 4)~");
  CHECK(render_values(R"~({{ index .Values "missing" "x" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values "missing" "x">: error calling index: index of nil pointer)~");
  CHECK(render_values("{{ index 3 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index 3 1>: error calling index: can't index item of type int)~");
  CHECK(render_values("{{ index nil 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index nil 1>: error calling index: index of untyped nil)~");
  CHECK(render_values("{{ index .Values.missing 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Values.missing 1>: error calling index: index of untyped nil)~");
  CHECK(render_values(R"~({{ index .Values.m }} {{ index "abc" 1 }} {{ index (strs "a" "b") 1 }} {{ index (list 1 2) u8 }})~", R"~({"m": {"a": 1}})~") ==
        R"~(ERR: template: t:1:74: executing "t" at <index (list 1 2) u8>: error calling index: index out of range: 7)~");
  CHECK(render_values(R"~({{ index "abc" 3 }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <index "abc" 3>: error calling index: reflect: string index out of range)~");
  CHECK(render_values("{{ index .Obj 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .Obj 1>: error calling index: can't index item of type main.Obj)~");
  CHECK(render_values("{{ index }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index>: wrong number of args for index: want at least 1 got 0)~");
}

TEST_CASE("tmpl::builtin slice")
{
  CHECK(render_values(R"~({{ slice "abcdef" 1 3 }} {{ slice "abc" }} {{ slice "abc" 1 }} {{ slice (list 1 2 3) 1 }} {{ slice (list 1 2 3) 0 1 2 }} {{ slice (strs "a" "b") 1 }})~") ==
        "bc abc bc [2 3] [1] [b]");
  CHECK(render_values(R"~({{ slice "abc" 1 2 3 }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string)~");
  CHECK(render_values("{{ slice (list 1 2 3) 2 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice (list 1 2 3) 2 1>: error calling slice: invalid slice index: 2 > 1)~");
  CHECK(render_values("{{ slice (list 1 2 3) 0 2 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice (list 1 2 3) 0 2 1>: error calling slice: invalid slice index: 2 > 1)~");
  CHECK(render_values("{{ slice (list 1 2 3) 0 5 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice (list 1 2 3) 0 5>: error calling slice: index out of range: 5)~");
  CHECK(render_values("{{ slice 3 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice 3>: error calling slice: can't slice item of type int)~");
  CHECK(render_values("{{ slice nil }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice nil>: error calling slice: slice of untyped nil)~");
  CHECK(render_values("{{ slice (list 1 2) 0 1 2 3 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice (list 1 2) 0 1 2 3>: error calling slice: too many slice indexes: 4)~");
  CHECK(render_values(R"~({{ slice (list 1 2) "a" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <slice (list 1 2) "a">: error calling slice: cannot index slice/array with type string)~");
}

TEST_CASE("tmpl::builtin html, js and urlquery")
{
  CHECK(render_values(R"~({{ html "<a href='x'>&\"</a>" }} {{ html 1 2 }} {{ html "a" 1 }} {{ html .Values.missing }} {{ html 1 none 2 }})~") ==
        "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt; 1 2 a1 &lt;no value&gt; 1&lt;no value&gt;2");
  CHECK(render_values(R"~({{ js "a'b\"c<>&=\\ \u00e9\t\u2028" }} {{ js 1 2 }})~") ==
        R"~(a\'b\"c\u003C\u003E\u0026\u003D\\ é\u0009\u2028 1 2)~");
  CHECK(render_values(R"~({{ urlquery "a b&c=d/é~-_." }} {{ urlquery "x" "y" }})~") == "a+b%26c%3Dd%2F%C3%A9~-_. xy");
}

TEST_CASE("tmpl::builtin print, printf and println")
{
  CHECK(render_values(R"~({{ print 1 2 "a" "b" 3 }}|{{ print }}|{{ print nil }}|{{ print "a" 1 2 "b" }}|{{ 3 | print 1 2 }})~") ==
        "1 2ab3||<nil>|a1 2b|1 2 3");
  CHECK(render_values(R"~({{ println 1 "a" }}|{{ println }}|{{ println nil 2 }})~") == R"~(1 a
|
|<nil> 2
)~");
  CHECK(render_values(R"~({{ printf "%s-%d-%v-%05.2f" "a" 3 .Values.x 3.14159 }})~", R"~({"x": [1, "a"]})~") ==
        "a-3-[1 a]-03.14");
  CHECK(render_values(R"~({{ printf "%d" nil }} {{ printf "%v" (list 1 "a" nil) }} {{ printf "%T %T %T %T" 1 1.5 "a" .Values.l }})~", R"~({"l": [1,2]})~") ==
        "%!d(<nil>) [1 a <nil>] int float64 string []interface {}");
  CHECK(render_values("{{ printf }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <printf>: wrong number of args for printf: want at least 1 got 0)~");
  CHECK(render_values("{{ printf 1 }}") ==
        R"~(ERR: template: t:1:10: executing "t" at <1>: expected string; found 1)~");
  CHECK(render_values("{{ printf .Values.n }}", R"~({"n": 3})~") ==
        R"~(ERR: template: t:1:17: executing "t" at <.Values.n>: wrong type for value; expected string; got float64)~");
  CHECK(render_values(R"~({{ "x" | printf }})~") == "x");
}

TEST_CASE("tmpl::builtin call")
{
  CHECK(render_values("{{ call .Values.m }}", R"~({"m": {"a": 1}})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <call .Values.m>: error calling call: non-function of type map[string]interface {})~");
  CHECK(render_values("{{ call nil }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <call nil>: error calling call: call of nil)~");
  CHECK(render_values("{{ call .Obj }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <call .Obj>: error calling call: non-function of type *main.Obj)~");
  CHECK(render_values("{{ call }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <call>: wrong number of args for call: want at least 1 got 0)~");
}
