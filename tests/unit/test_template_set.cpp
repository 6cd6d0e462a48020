// TemplateSet and Executor (include/tpl). Expected results of the Executor
// cases come from Go 1.19 text/template with include and tpl written like
// Helm's (tpl parses into a clone of the set).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "test_template_support.hpp"

using pave::test::render_values;
using pave::tmpl::TemplateSet;
using pave::tmpl::Value;

namespace {

std::string run(TemplateSet& set, std::string_view name, const Value& data = {})
{
  std::string out;
  if (auto r = set.execute(name, data, out); !r) {
    return "ERR: " + r.error().message;
  }
  return out;
}

} // namespace

TEST_CASE("tmpl::TemplateSet parse, has and execute")
{
  TemplateSet set(pave::test::test_functions());
  REQUIRE(set.parse("a.yaml", "a:{{ template \"x\" . }}{{ define \"x\" }}1{{ end }}"));
  CHECK(set.has("a.yaml"));
  CHECK(set.has("x"));
  CHECK_FALSE(set.has("y"));
  CHECK(run(set, "a.yaml") == "a:1");
  // A later definition replaces an earlier one, in any file...
  REQUIRE(set.parse("b.yaml", "{{ define \"x\" }}2{{ end }}b:{{ template \"x\" }}"));
  CHECK(run(set, "a.yaml") == "a:2");
  CHECK(run(set, "b.yaml") == "b:2");
  // ...but an empty one never does.
  REQUIRE(set.parse("c.yaml", "{{ define \"x\" }} {{/* nothing */}} {{ end }}"));
  CHECK(run(set, "x") == "2");
  CHECK(run(set, "c.yaml") == "");
  // Executing a name that does not exist, and a failed parse (which adds nothing).
  CHECK(run(set, "nope") == "ERR: template: no template \"nope\" associated with template \"gotpl\"");
  auto bad = set.parse("d.yaml", "{{ define \"y\" }}y{{ end }}{{ if }}");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "template: d.yaml:1: missing value for if");
  CHECK_FALSE(set.has("y"));
  CHECK_FALSE(set.has("d.yaml"));
}

TEST_CASE("tmpl::TemplateSet::parse_all is parse() of each source in order, on two threads for large inputs")
{
  // Enough text (~200 KiB) that the parsing runs on two threads.
  std::string filler;
  for (int i = 0; i < 500; ++i) {
    filler += "{{ if .a }}{{ .b | printf \"%v\" | len }}{{ end }}\n";
  }
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) {
    texts.push_back(filler + "{{ define \"x\" }}" + std::to_string(i) + "{{ end }}");
  }
  texts.push_back("v={{ template \"x\" }}");
  std::vector<std::string> names;
  std::vector<TemplateSet::Source> sources;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    names.push_back(fmt::format("t{}.yaml", 100 + i));
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    sources.push_back({names[i], texts[i]});
  }
  SUBCASE("the last definition wins, as in order")
  {
    TemplateSet set(pave::test::test_functions());
    auto r = set.parse_all(sources);
    const std::string error = r.has_value() ? std::string() : r.error().message;
    INFO(error);
    REQUIRE(r);
    CHECK(run(set, names.back()) == "v=39");
  }
  // Breaks source i (an if without a value) and source j (an end without a
  // start), parses all into `set`, and returns the index parse_all reports
  // and its error message.
  auto parse_broken = [&](TemplateSet& set, std::size_t i, std::size_t j) {
    texts[i] += "{{ if }}";
    texts[j] += "{{ end }}";
    sources[i].text = texts[i];
    sources[j].text = texts[j];
    std::size_t failed = 99;
    auto r = set.parse_all(sources, &failed);
    return std::pair{failed, r ? std::string() : r.error().message};
  };
  SUBCASE("order holds when later sources are larger (they are parsed first)")
  {
    for (std::size_t i = 0; i + 1 < texts.size(); ++i) {
      texts[i] += std::string(i * 100, ' ');
      sources[i].text = texts[i];
    }
    TemplateSet set(pave::test::test_functions());
    REQUIRE(set.parse_all(sources));
    CHECK(run(set, names.back()) == "v=39");
    TemplateSet failing(pave::test::test_functions());
    const auto [failed, error] = parse_broken(failing, 3, 35);
    REQUIRE_FALSE(error.empty());
    CHECK(failed == 3);
    CHECK(error.starts_with("template: t103.yaml:"));
  }
  SUBCASE("the first failing source (by order) is reported, and nothing is added")
  {
    TemplateSet set(pave::test::test_functions());
    const auto [failed, error] = parse_broken(set, 7, 30);
    REQUIRE_FALSE(error.empty());
    CHECK(failed == 7);
    CHECK(error.starts_with("template: t107.yaml:"));
    CHECK(error.ends_with(": missing value for if"));
    CHECK_FALSE(set.has("x"));
    CHECK_FALSE(set.has("t100.yaml"));
  }
}

