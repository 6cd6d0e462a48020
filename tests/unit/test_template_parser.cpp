// Parser tests, ported from Go 1.19's text/template/parse/parse_test.go
// (trees print with Go's Node.String(); text nodes unquoted as in production).
#include <doctest/doctest.h>

#include <string>

#include <pave/template/parser.hpp>

#include "test_template_support.hpp"

using pave::tmpl::parse_template;

namespace {

/// The main tree of `text` printed with String(), or "ERR: message".
std::string tree(std::string_view text)
{
  auto trees = parse_template("t", text, pave::test::test_functions(), 10000);
  if (!trees) {
    return "ERR: " + trees.error().message;
  }
  return trees->back()->root->string();
}

/// Names of the trees `text` defines, main last.
std::string names(std::string_view text)
{
  auto trees = parse_template("t", text, pave::test::test_functions(), 10000);
  REQUIRE(trees);
  std::string out;
  for (const auto& t : *trees) {
    out += t->name + ";";
  }
  return out;
}

/// The number node of "{{N}}".
const pave::tmpl::NumberNode* number(std::string_view n)
{
  static std::vector<std::shared_ptr<const pave::tmpl::Tree>> keep;
  auto trees = parse_template("t", "{{" + std::string(n) + "}}", pave::test::test_functions(), 10000);
  REQUIRE_MESSAGE(trees, n);
  keep.push_back(trees->back());
  const auto* action = static_cast<const pave::tmpl::ActionNode*>(trees->back()->root->nodes[0]);
  const auto* node = action->pipe->cmds[0]->args[0];
  REQUIRE(node->type == pave::tmpl::NodeType::number);
  return static_cast<const pave::tmpl::NumberNode*>(node);
}

/// "I<int64>U<uint64>F<float64>C" flags of a number literal (absent parts omitted).
std::string number_kinds(std::string_view n)
{
  const auto* node = number(n);
  std::string out;
  if (node->is_int) {
    out.append("I").append(std::to_string(node->int64));
  }
  if (node->is_uint) {
    out.append("U").append(std::to_string(node->uint64));
  }
  if (node->is_float) {
    out.append("F").append(pave::tmpl::format_float(node->float64));
  }
  if (node->is_complex) {
    out += "C";
  }
  return out;
}

} // namespace

