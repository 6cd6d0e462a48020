// Lexer tests, ported from Go 1.19's text/template/parse/lex_test.go.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <pave/template/lexer.hpp>

using pave::tmpl::Item;
using pave::tmpl::ItemType;
using pave::tmpl::Lexer;

namespace {

const char* type_name(ItemType t)
{
  switch (t) {
  case ItemType::error: return "error";
  case ItemType::boolean: return "bool";
  case ItemType::char_: return "char";
  case ItemType::char_constant: return "charconst";
  case ItemType::comment: return "comment";
  case ItemType::complex: return "complex";
  case ItemType::assign: return "assign";
  case ItemType::declare: return "declare";
  case ItemType::eof: return "EOF";
  case ItemType::field: return "field";
  case ItemType::identifier: return "ident";
  case ItemType::left_delim: return "{{";
  case ItemType::left_paren: return "(";
  case ItemType::number: return "number";
  case ItemType::pipe: return "|";
  case ItemType::raw_string: return "raw";
  case ItemType::right_delim: return "}}";
  case ItemType::right_paren: return ")";
  case ItemType::space: return "space";
  case ItemType::string: return "string";
  case ItemType::text: return "text";
  case ItemType::variable: return "var";
  default: return "keyword";
  }
}

/// All items up to EOF or the first error, as "type:value" (comments emitted).
std::vector<std::string> lex(std::string_view input, bool break_ok = true)
{
  Lexer l(input, true, break_ok, true);
  std::vector<std::string> out;
  for (;;) {
    const Item item = l.next_item();
    out.push_back(std::string(type_name(item.type)) + ":" + std::string(item.val));
    if (item.type == ItemType::eof || item.type == ItemType::error) {
      break;
    }
  }
  return out;
}

/// Items as "value@pos/line".
std::vector<std::string> lex_pos(std::string_view input)
{
  Lexer l(input, false, true, true);
  std::vector<std::string> out;
  for (;;) {
    const Item item = l.next_item();
    out.push_back(std::string(item.val) + "@" + std::to_string(item.pos) + "/" + std::to_string(item.line));
    if (item.type == ItemType::eof || item.type == ItemType::error) {
      break;
    }
  }
  return out;
}

using V = std::vector<std::string>;

} // namespace

TEST_CASE("tmpl::Lexer items")
{
  CHECK(lex("") == V{"EOF:"});
  CHECK(lex(" \t\n") == V{"text: \t\n", "EOF:"});
  CHECK(lex("now is the time") == V{"text:now is the time", "EOF:"});
  CHECK(lex("hello-{{/* this is a comment */}}-world") ==
        V{"text:hello-", "comment:/* this is a comment */", "text:-world", "EOF:"});
  CHECK(lex("{{,@% }}") == V{"{{:{{", "char:,", "char:@", "char:%", "space: ", "}}:}}", "EOF:"});
  CHECK(lex("{{((3))}}") == V{"{{:{{", "(:(", "(:(", "number:3", "):)", "):)", "}}:}}", "EOF:"});
  CHECK(lex("{{}}") == V{"{{:{{", "}}:}}", "EOF:"});
  CHECK(lex("{{for}}") == V{"{{:{{", "ident:for", "}}:}}", "EOF:"});
  CHECK(lex(R"({{block "foo" .}})") ==
        V{"{{:{{", "keyword:block", "space: ", R"(string:"foo")", "space: ", "keyword:.", "}}:}}", "EOF:"});
  CHECK(lex(R"({{"abc \n\t\" "}})") == V{"{{:{{", R"(string:"abc \n\t\" ")", "}}:}}", "EOF:"});
  CHECK(lex("{{`abc\\n\\t\\\" `}}") == V{"{{:{{", "raw:`abc\\n\\t\\\" `", "}}:}}", "EOF:"});
  CHECK(lex("{{`now is{{\n}}the time`}}") == V{"{{:{{", "raw:`now is{{\n}}the time`", "}}:}}", "EOF:"});
  CHECK(lex("{{true false}}") == V{"{{:{{", "bool:true", "space: ", "bool:false", "}}:}}", "EOF:"});
  CHECK(lex("{{nil}}") == V{"{{:{{", "keyword:nil", "}}:}}", "EOF:"});
  CHECK(lex("{{range if else end with}}") ==
        V{"{{:{{", "keyword:range", "space: ", "keyword:if", "space: ", "keyword:else", "space: ", "keyword:end",
          "space: ", "keyword:with", "}}:}}", "EOF:"});
  CHECK(lex("{{(.X).Y}}") == V{"{{:{{", "(:(", "field:.X", "):)", "field:.Y", "}}:}}", "EOF:"});
  CHECK(lex("{{|||||}}") == V{"{{:{{", "|:|", "|:|", "|:|", "|:|", "|:|", "}}:}}", "EOF:"});
  // An unmatched right delimiter is text.
  CHECK(lex("hello-{.}}-world") == V{"text:hello-{.}}-world", "EOF:"});
}

