// Parse errors. Expected messages come from Go 1.19 text/template (the engine
// helmref uses), parsing the text as template "t".
#include <doctest/doctest.h>

#include "test_template_support.hpp"

using pave::test::render_values;

TEST_CASE("tmpl::parse errors: actions and functions")
{
  CHECK(render_values("{{ }}") == "ERR: template: t:1: missing value for command");
  CHECK(render_values("{{ . }") == R"~(ERR: template: t:1: unexpected "}" in operand)~");
  CHECK(render_values("{{ x }}") == R"~(ERR: template: t:1: function "x" not defined)~");
  CHECK(render_values("hello{{undefined}}") == R"~(ERR: template: t:1: function "undefined" not defined)~");
  CHECK(render_values("{{ $x }}") == R"~(ERR: template: t:1: undefined variable "$x")~");
}

TEST_CASE("tmpl::parse errors: control structures")
{
  CHECK(render_values("{{ if }}{{ end }}") == "ERR: template: t:1: missing value for if");
  CHECK(render_values("{{ if 1 }}") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values("hello{{range .x}}") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values("hello{{range .x}}{{else}}") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values("{{ end }}") == "ERR: template: t:1: unexpected {{end}}");
  CHECK(render_values("{{ else }}") == "ERR: template: t:1: unexpected {{else}}");
  CHECK(render_values("{{if .X}}hello{{end}}{{else}}") == "ERR: template: t:1: unexpected {{else}}");
  CHECK(render_values("{{if .X}}1{{else}}2{{else}}3{{end}}") == "ERR: template: t:1: expected end; found {{else}}");
  CHECK(render_values("{{ break }}") == "ERR: template: t:1: {{break}} outside {{range}}");
  CHECK(render_values("{{range .}}{{end}} {{continue}}") == "ERR: template: t:1: {{continue}} outside {{range}}");
  CHECK(render_values("{{range .}}{{else}}{{break}}{{end}}") == "ERR: template: t:1: {{break}} outside {{range}}");
  CHECK(render_values("{{ range . }}{{ break 1 }}{{ end }}") ==
        R"~(ERR: template: t:1: unexpected "1" in {{break}})~");
  CHECK(render_values("{{ range . }}{{ continue 1 }}{{ end }}") ==
        R"~(ERR: template: t:1: unexpected "1" in {{continue}})~");
}

