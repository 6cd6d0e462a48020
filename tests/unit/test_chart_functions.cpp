// Helm's own template functions and engine helpers. Expected texts are
// helmref's (include recursion, required, tpl, <no value> removal).
#include <doctest/doctest.h>

#include <pave/chart/engine.hpp>
#include <pave/chart/functions.hpp>
#include <pave/template/template.hpp>

namespace {

std::string run(std::string_view text, const pave::tmpl::Value& data = pave::tmpl::Value::map())
{
  auto funcs = pave::chart::make_function_table();
  pave::tmpl::TemplateSet set(*funcs);
  if (auto p = set.parse("t", text); !p) {
    return "parse: " + p.error().message;
  }
  std::string out;
  if (auto e = set.execute("t", data, out); !e) {
    return "error: " + e.error().message;
  }
  pave::chart::strip_no_value(out);
  return out;
}

} // namespace

TEST_CASE("chart::strip_no_value")
{
  std::string s = "a<no value>b<no value><no value>c<no value";
  pave::chart::strip_no_value(s);
  CHECK(s == "abc<no value");
  std::string t = "<no <no value>value>";
  pave::chart::strip_no_value(t);
  CHECK(t == "<no value>");
}

TEST_CASE("chart::extract_helm_error")
{
  CHECK(pave::chart::extract_helm_error("x: HELM_ERR_STARTmsgHELM_ERR_END: y") == "msg");
  CHECK(pave::chart::extract_helm_error("HELM_ERR_STARTaHELM_ERR_END HELM_ERR_STARTbHELM_ERR_END") ==
        "aHELM_ERR_END HELM_ERR_STARTb");
  CHECK(pave::chart::extract_helm_error("HELM_ERR_STARTa\nHELM_ERR_END") == std::nullopt);
  CHECK(pave::chart::extract_helm_error("plain") == std::nullopt);
  CHECK(pave::chart::execution_error("c/t.yaml", "template: x: HELM_ERR_STARTneed xHELM_ERR_END") ==
        "execution error in c/t.yaml: need x");
  CHECK(pave::chart::execution_error("c/t.yaml", "boom") == "execution error in c/t.yaml: boom");
}

TEST_CASE("chart::add_helm_functions")
{
  using pave::tmpl::MapItems;
  using pave::tmpl::Value;
  CHECK(run("{{ required \"need x\" .x }}") ==
        "error: template: t:1:3: executing \"t\" at <required \"need x\" .x>: error calling required: "
        "HELM_ERR_STARTneed xHELM_ERR_END");
  CHECK(run("{{ required \"need x\" .x }}", Value::map(MapItems{{"x", 0}})) == "0");
  CHECK(run("{{ required \"need x\" .x }}", Value::map(MapItems{{"x", ""}})).starts_with("error: "));
  CHECK(run("{{ lookup \"v1\" \"Pod\" \"ns\" \"name\" }}") == "map[]");
  CHECK(run("{{ define \"a\" }}[{{ . }}]{{ end }}{{ include \"a\" 5 }}") == "[5]");
  CHECK(run("{{ tpl \"{{ .x }}-{{ .missing }}\" . }}", Value::map(MapItems{{"x", "v"}})) == "v-");
  CHECK(run("{{ $d := dict }}{{ tpl \"t\" $d }}{{ $d.Template.Name }}:{{ $d.Template.BasePath }}") == "t:");
}

TEST_CASE("chart::sort_templates")
{
  std::vector<std::string> names{"c/templates/b.yaml", "c/charts/s/templates/a.yaml", "c/templates/a.yaml",
                                 "c/templates/sub/z.yaml", "c/templates/_h.tpl"};
  pave::chart::sort_templates(names);
  CHECK(names == std::vector<std::string>{"c/charts/s/templates/a.yaml", "c/templates/sub/z.yaml",
                                          "c/templates/b.yaml", "c/templates/a.yaml", "c/templates/_h.tpl"});
}
