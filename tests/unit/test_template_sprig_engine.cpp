// Sprig functions called through the template engine (TemplateSet), so the
// declared Go parameter types and the executor's argument conversion are
// exercised together. Expected output from the oracle (tests/oracle/gotpl.sh).
#include <doctest/doctest.h>

#include <pave/template/sprig/sprig.hpp>
#include <pave/template/template.hpp>

namespace {

std::string render(std::string_view text)
{
  pave::tmpl::FunctionTable funcs;
  pave::tmpl::add_sprig_functions(funcs);
  pave::tmpl::TemplateSet set(funcs);
  auto parsed = set.parse("snippet", text);
  if (!parsed) {
    return "parse error: " + parsed.error().message;
  }
  std::string out;
  auto run = set.execute("snippet", pave::tmpl::Value::map(), out);
  if (!run) {
    return "error: " + run.error().message;
  }
  return out;
}

} // namespace

TEST_CASE("sprig::through the template engine")
{
  CHECK(render("{{ \"abc\" | upper | quote }} {{ trunc 3 \"abcdef\" }} {{ list 1 2 | toPrettyJson }}") == "\"ABC\" abc [\n  1,\n  2\n]");
  CHECK(render("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }} {{ keys $d | sortAlpha | join \",\" }}") == "map[a:1 b:2] a,b");
  CHECK(render("{{ default \"x\" .missing }}|{{ add 1 2.5 \"3\" }}|{{ printf \"%05.2f|%x|%q\" 3.14159 255 \"a\" }}") == "x|6|03.14|ff|\"a\"");
  CHECK(render("{{ semverCompare \">=1.2\" \"1.3.0\" }} {{ (semver \"1.2.3\").Major }} {{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}") == "true 1 -W-xxW-");
  CHECK(render("{{ dig \"a\" \"b\" 1 (dict) }}|{{ until 3 }}|{{ seq 3 }}|{{ genCA \"x\" 1 | typeOf }}") == "1|[0 1 2]|1 2 3|sprig.certificate");
  CHECK(render("{{ range $i, $e := splitList \",\" \"a,b\" }}{{ $i }}={{ $e | title }};{{ end }}{{ ternary \"y\" \"n\" (empty \"\") }}") == "0=A;1=B;y");
  CHECK(render("{{ $x := list 1 2 3 | reverse | compact }}{{ $x | first }}{{ $x | last }}{{ len $x }}{{ mul 2 3 | toString | repeat 2 }}") == "31366");
  CHECK(render("{{- /* indent */ -}}{{ \"a\\nb\" | indent 2 }}{{ \"k: v\" | nindent 4 }}") == "  a\n  b\n    k: v");
  CHECK(render("{{ (toDate \"2006-01-02\" \"2024-03-05\").Year }} {{ toDate \"2006-01-02\" \"2024-03-05\" | date \"Jan 2, 2006\" }}") == "2024 Mar 5, 2024");
  CHECK(render("{{ quote \"a\" nil 1 }}|{{ squote \"b\" }}|{{ cat \"x\" nil \"y\" }}|{{ b64enc \"hi\" | b64dec }}|{{ sha256sum \"\" | trunc 8 }}|{{ toRawJson (dict \"a\" \"<&>\") }}") == "\"a\" \"1\"|'b'|x y|hi|e3b0c442|{\"a\":\"<&>\"}");
  CHECK(render("{{ mustToDate \"2006\" \"20x\" }}")
        == "error: template: snippet:1:3: executing \"snippet\" at <mustToDate \"2006\" \"20x\">: error calling mustToDate: "
           "parsing time \"20x\" as \"2006\": cannot parse \"20x\" as \"2006\"");
  CHECK(render("{{ first nil }}")
        == "error: template: snippet:1:3: executing \"snippet\" at <first nil>: error calling first: runtime error: "
           "invalid memory address or nil pointer dereference");
}