TEST_CASE("tmpl::Lexer numbers and characters")
{
  CHECK(lex("{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}") ==
        V{"{{:{{",         "number:1",    "space: ", "number:02",   "space: ",      "number:0x14",
          "space: ",       "number:0X14", "space: ", "number:-7.2i", "space: ",     "number:1e3",
          "space: ",       "number:1E3",  "space: ", "number:+1.2e-4", "space: ",   "number:4.2i",
          "space: ",       "complex:1+2i", "space: ", "number:1_2", "space: ",      "number:0x1.e_fp4",
          "space: ",       "number:0X1.E_FP4", "}}:}}", "EOF:"});
  CHECK(lex(R"({{'a' '\n' '\'' '\\' '\u00FF' '\xFF' '本'}})") ==
        V{"{{:{{", "charconst:'a'", "space: ", R"(charconst:'\n')", "space: ", R"(charconst:'\'')", "space: ",
          R"(charconst:'\\')", "space: ", R"(charconst:'\u00FF')", "space: ", R"(charconst:'\xFF')", "space: ",
          "charconst:'本'", "}}:}}", "EOF:"});
  CHECK(lex("{{.x . .2 .x.y.z}}") == V{"{{:{{", "field:.x", "space: ", "keyword:.", "space: ", "number:.2",
                                         "space: ", "field:.x", "field:.y", "field:.z", "}}:}}", "EOF:"});
}

TEST_CASE("tmpl::Lexer variables and declarations")
{
  CHECK(lex("{{$c := printf $ $hello $23 $ $var.Field .Method}}") ==
        V{"{{:{{", "var:$c", "space: ", "declare::=", "space: ", "ident:printf", "space: ", "var:$", "space: ",
          "var:$hello", "space: ", "var:$23", "space: ", "var:$", "space: ", "var:$var", "field:.Field", "space: ",
          "field:.Method", "}}:}}", "EOF:"});
  CHECK(lex("{{$v , $w := 3}}") == V{"{{:{{", "var:$v", "space: ", "char:,", "space: ", "var:$w", "space: ",
                                       "declare::=", "space: ", "number:3", "}}:}}", "EOF:"});
  CHECK(lex("{{$x = 3}}") == V{"{{:{{", "var:$x", "space: ", "assign:=", "space: ", "number:3", "}}:}}", "EOF:"});
  CHECK(lex(R"(intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro)") ==
        V{"text:intro ", "{{:{{",   "ident:echo", "space: ", "ident:hi",  "space: ",   "number:1.2", "space: ",
          "|:|",         "ident:noargs", "|:|",  "ident:args", "space: ", "number:1", "space: ", R"(string:"hi")",
          "}}:}}",       "text: outro", "EOF:"});
}

TEST_CASE("tmpl::Lexer break and continue are keywords unless functions")
{
  CHECK(lex("{{break}}") == V{"{{:{{", "keyword:break", "}}:}}", "EOF:"});
  CHECK(lex("{{break}}", false) == V{"{{:{{", "ident:break", "}}:}}", "EOF:"});
}

