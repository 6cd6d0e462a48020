// Expected results come from Go 1.19 text/template (the engine helmref uses),
// with missingkey=zero, data {"Values": VALUES, "Obj": *main.Obj} and the
// functions of test_template_support.hpp.
#include <doctest/doctest.h>

#include "test_template_support.hpp"

using pave::test::render_values;

TEST_CASE("tmpl::execute text and constants")
{
  CHECK(render_values("hello, world") == "hello, world");
  CHECK(render_values(R"~({{ 1 }} {{ -2 }} {{ "a" }} {{ `raw\n` }} {{ 1.5 }} {{ true }} {{ false }} {{ 'a' }})~") ==
        R"~(1 -2 a raw\n 1.5 true false 97)~");
  CHECK(render_values(R"~({{ 1e3 }} {{ 0x10 }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ '\n' }} {{ 0x1p-2 }} {{ .5 }} {{ -0 }} {{ +5 }})~") ==
        "1000 16 15 15 5 1000 10 0.25 0.5 0 5");
  CHECK(render_values("{{ 1.0 }} {{ 2.50 }} {{ 1e100 }} {{ 1e-7 }} {{ 123456789.0 }} {{ 9223372036854775807 }}") ==
        "1 2.5 1e+100 1e-07 1.23456789e+08 9223372036854775807");
  CHECK(render_values("{{ 18446744073709551615 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <18446744073709551615>: 18446744073709551615 overflows int)~");
  CHECK(render_values(R"~({{ "a\tb\u00e9\x41" }})~") == R"~(a	béA)~");
}

TEST_CASE("tmpl::execute fields")
{
  CHECK(render_values("{{ .Values.a }}", R"~({"a": "x"})~") == "x");
  CHECK(render_values("{{ .Values.missing }}") == "<no value>");
  CHECK(render_values("{{ .Values.x }} {{ .Values.y }} {{ .Values.z }} {{ .Values.w }}", R"~({"x": 1.5e20, "y": 0.000001, "z": 123456789, "w": 3})~") ==
        "1.5e+20 1e-06 1.23456789e+08 3");
  CHECK(render_values("{{ .Values.l }} {{ .Values.m }}", R"~({"l": [1, "a", null, {"k": true}], "m": {"z": [], "a": {}}})~") ==
        "[1 a <nil> map[k:true]] map[a:map[] z:[]]");
  CHECK(render_values("{{ .Values.n }}", R"~({"n": null})~") == "<no value>");
  CHECK(render_values("{{ .Values.a.b.c }}", R"~({"a": {"b": {"c": "deep"}}})~") == "deep");
  CHECK(render_values("{{ .Values.a.b.c }}", R"~({"a": {"b": 1}})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.a.b.c>: can't evaluate field c in type interface {})~");
  CHECK(render_values("{{ .Values.a.missing.c }}", R"~({"a": {"b": 1}})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.a.missing.c>: nil pointer evaluating interface {}.c)~");
  CHECK(render_values("{{ (.Values.a).b }} {{ (.Values.x).y }}", R"~({"a": {"b": 1}})~") == "1 <no value>");
  CHECK(render_values("{{ $x := .Values.missing }}{{ $x.y }}") == "<no value>");
  CHECK(render_values("{{ $.Values }}", R"~({"b": [1], "a": 2})~") == "map[a:2 b:[1]]");
  CHECK(render_values("{{ $.Values.a }}", R"~({"a": "A"})~") == "A");
  CHECK(render_values("{{ range .Values.l }}{{ $.Values.a }}{{ . }}{{ end }}", R"~({"a": "A", "l": [1,2]})~") ==
        "A1A2");
}

TEST_CASE("tmpl::execute variables")
{
  CHECK(render_values("{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}") == "12");
  CHECK(render_values("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}") == "2");
  CHECK(render_values("{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}{{ $x }}", R"~({"l": [1,2,3]})~") ==
        "3");
  CHECK(render_values("{{ $x := 1 }}{{ $x := 2 }}{{ $x }}") == "2");
  CHECK(render_values("{{ $ := 1 }}{{ $ }}") == "1");
  CHECK(render_values("{{ with $x := .Values.a }}{{ $x }}{{ . }}{{ end }}", R"~({"a": "A"})~") == "AA");
  CHECK(render_values(R"~({{ $x := "outer" }}{{ with $x := "inner" }}{{ $x }}{{ end }} {{ $x }})~") == "inner outer");
  CHECK(render_values("{{ $a, $b := 1 }}") == "ERR: template: t:1: too many declarations in command");
}

TEST_CASE("tmpl::execute pipelines")
{
  CHECK(render_values(R"~({{ "x" | printf "%s-%s" "y" }})~") == "y-x");
  CHECK(render_values(R"~({{ .Values.a | printf "%v" | printf "[%s]" }})~", R"~({"a": 1})~") == "[1]");
  CHECK(render_values(R"~({{ "abc" | len | printf "%d" }})~") == "3");
  CHECK(render_values(R"~({{ .Values.a
  | printf "%v" }})~", R"~({"a": 1})~") == "1");
  CHECK(render_values(R"~({{ (printf "%s" "a") }} {{ ((1)) }})~") == "a 1");
}

TEST_CASE("tmpl::execute trimming and comments")
{
  CHECK(render_values("a  {{- 1 -}}  b") == "a1b");
  CHECK(render_values("a  {{- /* c */ -}}  b") == "ab");
  CHECK(render_values("a {{/* c */}} b") == "a  b");
  CHECK(render_values(R"~(a
  {{- 1 }}
  b)~") == R"~(a1
  b)~");
  CHECK(render_values("{{- 1 -}}") == "1");
  CHECK(render_values(R"~({{ 1 -}}	
  x)~") == "1x");
  CHECK(render_values("{{ -1 }}{{-1}}") == "-1-1");
  CHECK(render_values(R"~(x{{ "" }}y)~") == "xy");
  CHECK(render_values("{{ 1 }}{{/* a */}}{{ 2 }}") == "12");
  CHECK(render_values("{{/* a */ -}}  x") == "x");
  CHECK(render_values(R"~({{ printf "%v %T" .Values.missing .Values.missing }})~") == "<nil> <nil>");
  CHECK(render_values("{{ u8 }} {{ i64 }}") == "7 7");
  CHECK(render_values("{{ none }}") == "<no value>");
  CHECK(render_values(R"~({{ list 1 "a" }} {{ strs "a" "b" }})~") == "[1 a] [a b]");
}

TEST_CASE("tmpl::execute if and truth")
{
  CHECK(render_values(R"~({{ if 1 }}y{{ end }}|{{ if 0 }}y{{ end }}|{{ if "" }}y{{ else }}n{{ end }})~") == "y||n");
  CHECK(render_values("{{ if .Values.l }}l{{ end }}{{ if .Values.e }}e{{ end }}{{ if .Values.m }}m{{ end }}{{ if .Values.em }}em{{ end }}{{ if .Values.z }}z{{ end }}{{ if .Values.f }}f{{ end }}{{ if .Values.n }}n{{ end }}{{ if .Values.missing }}x{{ end }}", R"~({"l": [1], "e": [], "m": {"a": 1}, "em": {}, "z": 0, "f": false, "n": null})~") ==
        "lm");
  CHECK(render_values("{{ if .Obj }}obj{{ end }} {{ if 0.0 }}f{{ end }}{{ if 0.1 }}g{{ end }}") == "obj g");
  CHECK(render_values("{{ if 0 }}a{{ else if 1 }}b{{ else }}c{{ end }}") == "b");
  CHECK(render_values("{{ if 0 }}a{{ else if 0 }}b{{ else }}c{{ end }}") == "c");
  CHECK(render_values("{{ if 0 }}a{{ else if 0 }}b{{ else if 1 }}x{{ end }}") == "x");
  CHECK(render_values("{{ if 1 }}{{ if 0 }}a{{ else }}b{{ end }}{{ end }}") == "b");
}

TEST_CASE("tmpl::execute with")
{
  CHECK(render_values("{{ with .Values.a }}{{ . }}{{ else }}none{{ end }}", R"~({"a": "x"})~") == "x");
  CHECK(render_values("{{ with .Values.b }}{{ . }}{{ else }}none{{ end }}", R"~({"a": "x"})~") == "none");
  CHECK(render_values("{{ with .Values.m }}{{ .a }}{{ with .b }}{{ . }}{{ end }}{{ end }}", R"~({"m": {"a": 1, "b": "B"}})~") ==
        "1B");
}

TEST_CASE("tmpl::execute range")
{
  CHECK(render_values("{{ range .Values.l }}[{{ . }}]{{ end }}", R"~({"l": [1, "b", 2.5, null]})~") ==
        "[1][b][2.5][<no value>]");
  CHECK(render_values("{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", R"~({"l": [1, "b", 2.5]})~") ==
        "0=1;1=b;2=2.5;");
  CHECK(render_values("{{ range $v := .Values.l }}{{ $v }}{{ end }}", R"~({"l": [1, 2]})~") == "12");
  CHECK(render_values("{{ range .Values.m }}{{ . }},{{ end }}", R"~({"m": {"b": 2, "a": 1, "c": 3, "B": 4, "aa": 5}})~") ==
        "4,1,5,2,3,");
  CHECK(render_values("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }},{{ end }}", R"~({"m": {"b": 2, "a": 1, "c": 3}})~") ==
        "a=1,b=2,c=3,");
  CHECK(render_values("{{ range .Values.e }}x{{ else }}empty{{ end }}", R"~({"e": []})~") == "empty");
  CHECK(render_values("{{ range .Values.em }}x{{ else }}empty{{ end }}", R"~({"em": {}})~") == "empty");
  CHECK(render_values("{{ range .Values.missing }}x{{ else }}empty{{ end }}") == "empty");
  CHECK(render_values("{{ range .Values.missing }}x{{ end }}end") == "end");
}

TEST_CASE("tmpl::execute break and continue")
{
  CHECK(render_values("{{ range $i, $v := .Values.l }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}{{ $v }}{{ end }}", R"~({"l": ["a","b","c","d","e"]})~") ==
        "ac");
  CHECK(render_values("{{ range .Values.l }}{{ range .Values.l }}{{ break }}{{ end }}{{ . }}{{ end }}", R"~({"l": [1, 2]})~") ==
        R"~(ERR: template: t:1:37: executing "t" at <.Values.l>: can't evaluate field Values in type interface {})~");
  CHECK(render_values("{{ range $x := .Values.l }}{{ range $.Values.l }}{{ $x }}{{ . }} {{ end }}{{ end }}", R"~({"l": [1, 2]})~") ==
        "11 12 21 22 ");
  CHECK(render_values("{{ range .Values.l }}{{ $x := . }}{{ $x }}{{ end }}", R"~({"l": [1, 2]})~") == "12");
  CHECK(render_values("{{ range .Values.l }}{{ break }}{{ else }}e{{ end }}done", R"~({"l": [1, 2]})~") == "done");
  CHECK(render_values(R"~({{ range "abc" }}{{ end }})~") ==
        R"~(ERR: template: t:1:9: executing "t" at <"abc">: range can't iterate over abc)~");
  CHECK(render_values("{{ range 3 }}{{ end }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <3>: range can't iterate over 3)~");
  CHECK(render_values("{{ range true }}{{ end }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <true>: range can't iterate over true)~");
  CHECK(render_values("{{ range .Values.f }}{{ end }}", R"~({"f": 1.5})~") ==
        R"~(ERR: template: t:1:16: executing "t" at <.Values.f>: range can't iterate over 1.5)~");
  CHECK(render_values("{{ range .Obj.Tags }}[{{ . }}]{{ end }}") == "[a][b]");
  CHECK(render_values(R"~({{ range $i, $e := strs "x" "y" }}{{ $i }}{{ $e }}{{ end }})~") == "0x1y");
}

TEST_CASE("tmpl::execute define, template and block")
{
  CHECK(render_values(R"~({{ define "x" }}X{{ . }}{{ end }}{{ template "x" 3 }}{{ template "x" }}{{ template "x" .Values.a }})~", R"~({"a": "A"})~") ==
        "X3X<no value>XA");
  CHECK(render_values(R"~({{ define "x" }}{{ $ }}{{ end }}{{ $y := 1 }}{{ template "x" "dot" }})~") == "dot");
  CHECK(render_values(R"~({{ define "x" }}{{ $y }}{{ end }}{{ $y := 1 }}{{ template "x" }})~") ==
        R"~(ERR: template: t:1: undefined variable "$y")~");
  CHECK(render_values(R"~({{ template "nope" }})~") ==
        R"~(ERR: template: t:1:12: executing "t" at <{{template "nope"}}>: template "nope" not defined)~");
  CHECK(render_values(R"~({{ template "nope" .Values.missing.x }})~") ==
        R"~(ERR: template: t:1:12: executing "t" at <{{template "nope" .Values.missing.x}}>: template "nope" not defined)~");
  CHECK(render_values(R"~({{ define "a" }}A{{ template "b" . }}{{ end }}{{ define "b" }}B{{ . }}{{ end }}{{ template "a" 1 }})~") ==
        "AB1");
  CHECK(render_values(R"~({{ block "b" .Values.a }}[{{ . }}]{{ end }})~", R"~({"a": "A"})~") == "[A]");
  CHECK(render_values(R"~({{ define "b" }}override{{ end }}{{ block "b" . }}default{{ end }})~") ==
        R"~(ERR: template: t:1: template: multiple definition of template "b")~");
  CHECK(render_values(R"~({{ block "b" . }}default{{ end }}{{ define "b" }}override{{ end }})~") ==
        R"~(ERR: template: t:1: template: multiple definition of template "b")~");
  CHECK(render_values(R"~({{ define "r" }}{{ if lt (len .) 5 }}{{ len . }}{{ template "r" (list 1 2 3 4 5 6) }}{{ end }}{{ end }}{{ template "r" (list) }})~") ==
        "0");
  CHECK(render_values(R"~({{ define "e" }}{{ .Values.x.y.z }}{{ end }}{{ template "e" . }})~", R"~({"x": 1})~") ==
        R"~(ERR: template: t:1:26: executing "e" at <.Values.x.y.z>: can't evaluate field y in type interface {})~");
  CHECK(render_values(R"~({{ define "e" }}
line2 {{ fail "inner" }}{{ end }}{{ template "e" . }})~") ==
        R"~(ERR: template: t:2:9: executing "e" at <fail "inner">: error calling fail: inner)~");
  CHECK(render_values(R"~({{ define "x" }}   {{ end }}{{ template "x" }}|)~") == "   |");
  CHECK(render_values(R"~({{ define "x" }}{{/* c */}}{{ end }}{{ template "x" }}|)~") == "|");
}

TEST_CASE("tmpl::execute field errors")
{
  CHECK(render_values("{{ .Values.s.x }}", R"~({"s": "str"})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.s.x>: can't evaluate field x in type interface {})~");
  CHECK(render_values(R"~({{ $x := "s" }}{{ $x.y }})~") ==
        R"~(ERR: template: t:1:20: executing "t" at <$x.y>: can't evaluate field y in type string)~");
  CHECK(render_values("{{ $x := 1 }}{{ $x.y }}") ==
        R"~(ERR: template: t:1:18: executing "t" at <$x.y>: can't evaluate field y in type int)~");
  CHECK(render_values("{{ range .Values.l }}{{ .x }}{{ end }}", R"~({"l": [1,2]})~") ==
        R"~(ERR: template: t:1:24: executing "t" at <.x>: can't evaluate field x in type interface {})~");
  CHECK(render_values("{{ .Values.n.x }}", R"~({"n": null})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.n.x>: nil pointer evaluating interface {}.x)~");
  CHECK(render_values("{{ .Values.missing.x }}") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.missing.x>: nil pointer evaluating interface {}.x)~");
  CHECK(render_values("{{ .x.y.z 3 }}") ==
        R"~(ERR: template: t:1:5: executing "t" at <.x.y.z>: nil pointer evaluating interface {}.y)~");
  CHECK(render_values("{{ .Values.x.y }}", R"~({"x": 5})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.x.y>: can't evaluate field y in type interface {})~");
}

TEST_CASE("tmpl::execute non-function errors")
{
  CHECK(render_values("{{ .Values.a 1 }}", R"~({"a": {"b": 1}})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.a>: a is not a method but has arguments)~");
  CHECK(render_values("{{ .Values.a | .Values.b }}", R"~({"a": 1, "b": 2})~") ==
        R"~(ERR: template: t:1:22: executing "t" at <.Values.b>: b is not a method but has arguments)~");
  CHECK(render_values("{{ $x := 1 }}{{ 2 | $x }}") ==
        R"~(ERR: template: t:1:20: executing "t" at <$x>: can't give argument to non-function $x)~");
  CHECK(render_values("{{ (1) 2 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <(1) 2>: can't give argument to non-function 1)~");
  CHECK(render_values("{{ . 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <.>: can't give argument to non-function .)~");
  CHECK(render_values("{{ true 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <true>: can't give argument to non-function true)~");
  CHECK(render_values(R"~({{ "s" 1 }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <"s">: can't give argument to non-function "s")~");
  CHECK(render_values("{{ 1 2 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <1>: can't give argument to non-function 1)~");
  CHECK(render_values("{{ nil }}") == R"~(ERR: template: t:1:3: executing "t" at <nil>: nil is not a command)~");
  CHECK(render_values("{{ nil 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <nil>: can't give argument to non-function nil)~");
  CHECK(render_values("{{ 3 | . }}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{ (list 1 2).x }}") ==
        R"~(ERR: template: t:1:11: executing "t" at <2>: can't evaluate field x in type []interface {})~");
  CHECK(render_values("{{ (u8).x }}") ==
        R"~(ERR: template: t:1:4: executing "t" at <u8>: can't evaluate field x in type uint8)~");
  CHECK(render_values("{{ i64.x }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <i64>: can't evaluate field x in type int64)~");
  CHECK(render_values("{{ $x := list 1 }}{{ $x.y }}") ==
        R"~(ERR: template: t:1:23: executing "t" at <$x.y>: can't evaluate field y in type []interface {})~");
}

TEST_CASE("tmpl::execute constant and call errors")
{
  CHECK(render_values("{{ 18446744073709551615 | print }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <18446744073709551615>: 18446744073709551615 overflows int)~");
  CHECK(render_values("{{ print 18446744073709551615 }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <18446744073709551615>: 18446744073709551615 overflows int)~");
  CHECK(render_values(R"~({{ fail "boom" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <fail "boom">: error calling fail: boom)~");
  CHECK(render_values(R"~(line1
{{ "boom" | fail }})~") ==
        R"~(ERR: template: t:2:12: executing "t" at <fail>: error calling fail: boom)~");
  CHECK(render_values(R"~({{ if true }}
  {{ range .Values.l }}
    {{ .Values.x }}
  {{ end }}
{{ end }})~", R"~({"l": [1]})~") ==
        R"~(ERR: template: t:3:14: executing "t" at <.Values.x>: can't evaluate field Values in type interface {})~");
  CHECK(render_values("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x.y }}") ==
        R"~(ERR: template: t:1:52: executing "t" at <$x.y>: can't evaluate field y in type int)~");
}

TEST_CASE("tmpl::execute typed arguments")
{
  CHECK(render_values("{{ fint 1.5 }}") ==
        R"~(ERR: template: t:1:8: executing "t" at <1.5>: expected integer; found 1.5)~");
  CHECK(render_values("{{ fint 2 }} {{ fint64 3 }} {{ ffloat 2 }} {{ ffloat 1.5 }} {{ fbool true }} {{ fint 'a' }} {{ fint 1e3 }}") ==
        "4 6 4 3 false 194 2000");
  CHECK(render_values("{{ fint .Values.n }}", R"~({"n": 3})~") ==
        R"~(ERR: template: t:1:15: executing "t" at <.Values.n>: wrong type for value; expected int; got float64)~");
  CHECK(render_values("{{ .Values.n | fint }}", R"~({"n": 3})~") ==
        R"~(ERR: template: t:1:15: executing "t" at <fint>: wrong type for value; expected int; got float64)~");
  CHECK(render_values("{{ fint i64 }}") ==
        R"~(ERR: template: t:1:8: executing "t" at <i64>: wrong type for value; expected int; got int64)~");
  CHECK(render_values("{{ fint64 i64 }}") == "14");
  CHECK(render_values("{{ i64 | fint }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <fint>: wrong type for value; expected int; got int64)~");
  CHECK(render_values(R"~({{ fint "a" }})~") ==
        R"~(ERR: template: t:1:8: executing "t" at <"a">: expected integer; found "a")~");
  CHECK(render_values("{{ fint true }}") ==
        R"~(ERR: template: t:1:8: executing "t" at <true>: expected integer; found true)~");
  CHECK(render_values("{{ fint nil }}") ==
        R"~(ERR: template: t:1:8: executing "t" at <nil>: cannot assign nil to int)~");
  CHECK(render_values("{{ fbool 1 }}") == R"~(ERR: template: t:1:9: executing "t" at <1>: expected bool; found 1)~");
  CHECK(render_values(R"~({{ ffloat "x" }})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <"x">: expected float; found "x")~");
  CHECK(render_values("{{ ffloat 1i }}") ==
        R"~(ERR: template: t:1:10: executing "t" at <1i>: expected float; found 1i)~");
}

TEST_CASE("tmpl::execute nil and wrong-type arguments")
{
  CHECK(render_values("{{ upper 3 }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <3>: expected string; found 3)~");
  CHECK(render_values("{{ upper nil }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <nil>: cannot assign nil to string)~");
  CHECK(render_values("{{ upper .Values.missing }}") ==
        R"~(ERR: template: t:1:16: executing "t" at <.Values.missing>: wrong type for value; expected string; got interface {})~");
  CHECK(render_values("{{ .Values.missing | upper }}") ==
        R"~(ERR: template: t:1:21: executing "t" at <upper>: invalid value; expected string)~");
  CHECK(render_values("{{ upper (.Values.missing) }}") ==
        R"~(ERR: template: t:1:17: executing "t" at <.Values.missing>: invalid value; expected string)~");
  CHECK(render_values("{{ upper .Values.f }}", R"~({"f": 1.5})~") ==
        R"~(ERR: template: t:1:16: executing "t" at <.Values.f>: wrong type for value; expected string; got float64)~");
  CHECK(render_values("{{ upper (none) }}") ==
        R"~(ERR: template: t:1:10: executing "t" at <none>: invalid value; expected string)~");
  CHECK(render_values("{{ none | upper }}") ==
        R"~(ERR: template: t:1:10: executing "t" at <upper>: invalid value; expected string)~");
  CHECK(render_values("{{ flist nil }} {{ fmap nil }} {{ fstrs nil }}") == "0 0 0");
  CHECK(render_values("{{ flist 3 }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <3>: can't handle 3 for arg of type []interface {})~");
  CHECK(render_values(R"~({{ fmap "a" }})~") ==
        R"~(ERR: template: t:1:8: executing "t" at <"a">: can't handle "a" for arg of type map[string]interface {})~");
  CHECK(render_values("{{ flist .Values.l }} {{ fmap .Values }}", R"~({"l": [1,2]})~") == "2 1");
  CHECK(render_values("{{ fstrs .Values.l }}", R"~({"l": [1,2]})~") ==
        R"~(ERR: template: t:1:16: executing "t" at <.Values.l>: wrong type for value; expected []string; got []interface {})~");
  CHECK(render_values(R"~({{ fstrs (strs "a" "b") }})~") == "2");
  CHECK(render_values(R"~({{ flist (strs "a" "b") }})~") ==
        R"~(ERR: template: t:1:19: executing "t" at <"b">: wrong type for value; expected []interface {}; got []string)~");
  CHECK(render_values("{{ flist .Values.missing }}") ==
        R"~(ERR: template: t:1:16: executing "t" at <.Values.missing>: wrong type for value; expected []interface {}; got interface {})~");
  CHECK(render_values("{{ flist (.Values.missing) }}") == "0");
  CHECK(render_values("{{ fmap .Values.missing }}") ==
        R"~(ERR: template: t:1:15: executing "t" at <.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {})~");
}

TEST_CASE("tmpl::execute argument counts")
{
  CHECK(render_values(R"~({{ join2 "-" 1 "a" .Values.missing }})~") == "-[1 a <nil>]");
  CHECK(render_values("{{ join2 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <join2>: wrong number of args for join2: want at least 1 got 0)~");
  CHECK(render_values(R"~({{ "x" | join2 }})~") == "x[]");
  CHECK(render_values(R"~({{ 3 | join2 "-" }})~") == "-[3]");
  CHECK(render_values(R"~({{ join2 "-" }})~") == "-[]");
  CHECK(render_values("{{ fail 1 }}") == R"~(ERR: template: t:1:8: executing "t" at <1>: expected string; found 1)~");
  CHECK(render_values(R"~({{ upper "a" "b" }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <upper>: wrong number of args for upper: want 1 got 2)~");
  CHECK(render_values("{{ upper }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <upper>: wrong number of args for upper: want 1 got 0)~");
  CHECK(render_values(R"~({{ "a" | upper "b" }})~") ==
        R"~(ERR: template: t:1:9: executing "t" at <upper>: wrong number of args for upper: want 1 got 2)~");
  CHECK(render_values("{{ pair 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <pair>: wrong number of args for pair: want 2 got 1)~");
  CHECK(render_values("{{ 1 | pair 2 }}") == "2/1");
  CHECK(render_values("{{ pair nil .Values.missing }}") == "<nil>/<nil>");
}

TEST_CASE("tmpl::execute objects and methods")
{
  CHECK(render_values(R"~({{ .Obj.Name }} {{ .Obj.Tags }} {{ .Obj.Get "x" }} {{ .Obj.Has "n" }} {{ .Obj.Self.Name }} {{ .Obj.Join "-" "a" "b" }})~") ==
        "n [a b] n:x true n a-b");
  CHECK(render_values("{{ .Obj }}") == "{n [a b]}");
  CHECK(render_values("{{ .Obj.Missing }}") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Missing>: can't evaluate field Missing in type interface {})~");
  CHECK(render_values("{{ $o := .Obj }}{{ $o.Missing }}") ==
        R"~(ERR: template: t:1:21: executing "t" at <$o.Missing>: can't evaluate field Missing in type *main.Obj)~");
  CHECK(render_values(R"~({{ $o := .Obj }}{{ $o.Name }} {{ $o.Get "y" }} {{ $o.Self.Self.Get "z" }})~") ==
        "n n:y n:z");
  CHECK(render_values("{{ .Obj.Get }}") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Get>: wrong number of args for Get: want 1 got 0)~");
  CHECK(render_values(R"~({{ .Obj.Get "a" "b" }})~") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Get>: wrong number of args for Get: want 1 got 2)~");
  CHECK(render_values("{{ .Obj.Fail }}") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Fail>: error calling Fail: obj failed)~");
  CHECK(render_values("{{ .Obj.Self.Fail }}") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Self.Fail>: error calling Fail: obj failed)~");
  CHECK(render_values(R"~({{ .Obj.Name "x" }})~") ==
        R"~(ERR: template: t:1:7: executing "t" at <.Obj.Name>: Name has arguments but cannot be invoked as function)~");
  CHECK(render_values(R"~({{ "x" | .Obj.Get }})~") == "n:x");
  CHECK(render_values(R"~({{ "x" | .Obj.Name }})~") ==
        R"~(ERR: template: t:1:13: executing "t" at <.Obj.Name>: Name has arguments but cannot be invoked as function)~");
  CHECK(render_values(R"~({{ .Values.m.a "x" }})~", R"~({"m": {"a": 1}})~") ==
        R"~(ERR: template: t:1:10: executing "t" at <.Values.m.a>: a is not a method but has arguments)~");
  CHECK(render_values("{{ (.Obj.Self).Name }}") == "n");
  CHECK(render_values("{{ with .Obj }}{{ .Name }}{{ .Missing }}{{ end }}") ==
        R"~(ERR: template: t:1:29: executing "t" at <.Missing>: can't evaluate field Missing in type *main.Obj)~");
  CHECK(render_values("{{ .Obj.Get .Values.k }}", R"~({"k": "key"})~") == "n:key");
}


TEST_CASE("tmpl::execute scoping and nesting")
{
  CHECK(render_values("{{ print ($x := 1) $x }}") == "1 1");
  CHECK(render_values("{{ ($y := 1) }}{{ $y }}") == "11");
  CHECK(render_values("{{ if ($y := 0) }}{{ else }}{{ $y }}{{ end }}{{ $y }}") ==
        R"~(ERR: template: t:1: undefined variable "$y")~");
  CHECK(render_values("{{ $x := 1 }}{{ $ = 2 }}{{ $ }}") == "2");
  CHECK(render_values("{{ range $i, $x := .Values.l }}{{ $i }}{{ end }}{{ $x }}", R"~({"l": [1]})~") ==
        R"~(ERR: template: t:1: undefined variable "$x")~");
  CHECK(render_values("{{ $x := 0 }}{{ range $x = .Values.l }}{{ . }}{{ end }}{{ $x }}", R"~({"l": [7, 8]})~") ==
        "788");
  CHECK(render_values("{{ $x := 0 }}{{ $y := 9 }}{{ range $x = .Values.l }}{{ $y }}{{ end }}{{ $x }}{{ $y }}", R"~({"l": [7, 8]})~") ==
        "78[7 8]8");
  CHECK(render_values(R"~({{ define "d" }}{{ block "inner" . }}I{{ . }}{{ end }}{{ end }}{{ template "d" 5 }}{{ template "inner" 6 }})~") ==
        "I5I6");
  CHECK(render_values("{{ range .Values.m }}{{ . }}{{ end }}", R"~({"m": {"é": 1, "z": 2, "A": 3, "_": 4, "1": 5}})~") ==
        "53421");
  CHECK(render_values(R"~({{ .Values.m.k }}{{ index .Values.m "k" }})~", R"~({"m": {"k": {"x": [1, 2.5, true, null, "s"]}}})~") ==
        "map[x:[1 2.5 true <nil> s]]map[x:[1 2.5 true <nil> s]]");
  CHECK(render_values(R"~({{ printf "%q" .Values.s }} {{ printf "%x" "hi" }} {{ printf "%5.1f|%-4d|%+d" 3.14159 7 3 }})~", R"~({"s": "a\"b"})~") ==
        R"~("a\"b" 6869   3.1|7   |+3)~");
  CHECK(render_values("{{ .Values.big }} {{ .Values.neg }} {{ .Values.frac }}", R"~({"big": 1e21, "neg": -0.0, "frac": 0.1})~") ==
        "1e+21 -0 0.1");
  CHECK(render_values("{{ with .Values.a }}{{ with .b }}{{ $.Values.a.c }}{{ . }}{{ end }}{{ end }}", R"~({"a": {"b": "B", "c": "C"}})~") ==
        "CB");
  CHECK(render_values("{{ range $k, $v := .Values.m }}{{ range $v }}{{ $k }}{{ . }}{{ end }}{{ end }}", R"~({"m": {"a": [1, 2], "b": [3]}})~") ==
        "a1a2b3");
  CHECK(render_values("{{ range .Values.l }}{{ . }}{{ continue }}x{{ end }}", R"~({"l": [1, 2]})~") == "12");
  CHECK(render_values("{{ range .Values.l }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ else }}none{{ end }}", R"~({"l": [1, 2, 3]})~") ==
        "1");
  CHECK(render_values(R"~({{ with $x := .Values.a }}{{ $x = "z" }}{{ . }}{{ $x }}{{ end }})~", R"~({"a": "A"})~") ==
        "Az");
  CHECK(render_values("{{ $m := .Values.m }}{{ range $k, $v := $m }}{{ $k }}{{ end }}", R"~({"m": {"b": 1, "a": 2}})~") ==
        "ab");
}

TEST_CASE("tmpl::execute typed maps and slices")
{
  CHECK(render_values(R"~({{ .SM.a }}|{{ .SM.missing }}|{{ index .SM "missing" }}|{{ .SM }}|{{ .SL }}|{{ index .SL 1 }})~") ==
        "x|||map[a:x]|[p q]|q");
  CHECK(render_values("{{ .SM.missing.x }}") ==
        R"~(ERR: template: t:1:6: executing "t" at <.SM.missing.x>: can't evaluate field x in type string)~");
  CHECK(render_values("{{ $m := .SM }}{{ $m.missing.x }}") ==
        R"~(ERR: template: t:1:20: executing "t" at <$m.missing.x>: can't evaluate field x in type string)~");
  CHECK(render_values("{{ range .SL }}{{ .x }}{{ end }}") ==
        R"~(ERR: template: t:1:18: executing "t" at <.x>: can't evaluate field x in type string)~");
  CHECK(render_values("{{ range $k, $v := .SM }}{{ $k }}{{ $v }}{{ end }}") == "ax");
  CHECK(render_values(R"~({{ upper .SM.a }} {{ upper .SM.missing }}|{{ fstrs .SL }} {{ printf "%T %T" .SM .SL }})~") ==
        "X |2 map[string]string []string");
  CHECK(render_values("{{ flist .SL }}") ==
        R"~(ERR: template: t:1:9: executing "t" at <.SL>: wrong type for value; expected []interface {}; got []string)~");
  CHECK(render_values("{{ fmap .SM }}") ==
        R"~(ERR: template: t:1:8: executing "t" at <.SM>: wrong type for value; expected map[string]interface {}; got map[string]string)~");
  CHECK(render_values(R"~({{ eq .SM.missing "" }} {{ len .SM }} {{ slice .SL 1 }})~") == "true 1 [q]");
  CHECK(render_values("{{ index .SM 1 }}") ==
        R"~(ERR: template: t:1:3: executing "t" at <index .SM 1>: error calling index: value has type int; should be string)~");
}

TEST_CASE("tmpl::execute known differences from Go")
{
  // Complex constants parse like Go but have no template value.
  CHECK(render_values("{{ 1i }}") ==
        "ERR: template: t:1:3: executing \"t\" at <1i>: complex constant 1i is not supported");
  // Go sees the result of a niladic function returning interface{} as a nil
  // interface (wrong type); a Function does not declare its result type, so
  // the result is an untyped nil here.
  CHECK(render_values("{{ upper none }}") ==
        "ERR: template: t:1:9: executing \"t\" at <none>: invalid value; expected string");
}