TEST_CASE("tmpl::parse errors: pipelines")
{
  CHECK(render_values("{{ (1 }}") == "ERR: template: t:1: unclosed left paren");
  CHECK(render_values("{{ 1) }}") == R"~(ERR: template: t:1: unexpected ")" in command)~");
  CHECK(render_values(R"~({{ "abc }})~") == "ERR: template: t:1: unterminated quoted string");
  CHECK(render_values("{{ 1 | 2 }}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{ .a | 2 }}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{12|.}}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{.|12|printf}}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values(R"~({{.|printf|"error"}})~") ==
        "ERR: template: t:1: non executable command in pipeline stage 3");
  CHECK(render_values("{{12|printf|'e'}}") == "ERR: template: t:1: non executable command in pipeline stage 3");
  CHECK(render_values("{{.|true}}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{'c'|nil}}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values(R"~({{ printf "%d" ( ) }})~") ==
        "ERR: template: t:1: missing value for parenthesized pipeline");
}

TEST_CASE("tmpl::parse errors: declarations")
{
  CHECK(render_values("{{ $x, $y := 1 }}") == "ERR: template: t:1: too many declarations in command");
  CHECK(render_values("{{ range $x, $y, $z := . }}{{end}}") == "ERR: template: t:1: too many declarations in range");
  CHECK(render_values("{{with $v, $u := 3}}{{end}}") == "ERR: template: t:1: too many declarations in with");
  CHECK(render_values("{{ range $x, 3 }}{{ end }}") == "ERR: template: t:1: range can only initialize variables");
  CHECK(render_values("{{range $x := $y := 3}}{{end}}") == R"~(ERR: template: t:1: undefined variable "$y")~");
  CHECK(render_values("{{with $x.Y := 4}}{{end}}") == R"~(ERR: template: t:1: undefined variable "$x")~");
}

TEST_CASE("tmpl::parse errors: template, block and define")
{
  CHECK(render_values("{{ template .x }}") == R"~(ERR: template: t:1: unexpected ".x" in template clause)~");
  CHECK(render_values("{{template $v}}") == R"~(ERR: template: t:1: unexpected "$v" in template clause)~");
  CHECK(render_values(R"~({{ template "x" })~") == R"~(ERR: template: t:1: unexpected "}" in template clause)~");
  CHECK(render_values("{{ template }}") == R"~(ERR: template: t:1: unexpected "}}" in template clause)~");
  CHECK(render_values(R"~({{ template "a" "b" | }})~") ==
        R"~(ERR: template: t:1:12: executing "t" at <{{template "a" "b"}}>: template "a" not defined)~");
  CHECK(render_values(R"~({{block "foo"}}hello{{end}})~") == "ERR: template: t:1: missing value for block clause");
  CHECK(render_values(R"~({{block "foo" .}}hello)~") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values(R"~({{block "foo" .}}hello{{else}}x{{end}})~") ==
        "ERR: template: t:1: unexpected {{else}} in block clause");
  CHECK(render_values(R"~({{ define "a" }}x)~") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values(R"~({{ define "a" }}x{{ else }}{{ end }})~") ==
        "ERR: template: t:1: unexpected {{else}} in define clause");
  CHECK(render_values("{{ define a }}x{{ end }}") == R"~(ERR: template: t:1: unexpected "a" in define clause)~");
  CHECK(render_values(R"~({{ define "a" }}a{{ end }}{{ define "a" }}b{{ end }})~") ==
        R"~(ERR: template: t:1: template: multiple definition of template "a")~");
  CHECK(render_values(R"~({{ define "a" }}a{{ end }}{{ define "a" }}  {{ end }}{{ template "a" }})~") == "a");
  CHECK(render_values(R"~({{ define "a" }} {{ end }}{{ define "a" }}b{{ end }}{{ template "a" }})~") == "b");
  CHECK(render_values(R"~({{ define "t" }}b{{ end }}a)~") ==
        R"~(ERR: template: t:1: template: multiple definition of template "t")~");
  CHECK(render_values(R"~({{ define "t" }}b{{ end }})~") == "b");
  CHECK(render_values(R"~({{ define "a" "b" }}{{ end }})~") ==
        R"~(ERR: template: t:1: unexpected "\"b\"" in define clause)~");
  CHECK(render_values(R"~({{ define "a\q" }}{{ end }})~") == "ERR: template: t:1: invalid syntax");
}

TEST_CASE("tmpl::parse errors: operands and literals")
{
  CHECK(render_values("{{ 3.x }}") == R"~(ERR: template: t:1: bad number syntax: "3.x")~");
  CHECK(render_values("{{ nil.x }}") == R"~(ERR: template: t:1: unexpected . after term "nil")~");
  CHECK(render_values(R"~({{ "a".x }})~") == R"~(ERR: template: t:1: unexpected . after term "\"a\"")~");
  CHECK(render_values("{{1.E}}") == R"~(ERR: template: t:1: illegal number syntax: "1.E")~");
  CHECK(render_values("{{0.1.E}}") == R"~(ERR: template: t:1: unexpected . after term "0.1")~");
  CHECK(render_values("{{true.E}}") == R"~(ERR: template: t:1: unexpected . after term "true")~");
  CHECK(render_values("{{'a'.any}}") == R"~(ERR: template: t:1: unexpected . after term "'a'")~");
  CHECK(render_values("{{..E}}") == R"~(ERR: template: t:1: unexpected . after term ".")~");
  CHECK(render_values("{{printf (printf .).}}") == "ERR: template: t:1: unexpected <.> in operand");
  CHECK(render_values("{{printf 3`x`}}") == R"~(ERR: template: t:1: unexpected "`x`" in operand)~");
  CHECK(render_values("{{printf `x`.}}") == "ERR: template: t:1: unexpected <.> in operand");
  CHECK(render_values("{{$x:=.}}{{$x!2}}") == "ERR: template: t:1: bad character U+0021 '!'");
  CHECK(render_values("{{$x:=.}}{{$x+2}}") == "ERR: template: t:1: bad character U+002B '+'");
  CHECK(render_values("{{$x += 1}}{{$x}}") == R"~(ERR: template: t:1: undefined variable "$x")~");
  CHECK(render_values("{{printf 3, 4}}") == R"~(ERR: template: t:1: unexpected "," in operand)~");
  CHECK(render_values("{{ 0x1G }}") == R"~(ERR: template: t:1: bad number syntax: "0x1G")~");
  CHECK(render_values("{{ 1e }}") == R"~(ERR: template: t:1: illegal number syntax: "1e")~");
  CHECK(render_values("{{ 089 }}") == R"~(ERR: template: t:1: integer overflow: "089")~");
  CHECK(render_values("{{ 0x }}") == R"~(ERR: template: t:1: illegal number syntax: "0x")~");
  CHECK(render_values("{{ 1__0 }}") == R"~(ERR: template: t:1: illegal number syntax: "1__0")~");
  CHECK(render_values("{{ 0x1.8 }}") == R"~(ERR: template: t:1: illegal number syntax: "0x1.8")~");
  CHECK(render_values("{{ 99999999999999999999 }}") ==
        R"~(ERR: template: t:1: integer overflow: "99999999999999999999")~");
  CHECK(render_values("{{ 'ab' }}") == "ERR: template: t:1: malformed character constant: 'ab'");
  CHECK(render_values("{{ '' }}") == "ERR: template: t:1: invalid syntax");
  CHECK(render_values(R"~({{ '\q' }})~") == "ERR: template: t:1: invalid syntax");
  CHECK(render_values(R"~({{ "\q" }})~") == "ERR: template: t:1: invalid syntax");
  CHECK(render_values(R"~({{ "\400" }})~") == "ERR: template: t:1: invalid syntax");
  CHECK(render_values("{{ .x.y.z 3 }}") ==
        R"~(ERR: template: t:1:5: executing "t" at <.x.y.z>: nil pointer evaluating interface {}.y)~");
}