TEST_CASE("tmpl::parse_template trees")
{
  CHECK(tree("") == "");
  CHECK(tree("{{/*\n\n\n*/}}") == "");
  CHECK(tree(" \t\n") == " \t\n");
  CHECK(tree("some text") == "some text");
  CHECK(tree("{{.X}}") == "{{.X}}");
  CHECK(tree("{{printf}}") == "{{printf}}");
  CHECK(tree("{{$}}") == "{{$}}");
  CHECK(tree("{{with $x := 3}}{{$x 23}}{{end}}") == "{{with $x := 3}}{{$x 23}}{{end}}");
  CHECK(tree("{{$.I}}") == "{{$.I}}");
  CHECK(tree("{{printf `%d` 23}}") == "{{printf `%d` 23}}");
  CHECK(tree("{{.X|.Y}}") == "{{.X | .Y}}");
  CHECK(tree("{{$x := .X|.Y}}") == "{{$x := .X | .Y}}");
  CHECK(tree("{{.X (.Y .Z) (.A | .B .C) (.E)}}") == "{{.X (.Y .Z) (.A | .B .C) (.E)}}");
  CHECK(tree("{{(.Y .Z).Field}}") == "{{(.Y .Z).Field}}");
  CHECK(tree("{{if .X}}hello{{end}}") == "{{if .X}}hello{{end}}");
  CHECK(tree("{{if .X}}true{{else}}false{{end}}") == "{{if .X}}true{{else}}false{{end}}");
  CHECK(tree("{{if .X}}true{{else if .Y}}false{{end}}") == "{{if .X}}true{{else}}{{if .Y}}false{{end}}{{end}}");
  CHECK(tree("+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+") ==
        "+{{if .X}}X{{else}}{{if .Y}}Y{{else}}{{if .Z}}Z{{end}}{{end}}{{end}}+");
  CHECK(tree("{{range .X}}hello{{end}}") == "{{range .X}}hello{{end}}");
  CHECK(tree("{{range .X.Y.Z}}hello{{end}}") == "{{range .X.Y.Z}}hello{{end}}");
  CHECK(tree("{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}") ==
        "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}");
  CHECK(tree("{{range .X|.M}}true{{else}}false{{end}}") == "{{range .X | .M}}true{{else}}false{{end}}");
  CHECK(tree("{{range $x, $y := .SI}}{{.}}{{end}}") == "{{range $x, $y := .SI}}{{.}}{{end}}");
  CHECK(tree("{{range .SI}}{{.}}{{break}}{{end}}") == "{{range .SI}}{{.}}{{break}}{{end}}");
  CHECK(tree("{{range .SI}}{{.}}{{ continue }}{{end}}") == "{{range .SI}}{{.}}{{continue}}{{end}}");
  CHECK(tree("{{range .SI 1 -3.2i true false 'a' nil}}{{end}}") == "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}");
  CHECK(tree("{{template `x`}}") == "{{template \"x\"}}");
  CHECK(tree("{{template `x` .Y}}") == "{{template \"x\" .Y}}");
  CHECK(tree("{{with .X}}hello{{else}}goodbye{{end}}") == "{{with .X}}hello{{else}}goodbye{{end}}");
  CHECK(tree("x \r\n\t{{- 3}}") == "x{{3}}");
  CHECK(tree("{{3 -}}\n\n\ty") == "{{3}}y");
  CHECK(tree("x\n{{-  3   -}}\ny") == "x{{3}}y");
  CHECK(tree("x \r\n\t{{- /* */ -}}\n\n\ty") == "xy");
  CHECK(tree("{{block \"foo\" .}}hello{{end}}") == "{{template \"foo\" .}}");
  CHECK(tree("{{ $x \n := \n 1 \n }}") == "{{$x := 1}}");
  CHECK(tree("{{\n\"x\"\n|\nprintf\n}}") == "{{\"x\" | printf}}");
  CHECK(tree("{{-\n/*\nhello\n*/\n-}}") == "");
  CHECK(tree("{{$x:=.}}{{$x +2}}") == "{{$x := .}}{{$x +2}}");
  CHECK(tree("{{$x = 1}}") == "{{$x := 1}}"); // an undefined variable fails at execution
  CHECK(tree("{{$x := 0}}{{$x = 1}}") == "{{$x := 0}}{{$x := 1}}"); // Go prints assignments as :=
}

TEST_CASE("tmpl::parse_template defines")
{
  CHECK(names("a{{define \"x\"}}X{{end}}b{{block \"y\" .}}Y{{end}}") == "x;y;t;");
  CHECK(names("{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n") == "x;y;t;");
  // An empty definition does not replace a non-empty one, in either order.
  CHECK(pave::test::render("{{define \"a\"}}A{{end}}{{define \"a\"}} {{end}}{{template \"a\"}}") == "A");
  CHECK(pave::test::render("{{define \"a\"}} {{end}}{{define \"a\"}}A{{end}}{{template \"a\"}}") == "A");
}