TEST_CASE("tmpl::TemplateSet errors name the file and the template")
{
  TemplateSet set(pave::test::test_functions());
  REQUIRE(set.parse("c/templates/_h.tpl", "{{ define \"h\" }}\n  {{ .a.b }}\n{{ end }}"));
  REQUIRE(set.parse("c/templates/t.yaml", "x: {{ template \"h\" .Values }}"));
  const Value data = Value::map({{"Values", pave::test::json_value(R"({"a": "s"})")}});
  CHECK(run(set, "c/templates/t.yaml", data) ==
        "ERR: template: c/templates/_h.tpl:2:7: executing \"h\" at <.a.b>: can't evaluate field b in type interface {}");
  REQUIRE(set.parse("c/templates/u.yaml", "{{ inc \"h\" .Values }}"));
  CHECK(run(set, "c/templates/u.yaml", data) ==
        "ERR: template: c/templates/u.yaml:1:3: executing \"c/templates/u.yaml\" at <inc \"h\" .Values>: error calling "
        "inc: template: c/templates/_h.tpl:2:7: executing \"h\" at <.a.b>: can't evaluate field b in type interface {}");
}
TEST_CASE("tmpl::Executor include and tpl")
{
  CHECK(render_values(R"~({{ define "x" }}X{{.}}{{ end }}{{ inc "x" 1 }} {{ tplf "n" "{{ inc \"x\" 2 }}" . }})~") ==
        "X1 X2");
  CHECK(render_values(R"~({{ inc "y" 1 }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <inc "y" 1>: error calling inc: template: no template "y" associated with template "gotpl")~");
  CHECK(render_values(R"~({{ define "x" }}{{ .a.b }}{{ end }}{{ inc "x" .Values }})~", R"~({"a": 1})~") ==
        R"~(ERR: template: t:1:38: executing "t" at <inc "x" .Values>: error calling inc: template: t:1:21: executing "x" at <.a.b>: can't evaluate field b in type interface {})~");
  CHECK(render_values(R"~({{ define "x" }}{{ .a }}{{ end }}{{ inc "x" .Values | upper }})~", R"~({"a": "b"})~") ==
        "B");
  CHECK(render_values(R"~({{ define "x" }}{{ inc "y" . }}{{ end }}{{ define "y" }}{{ fail "deep" }}{{ end }}{{ inc "x" . }})~") ==
        R"~(ERR: template: t:1:85: executing "t" at <inc "x" .>: error calling inc: template: t:1:19: executing "x" at <inc "y" .>: error calling inc: template: t:1:59: executing "y" at <fail "deep">: error calling fail: deep)~");
  CHECK(render_values(R"~({{ tplf "n" "{{ .x.y }}" . }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <tplf "n" "{{ .x.y }}" .>: error calling tplf: template: n:1:5: executing "n" at <.x.y>: nil pointer evaluating interface {}.y)~");
  CHECK(render_values(R"~({{ tplf "n" "{{ .Values.a }}{{ $.Values.a }}" . }})~", R"~({"a": "A"})~") == "AA");
  CHECK(render_values(R"~({{ tplf "n" "{{ if }}" . }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <tplf "n" "{{ if }}" .>: error calling tplf: template: n:1: missing value for if)~");
  CHECK(render_values(R"~({{ tplf "n" "{{ define \"z\" }}Z{{ end }}{{ template \"z\" }}{{ inc \"z\" . }}" . }}{{ inc "z" . }})~") ==
        R"~(ERR: template: t:1:87: executing "t" at <inc "z" .>: error calling inc: template: no template "z" associated with template "gotpl")~");
  CHECK(render_values(R"~({{ define "z" }}outer{{ end }}{{ tplf "n" "{{ define \"z\" }}inner{{ end }}{{ inc \"z\" . }}" . }}{{ inc "z" . }})~") ==
        "innerouter");
  CHECK(render_values(R"~({{ define "z" }}outer{{ end }}{{ tplf "n" "{{ define \"z\" }} {{ end }}{{ inc \"z\" . }}" . }})~") ==
        "outer");
  CHECK(render_values(R"~({{ define "u" }}U{{ end }}{{ tplf "u" "{{ 1 }}" . }}{{ inc "u" . }})~") == "1U");
  CHECK(render_values(R"~({{ tplf "n" "  " . }}|)~") == "  |");
  CHECK(render_values(R"~({{ $x := 1 }}{{ tplf "n" "{{ $x }}" . }})~") ==
        R"~(ERR: template: t:1:16: executing "t" at <tplf "n" "{{ $x }}" .>: error calling tplf: template: n:1: undefined variable "$x")~");
  CHECK(render_values(R"~({{ tplf "n" "{{ upper . }}" "abc" }})~") == "ABC");
  CHECK(render_values(R"~({{ tplf "n" "{{ nope }}" . }})~") ==
        R"~(ERR: template: t:1:3: executing "t" at <tplf "n" "{{ nope }}" .>: error calling tplf: template: n:1: function "nope" not defined)~");
}