TEST_CASE("tmpl::Lexer trimming")
{
  CHECK(lex("hello- {{- 3 -}} -world") == V{"text:hello-", "{{:{{", "number:3", "}}:}}", "text:-world", "EOF:"});
  CHECK(lex("hello- {{- /* hello */ -}} -world") ==
        V{"text:hello-", "comment:/* hello */", "text:-world", "EOF:"});
  // "-3" is a number, not a trim marker: the marker needs a space.
  CHECK(lex("x {{-3}}") == V{"text:x ", "{{:{{", "number:-3", "}}:}}", "EOF:"});
  CHECK(lex("{{3 -}}\n\t y") == V{"{{:{{", "number:3", "}}:}}", "text:y", "EOF:"});
  CHECK(lex("{{3  -}}y") == V{"{{:{{", "number:3", "space: ", "}}:}}", "text:y", "EOF:"});
}

TEST_CASE("tmpl::Lexer errors")
{
  CHECK(lex("#{{\x01}}") == V{"text:#", "{{:{{", "error:unrecognized character in action: U+0001"});
  CHECK(lex("{{") == V{"{{:{{", "error:unclosed action"});
  CHECK(lex("{{range") == V{"{{:{{", "keyword:range", "error:unclosed action"});
  CHECK(lex("{{\"\n\"}}") == V{"{{:{{", "error:unterminated quoted string"});
  CHECK(lex("{{`xx}}") == V{"{{:{{", "error:unterminated raw quoted string"});
  CHECK(lex("{{'\n}}") == V{"{{:{{", "error:unterminated character constant"});
  CHECK(lex("{{3k}}") == V{"{{:{{", "error:bad number syntax: \"3k\""});
  CHECK(lex("{{(3}}") == V{"{{:{{", "(:(", "number:3", "error:unclosed left paren"});
  CHECK(lex("{{3)}}") == V{"{{:{{", "number:3", "):)", "error:unexpected right paren U+0029 ')'"});
  CHECK(lex("hello-{{/*/}}-world") == V{"text:hello-", "error:unclosed comment"});
  CHECK(lex("hello-{{/* */ }}-world") == V{"text:hello-", "error:comment ends before closing delimiter"});
  CHECK(lex("{{.a#}}") == V{"{{:{{", "error:bad character U+0023 '#'"});
  CHECK(lex("{{a\xc3\xa9#}}") == V{"{{:{{", "error:bad character U+0023 '#'"});
  CHECK(lex("{{:}}") == V{"{{:{{", "error:expected :="});
}

TEST_CASE("tmpl::Lexer positions and lines")
{
  CHECK(lex_pos("") == V{"@0/1"});
  CHECK(lex_pos("{{,@%#}}") == V{"{{@0/1", ",@2/1", "@@3/1", "%@4/1", "#@5/1", "}}@6/1", "@8/1"});
  CHECK(lex_pos("0123{{hello}}xyz") == V{"0123@0/1", "{{@4/1", "hello@6/1", "}}@11/1", "xyz@13/1", "@16/1"});
  CHECK(lex_pos("{{x -}}\n{{y}}") == V{"{{@0/1", "x@2/1", "}}@5/1", "{{@8/2", "y@10/2", "}}@11/2", "@13/2"});
  CHECK(lex_pos("{{x}}\n{{- y}}") == V{"{{@0/1", "x@2/1", "}}@3/1", "{{@6/2", "y@10/2", "}}@11/2", "@13/2"});
  CHECK(lex_pos("a\nb{{\n.x\n}}c") == V{"a\nb@0/1", "{{@3/2", "\n@5/2", ".x@6/3", "\n@8/3", "}}@9/4", "c@11/4",
                                         "@12/4"});
}

TEST_CASE("tmpl::item_string")
{
  CHECK(pave::tmpl::item_string(Item{ItemType::eof, 0, "", 1}) == "EOF");
  CHECK(pave::tmpl::item_string(Item{ItemType::error, 0, "boom", 1}) == "boom");
  CHECK(pave::tmpl::item_string(Item{ItemType::define, 0, "define", 1}) == "<define>");
  CHECK(pave::tmpl::item_string(Item{ItemType::char_, 0, "}", 1}) == "\"}\"");
  CHECK(pave::tmpl::item_string(Item{ItemType::text, 0, "0123456789abc", 1}) == "\"0123456789\"...");
  CHECK(pave::tmpl::item_string(Item{ItemType::string, 0, "\"a\"", 1}) == "\"\\\"a\\\"\"");
}