TEST_CASE("tmpl::parse_template numbers")
{
  CHECK(number_kinds("0") == "I0U0F0");
  CHECK(number_kinds("-0") == "I0U0F0");
  CHECK(number_kinds("73") == "I73U73F73");
  CHECK(number_kinds("7_3") == "I73U73F73");
  CHECK(number_kinds("0b10_010_01") == "I73U73F73");
  CHECK(number_kinds("0B10_010_01") == "I73U73F73");
  CHECK(number_kinds("073") == "I59U59F59");
  CHECK(number_kinds("0o73") == "I59U59F59");
  CHECK(number_kinds("0O73") == "I59U59F59");
  CHECK(number_kinds("0x73") == "I115U115F115");
  CHECK(number_kinds("0X73") == "I115U115F115");
  CHECK(number_kinds("0x7_3") == "I115U115F115");
  CHECK(number_kinds("-73") == "I-73F-73");
  CHECK(number_kinds("+73") == "I73F73");
  CHECK(number_kinds("1e9") == "I1000000000U1000000000F1e+09");
  CHECK(number_kinds("-1e9") == "I-1000000000F-1e+09");
  CHECK(number_kinds("-1.2") == "F-1.2");
  CHECK(number_kinds("1e19") == "U10000000000000000000F1e+19");
  CHECK(number_kinds("1e1_9") == "U10000000000000000000F1e+19");
  CHECK(number_kinds("1E19") == "U10000000000000000000F1e+19");
  CHECK(number_kinds("-1e19") == "F-1e+19");
  CHECK(number_kinds("0x_1p4") == "I16U16F16");
  CHECK(number_kinds("0X_1P4") == "I16U16F16");
  CHECK(number_kinds("0x_1p-4") == "F0.0625");
  CHECK(number_kinds("4i") == "C");
  CHECK(number_kinds("-1.2+4.2i") == "C");
  CHECK(number_kinds("073i") == "C");
  CHECK(number_kinds("0i") == "I0U0F0C");
  CHECK(number_kinds("-1.2+0i") == "F-1.2C");
  CHECK(number_kinds("-12+0i") == "I-12F-12C");
  CHECK(number_kinds("13+0i") == "I13U13F13C");
  CHECK(number_kinds("0123") == "I83U83F83");
  CHECK(number_kinds("-0x0") == "I0U0F0");
  CHECK(number_kinds("0xdeadbeef") == "I3735928559U3735928559F3.735928559e+09");
  CHECK(number_kinds("'a'") == "I97U97F97");
  CHECK(number_kinds("'\\n'") == "I10U10F10");
  CHECK(number_kinds("'\\\\'") == "I92U92F92");
  CHECK(number_kinds("'\\''") == "I39U39F39");
  CHECK(number_kinds("'\\xFF'") == "I255U255F255");
  CHECK(number_kinds("'パ'") == "I12497U12497F12497");
  CHECK(number_kinds("'\\u30d1'") == "I12497U12497F12497");
  CHECK(number_kinds("'\\U000030d1'") == "I12497U12497F12497");
  CHECK(number_kinds("0xef") == "I239U239F239");
  CHECK(tree("{{0x123.}}") == "ERR: template: t:1: illegal number syntax: \"0x123.\"");
  CHECK(tree("{{1e.}}") == "ERR: template: t:1: illegal number syntax: \"1e\"");
  CHECK(tree("{{'xx'}}") == "ERR: template: t:1: malformed character constant: 'xx'");
  CHECK(tree("{{'433937734937734969526500969526500'}}") ==
        "ERR: template: t:1: malformed character constant: '433937734937734969526500969526500'");
}

TEST_CASE("tmpl::is_empty_tree")
{
  auto empty = [](std::string_view text) {
    auto trees = parse_template("t", text, pave::test::test_functions(), 10000);
    REQUIRE(trees);
    return pave::tmpl::is_empty_tree(trees->back()->root);
  };
  CHECK(pave::tmpl::is_empty_tree(nullptr));
  CHECK(empty(""));
  CHECK_FALSE(empty("hello"));
  CHECK(empty(" \t\n \t\n"));
  CHECK(empty("{{/* comment */}}"));
  CHECK(empty("{{define \"x\"}}something{{end}}"));
  CHECK(empty("{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n"));
  CHECK_FALSE(empty("{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n"));
  CHECK_FALSE(empty("{{define `x`}}something{{end}}{{if 3}}foo{{end}}"));
  CHECK(empty("\xc2\xa0\xe3\x80\x80")); // Unicode spaces count, like bytes.TrimSpace
}

TEST_CASE("tmpl::error_location")
{
  const pave::tmpl::Source src{"c/t.yaml", "ab\ncd{{ x }}\n"};
  CHECK(pave::tmpl::error_location(src, 0) == "c/t.yaml:1:0");
  CHECK(pave::tmpl::error_location(src, 1) == "c/t.yaml:1:1");
  CHECK(pave::tmpl::error_location(src, 3) == "c/t.yaml:2:0");
  CHECK(pave::tmpl::error_location(src, 8) == "c/t.yaml:2:5");
}
