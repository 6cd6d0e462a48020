// Sprig regex functions over the Go-compatible engine; expected values from
// the oracle (tests/oracle/gotpl.sh '{{ $r := FN ARGS }}{{ printf "%T|%v" $r $r }}').
#include <doctest/doctest.h>

#include "sprig_test.hpp"

using pave::tmpl::Value;
using pave::test::sprig_err;
using pave::test::sprig_tv;

TEST_CASE("sprig::regex")
{
  CHECK(sprig_tv("regexMatch", {Value("^[a-z]+\\d*$"), Value("abc123")}) == "bool|true");
  CHECK(sprig_tv("regexMatch", {Value("b"), Value("abc")}) == "bool|true");
  CHECK(sprig_tv("regexMatch", {Value("^b"), Value("abc")}) == "bool|false");
  CHECK(sprig_tv("regexMatch", {Value("a("), Value("abc")}) == "bool|false");
  CHECK(sprig_tv("regexMatch", {Value("(?i)ABC"), Value("xabcx")}) == "bool|true");
  CHECK(sprig_tv("regexMatch", {Value("a$"), Value("a\n")}) == "bool|false");
  CHECK(sprig_tv("regexMatch", {Value("(?m)a$"), Value("a\nb")}) == "bool|true");
  CHECK(sprig_err("mustRegexMatch", {Value("a("), Value("abc")}) == "error parsing regexp: missing closing ): `a(`");
  CHECK(sprig_err("mustRegexMatch", {Value("a)"), Value("x")}) == "error parsing regexp: unexpected ): `a)`");
  CHECK(sprig_err("mustRegexMatch", {Value("[a"), Value("x")}) == "error parsing regexp: missing closing ]: `[a`");
  CHECK(sprig_err("mustRegexMatch", {Value("a**"), Value("x")}) == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(sprig_err("mustRegexMatch", {Value("*a"), Value("x")}) == "error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(sprig_err("mustRegexMatch", {Value("\\q"), Value("x")}) == "error parsing regexp: invalid escape sequence: `\\q`");
  CHECK(sprig_err("mustRegexMatch", {Value("[z-a]"), Value("x")}) == "error parsing regexp: invalid character class range: `z-a`");
  CHECK(sprig_err("mustRegexMatch", {Value("x{1001}"), Value("x")}) == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(sprig_err("mustRegexMatch", {Value("(?=a)"), Value("x")}) == "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
  CHECK(sprig_err("mustRegexMatch", {Value("(?P<>a)"), Value("x")}) == "error parsing regexp: invalid named capture: `(?P<>`");
  CHECK(sprig_err("mustRegexMatch", {Value("[[:foo:]]"), Value("x")}) == "error parsing regexp: invalid character class range: `[:foo:]`");
  CHECK(sprig_err("mustRegexMatch", {Value("a\\"), Value("x")}) == "error parsing regexp: trailing backslash at end of expression: ``");
  CHECK(sprig_err("mustRegexMatch", {Value("\\1"), Value("x")}) == "error parsing regexp: invalid escape sequence: `\\1`");
  CHECK(sprig_err("mustRegexMatch", {Value("a+*"), Value("x")}) == "error parsing regexp: invalid nested repetition operator: `+*`");
  CHECK(sprig_err("mustRegexMatch", {Value("(?P=n)"), Value("x")}) == "error parsing regexp: invalid or unsupported Perl syntax: `(?P`");
  CHECK(sprig_err("mustRegexMatch", {Value("\\pX"), Value("x")}) == "error parsing regexp: invalid character class range: `\\pX`");
  CHECK(sprig_err("mustRegexMatch", {Value("x{2}{3}"), Value("x")}) == "error parsing regexp: invalid nested repetition operator: `{2}{3}`");
  CHECK(sprig_err("mustRegexMatch", {Value("a*??"), Value("x")}) == "error parsing regexp: invalid nested repetition operator: `*??`");
  // RE2's \C (any byte) and (?<name>) (newer Go) are errors in the oracle's Go.
  CHECK(sprig_err("mustRegexMatch", {Value("a\\C"), Value("x")}) == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(sprig_err("mustRegexMatch", {Value("[\\C]"), Value("x")}) == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(sprig_tv("regexMatch", {Value("\\Q\\C\\E"), Value("a\\Cb")}) == "bool|true");
  CHECK(sprig_err("mustRegexFind", {Value("(?<n>a)"), Value("a")}) == "error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
  CHECK(sprig_err("mustRegexFind", {Value("(?<=a)b"), Value("ab")}) == "error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
  CHECK(sprig_tv("regexFindAll", {Value("a."), Value("abacad"), Value(-1)}) == "[]string|[ab ac ad]");
  CHECK(sprig_tv("regexFindAll", {Value("a."), Value("abacad"), Value(2)}) == "[]string|[ab ac]");
  CHECK(sprig_tv("regexFindAll", {Value("x*"), Value("axxb"), Value(-1)}) == "[]string|[ xx ]");
  CHECK(sprig_tv("regexFindAll", {Value(""), Value("abc"), Value(-1)}) == "[]string|[   ]");
  CHECK(sprig_tv("regexFindAll", {Value("z"), Value("abc"), Value(-1)}) == "[]string|[]");
  CHECK(sprig_tv("regexFindAll", {Value("a|ab"), Value("abab"), Value(-1)}) == "[]string|[a a]");
  CHECK(sprig_tv("regexFindAll", {Value("\\w+"), Value("h\303\251llo w\303\266rld"), Value(-1)}) == "[]string|[h llo w rld]");
  CHECK(sprig_tv("regexFindAll", {Value("."), Value("\303\251\346\227\245"), Value(-1)}) == "[]string|[\303\251 \346\227\245]");
  CHECK(sprig_tv("regexFindAll", {Value("a"), Value("aaa"), Value(0)}) == "[]string|[]");
  CHECK(sprig_tv("regexFind", {Value("[0-9]+"), Value("abc123def456")}) == "string|123");
  CHECK(sprig_tv("regexFind", {Value("z"), Value("abc")}) == "string|");
  CHECK(sprig_tv("regexFind", {Value("(a+)(b*)"), Value("xaabbb")}) == "string|aabbb");
  CHECK(sprig_err("regexFind", {Value("a("), Value("x")}) == "regexp: Compile(`a(`): error parsing regexp: missing closing ): `a(`");
  CHECK(sprig_err("mustRegexFind", {Value("a("), Value("x")}) == "error parsing regexp: missing closing ): `a(`");
  CHECK(sprig_tv("regexFind", {Value("a*?b"), Value("aaab")}) == "string|aaab");
  CHECK(sprig_tv("regexFind", {Value("(?U)a+"), Value("aaa")}) == "string|a");
  CHECK(sprig_tv("regexFind", {Value("(?s).+"), Value("a\nb")}) == "string|a\nb");
  CHECK(sprig_tv("regexFind", {Value(".+"), Value("a\nb")}) == "string|a");
  CHECK(sprig_tv("regexFind", {Value("\\bfoo\\b"), Value("a foo b")}) == "string|foo");
  CHECK(sprig_tv("regexFind", {Value("[^a]+"), Value("aa\nbb")}) == "string|\nbb");
  CHECK(sprig_tv("regexFind", {Value("\\pL+"), Value("12\303\251a3")}) == "string|\303\251a");
  CHECK(sprig_tv("regexFind", {Value("[\\d\\s]+"), Value("ab1 2c")}) == "string|1 2");
  CHECK(sprig_tv("regexFind", {Value("(?i)stra\303\237e"), Value("STRASSE Stra\303\237e")}) == "string|Stra\303\237e");
  CHECK(sprig_tv("regexFind", {Value("\\x41\\x{42}\\101"), Value("ABA")}) == "string|ABA");
  CHECK(sprig_tv("regexFind", {Value("\\Q.*\\E+"), Value("a.*.*b")}) == "string|.*");
  CHECK(sprig_tv("regexFind", {Value("[[:upper:]]+"), Value("abCDe")}) == "string|CD");
  CHECK(sprig_tv("regexFind", {Value("[^[:space:]]+"), Value("  ab c")}) == "string|ab");
  CHECK(sprig_tv("regexFind", {Value("a{2,3}"), Value("aaaa")}) == "string|aaa");
  CHECK(sprig_tv("regexFind", {Value("a{2,}?"), Value("aaaa")}) == "string|aa");
  CHECK(sprig_tv("regexFind", {Value("x{0}y"), Value("xy")}) == "string|y");
  CHECK(sprig_tv("regexFind", {Value("(?i)[a-c]+"), Value("xABCd")}) == "string|ABC");
  CHECK(sprig_tv("regexReplaceAll", {Value("a(x*)b"), Value("-ab-axxb-"), Value("${1}W")}) == "string|-W-xxW-");
  CHECK(sprig_tv("regexReplaceAll", {Value("a(x*)b"), Value("-ab-axxb-"), Value("$1W")}) == "string|---");
  CHECK(sprig_tv("regexReplaceAll", {Value("(?P<first>\\w+) (?P<last>\\w+)"), Value("John Smith"), Value("$last, $first")}) == "string|Smith, John");
  CHECK(sprig_tv("regexReplaceAll", {Value("x*"), Value("abc"), Value("-")}) == "string|-a-b-c-");
  CHECK(sprig_tv("regexReplaceAll", {Value(""), Value("abc"), Value("-")}) == "string|-a-b-c-");
  CHECK(sprig_tv("regexReplaceAll", {Value("a"), Value("banana"), Value("$$")}) == "string|b$n$n$");
  CHECK(sprig_tv("regexReplaceAll", {Value("a"), Value("banana"), Value("$")}) == "string|b$n$n$");
  CHECK(sprig_tv("regexReplaceAll", {Value("(a)"), Value("banana"), Value("${1")}) == "string|b${1n${1n${1");
  CHECK(sprig_tv("regexReplaceAll", {Value("(a)"), Value("banana"), Value("$01")}) == "string|bnn");
  CHECK(sprig_tv("regexReplaceAll", {Value("a+"), Value("baaac"), Value("<$0>")}) == "string|b<aaa>c");
  CHECK(sprig_err("regexReplaceAll", {Value("["), Value("x"), Value("y")}) == "regexp: Compile(`[`): error parsing regexp: missing closing ]: `[`");
  CHECK(sprig_err("mustRegexReplaceAll", {Value("["), Value("x"), Value("y")}) == "error parsing regexp: missing closing ]: `[`");
  CHECK(sprig_tv("regexReplaceAllLiteral", {Value("a(x*)b"), Value("-ab-axxb-"), Value("${1}")}) == "string|-${1}-${1}-");
  CHECK(sprig_err("mustRegexReplaceAllLiteral", {Value("("), Value("x"), Value("y")}) == "error parsing regexp: missing closing ): `(`");
  CHECK(sprig_tv("regexSplit", {Value("z+"), Value("pizza"), Value(-1)}) == "[]string|[pi a]");
  CHECK(sprig_tv("regexSplit", {Value("z+"), Value("pizza"), Value(1)}) == "[]string|[pizza]");
  CHECK(sprig_tv("regexSplit", {Value("z+"), Value("pizza"), Value(0)}) == "[]string|[]");
  CHECK(sprig_tv("regexSplit", {Value(""), Value("abc"), Value(-1)}) == "[]string|[a b c]");
  CHECK(sprig_tv("regexSplit", {Value("a"), Value("banana"), Value(-1)}) == "[]string|[b n n ]");
  CHECK(sprig_tv("regexSplit", {Value("x"), Value(""), Value(-1)}) == "[]string|[]");
  CHECK(sprig_tv("regexSplit", {Value(",\\s*"), Value("a, b,c"), Value(2)}) == "[]string|[a b,c]");
  CHECK(sprig_err("mustRegexSplit", {Value("("), Value("a"), Value(-1)}) == "error parsing regexp: missing closing ): `(`");
  CHECK(sprig_tv("regexQuoteMeta", {Value("1.5-2.0?[x]{y}|^$\\")}) == "string|1\\.5-2\\.0\\?\\[x\\]\\{y\\}\\|\\^\\$\\\\");
  CHECK(sprig_tv("regexFind", {Value("^(?:a|ab)(?:c|bcd)(d*)$"), Value("abcd")}) == "string|abcd");
  CHECK(sprig_tv("regexFind", {Value("(a|ab)(c|bcd)(d*)"), Value("abcd")}) == "string|abcd");
  CHECK(sprig_tv("regexFindAll", {Value("(?m)^\\w"), Value("ab\ncd\nef"), Value(-1)}) == "[]string|[a c e]");
  CHECK(sprig_tv("regexFindAll", {Value("$"), Value("a\nb"), Value(-1)}) == "[]string|[]");
  CHECK(sprig_tv("regexFindAll", {Value("\\B"), Value("ab cd"), Value(-1)}) == "[]string|[ ]");
  CHECK(sprig_tv("regexFindAll", {Value("a*"), Value("baaab"), Value(-1)}) == "[]string|[ aaa ]");
  CHECK(sprig_tv("regexSplit", {Value("x*"), Value("axxbc"), Value(2)}) == "[]string|[a bc]");
  CHECK(sprig_tv("regexFind", {Value("\\p{Greek}+"), Value("a\u03b1\u03b2")}) == "string|\u03b1\u03b2");
  CHECK(sprig_tv("regexFindAll", {Value("(?i)\u03a3"), Value("\u03c3\u03c2\u03a3"), Value(-1)}) == "[]string|[\u03c3 \u03c2 \u03a3]");
}

TEST_CASE("sprig::regex linear time")
{
  // A pattern that backtracking engines take exponential time on.
  std::string s(40, 'a');
  CHECK(sprig_tv("regexMatch", {Value("^(a+)+$"), Value(s + "b")}) == "bool|false");
  std::string big(200000, 'x');
  CHECK(sprig_tv("regexReplaceAll", {Value("x+"), Value(big), Value("y")}) == "string|y");
}