TEST_CASE("tmpl::parse errors: lexical")
{
  CHECK(render_values("{{/* c */ 1 }}") == "ERR: template: t:1: comment ends before closing delimiter");
  CHECK(render_values("{{/* unclosed") == "ERR: template: t:1: unclosed comment");
  CHECK(render_values("{{ # }}") == R"~(ERR: template: t:1: unexpected "#" in command)~");
  CHECK(render_values("{{ .a# }}") == "ERR: template: t:1: bad character U+0023 '#'");
  CHECK(render_values("{{ $a# }}") == "ERR: template: t:1: bad character U+0023 '#'");
  CHECK(render_values("{{ a# }}") == "ERR: template: t:1: bad character U+0023 '#'");
  CHECK(render_values("{{ 1 := 2 }}") == R"~(ERR: template: t:1: unexpected ":=" in operand)~");
  CHECK(render_values("{{ : }}") == "ERR: template: t:1: expected :=");
}

TEST_CASE("tmpl::parse errors: variable scope")
{
  CHECK(render_values("{{ with $x := 1 }}{{ $x }}{{ end }}{{ $x }}") ==
        R"~(ERR: template: t:1: undefined variable "$x")~");
  CHECK(render_values("{{ if true }}{{ $x := 1 }}{{ else }}{{ $x }}{{ end }}") == "");
  CHECK(render_values("{{ if $x := 0 }}{{ else }}{{ $x }}{{ end }}") == "0");
}

TEST_CASE("tmpl::parse errors: lines")
{
  CHECK(render_values(R"~(line1
{{ if .x }}
  {{ .y
}})~") == "ERR: template: t:4: unexpected EOF");
  CHECK(render_values(R"~(a
{{ "unterminated
}})~") == "ERR: template: t:2: unterminated quoted string");
  CHECK(render_values(R"~(a
{{ (1
 2 }})~") == "ERR: template: t:3: unclosed left paren in action started at t:2");
  CHECK(render_values(R"~({{ if 1 }}
x
{{ else }}
y)~") == "ERR: template: t:4: unexpected EOF");
  CHECK(render_values(R"~({{ range .x }}
{{ else }}
{{ else }}
{{ end }})~") ==
        "ERR: template: t:3: expected end; found {{else}}");
  CHECK(render_values("{{ with 1 }}{{ else if 2 }}{{ end }}") == "ERR: template: t:1: unexpected <if> in input");
  CHECK(render_values("{{ range 1 }}{{ else if 2 }}{{ end }}") == "ERR: template: t:1: unexpected <if> in input");
  CHECK(render_values("{{ with 1 }}{{ else with 2 }}{{ end }}") == "ERR: template: t:1: unexpected <with> in else");
  CHECK(render_values("{{ range $i, $x := . }}{{ end }}{{ $i }}") ==
        R"~(ERR: template: t:1: undefined variable "$i")~");
  CHECK(render_values("{{ $x = 1 }}") == R"~(ERR: template: t:1:8: executing "t" at <1>: undefined variable: $x)~");
  CHECK(render_values("{{ 1 }}{{ end }}{{ 2 }}") == "ERR: template: t:1: unexpected {{end}}");
  CHECK(render_values(R"~({{
  upper
    (x)
}})~") == R"~(ERR: template: t:3: function "x" not defined)~");
  CHECK(render_values(R"~({{ "x" |
  upper |
  nope }})~") == R"~(ERR: template: t:3: function "nope" not defined)~");
  CHECK(render_values(R"~({{ if .a }}
{{ $x :=)~") == "ERR: template: t:2: unclosed action");
}

TEST_CASE("tmpl::parse errors: Go's errorTests")
{
  CHECK(render_values(R"~(line1
{{)~") == "ERR: template: t:2: unclosed action");
  CHECK(render_values(R"~(line1
{{define `x`}}line2
{{)~") == "ERR: template: t:3: unclosed action");
  CHECK(render_values(R"~(line1
{{"x"
"y")~") == "ERR: template: t:3: unclosed action started at t:2");
  CHECK(render_values("{{") == "ERR: template: t:1: unclosed action");
  CHECK(render_values(R"~(line1
{{
x
}})~") == R"~(ERR: template: t:3: function "x" not defined)~");
  CHECK(render_values(R"~({{/*\nhello\n}})~") == "ERR: template: t:1: unclosed comment");
  CHECK(render_values("{{.X (1 2 3}}") == "ERR: template: t:1: unclosed left paren");
  CHECK(render_values("{{.X 1 2 3 ) }}") == R"~(ERR: template: t:1: unexpected ")" in command)~");
  CHECK(render_values("{{(.X 1 2 3") == "ERR: template: t:1: unclosed action");
  CHECK(render_values("{{`x`3}}") == R"~(ERR: template: t:1: unexpected "3" in operand)~");
  CHECK(render_values("{{a#}}") == "ERR: template: t:1: bad character U+0023 '#'");
  CHECK(render_values("{{'a}}") == "ERR: template: t:1: unterminated character constant");
  CHECK(render_values("{{0xi}}") == R"~(ERR: template: t:1: illegal number syntax: "0xi")~");
  CHECK(render_values("{{define `a`}}a{{end}}{{define `a`}}b{{end}}") ==
        R"~(ERR: template: t:1: template: multiple definition of template "a")~");
  CHECK(render_values("{{range .X}}") == "ERR: template: t:1: unexpected EOF");
  CHECK(render_values("{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}") ==
        R"~(ERR: template: t:1: unexpected ":=" in operand)~");
  CHECK(render_values("{{$a,$b,$c := 23}}") == "ERR: template: t:1: too many declarations in command");
  CHECK(render_values("{{12|false}}") == "ERR: template: t:1: non executable command in pipeline stage 2");
  CHECK(render_values("{{ ( ) }}") == "ERR: template: t:1: missing value for parenthesized pipeline");
  CHECK(render_values(R"~({{ $v := `
` }} {{)~") == "ERR: template: t:2: unclosed action");
  CHECK(render_values("{{range $k}}{{end}}") == R"~(ERR: template: t:1: undefined variable "$k")~");
  CHECK(render_values("{{range $k, $v}}{{end}}") == R"~(ERR: template: t:1: undefined variable "$v")~");
  CHECK(render_values("{{range $k,}}{{end}}") == "ERR: template: t:1: missing value for range");
  CHECK(render_values("{{range $k, $v := }}{{end}}") == "ERR: template: t:1: missing value for range");
  CHECK(render_values("{{range $k, .}}{{end}}") == "ERR: template: t:1: range can only initialize variables");
  CHECK(render_values("{{range $k, 123 := .}}{{end}}") == "ERR: template: t:1: range can only initialize variables");
}
