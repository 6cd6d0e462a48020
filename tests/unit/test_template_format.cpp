// Expected strings come from the oracle (Go 1.19 fmt via tests/oracle/gotpl.sh
// '{{ printf "..." args }}').
#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

#include <pave/template/format.hpp>
#include <pave/template/strconv.hpp>

using pave::tmpl::Value;

namespace {

std::string pf(std::string_view format, std::initializer_list<Value> args)
{
  std::vector<Value> v(args);
  return pave::tmpl::sprintf(format, v);
}

} // namespace

TEST_CASE("tmpl::sprintf")
{
  CHECK(pf("%05.2f|%x|%q", {Value(3.14159), Value(255), Value("a")}) == "03.14|ff|\"a\"");
  CHECK(pf("%d", {Value("hi")}) == "%!d(string=hi)");
  CHECK(pf("%s", {}) == "%!s(MISSING)");
  CHECK(pf("%s", {Value("a"), Value("b")}) == "a%!(EXTRA string=b)");
  CHECK(pf("%", {}) == "%!(NOVERB)");
  CHECK(pf("%[3]s", {Value(1)}) == "%!s(BADINDEX)");
  CHECK(pf("%!", {Value(1)}) == "%!!(int=1)");
  CHECK(pf("%d %d", {Value(1)}) == "1 %!d(MISSING)");
  CHECK(pf("%[2]d %[1]d", {Value(1), Value(2)}) == "2 1");
  CHECK(pf("%[1]d %d", {Value(1), Value(2)}) == "1 2");
  CHECK(pf("%[5]d", {Value(1), Value(2)}) == "%!d(BADINDEX)");
  CHECK(pf("%[x]d", {Value(1)}) == "%!d(BADINDEX)");
  CHECK(pf("%[1]*d", {Value(3), Value(4)}) == "  4");
  CHECK(pf("%*d|%-*d|", {Value(5), Value(42), Value(4), Value(7)}) == "   42|7   |");
  CHECK(pf("%.*f", {Value(2), Value(3.14159)}) == "3.14");
  CHECK(pf("%*d", {Value("x"), Value(1)}) == "%!(BADWIDTH)1");
  CHECK(pf("%.*d", {Value(-1), Value(5)}) == "%!(BADPREC)5");
  CHECK(pf("%v|%+v|%#v|%T", {Value(1), Value(1), Value(1), Value(1)}) == "1|1|1|int");
  CHECK(pf("%v|%T|%#v", {Value(1.5), Value(1.5), Value(1.5)}) == "1.5|float64|1.5");
  CHECK(pf("%v|%T|%#v|%q", {Value("s"), Value("s"), Value("s"), Value("s")}) == "s|string|\"s\"|\"s\"");
  CHECK(pf("%v|%T|%d|%s", {Value(), Value(), Value(), Value()}) == "<nil>|<nil>|%!d(<nil>)|%!s(<nil>)");
  CHECK(pf("%v %t %d", {Value(true), Value(true), Value(true)}) == "true true %!d(bool=true)");
  CHECK(pf("%b|%o|%O|%x|%X|%#x|%#o|%#b|%c|%U|%#U|%q", {Value(5), Value(8), Value(8), Value(255), Value(255), Value(255), Value(8), Value(5), Value(65), Value(128512), Value(128512), Value(65)}) == "101|10|0o10|ff|FF|0xff|010|0b101|A|U+1F600|U+1F600 '\360\237\230\200'|'A'");
  CHECK(pf("%08.3f|%-8.3f|%+.2e|%E|%g|%G|% d|%+d|%x", {Value(-3.14159), Value(2.5), Value(12345.678), Value(0.000123), Value(1e+21), Value(1e-07), Value(5), Value(5), Value(-255)}) == "-003.142|2.500   |+1.23e+04|1.230000E-04|1e+21|1E-07| 5|+5|-ff");
  CHECK(pf("%v %v %v %v %v %v %v %v", {Value(1234567.0), Value(123456789.0), Value(1e+21), Value(0.1), Value(3.0), Value(1e+20), Value(0.0001), Value(1e-05)}) == "1.234567e+06 1.23456789e+08 1e+21 0.1 3 1e+20 0.0001 1e-05");
  CHECK(pf("%v %v %v %v", {Value(100000.0), Value(1000000.0), Value(-0.0), Value(2.5e-310)}) == "100000 1e+06 -0 2.5e-310");
  CHECK(pf("%.3g|%.3g|%.10g|%g|%#g|%#.3g|%.0f|%.0f|%.1f", {Value(1.0), Value(100.0), Value(0.3333333333333333), Value(100000.0), Value(1.0), Value(2.0), Value(0.5), Value(1.5), Value(0.05)}) == "1|100|0.3333333333|100000|1.00000|2.00|0|2|0.1");
  CHECK(pf("%6.2f|%-6.2f|%06.2f|%+06.2f|% 06.2f", {Value(3.14159), Value(3.14159), Value(-3.14159), Value(3.14159), Value(3.14159)}) == "  3.14|3.14  |-03.14|+03.14| 03.14");
  CHECK(pf("%5s|%-5s|%.2s|%5.1s|%05s", {Value("ab"), Value("ab"), Value("abc"), Value("xyz"), Value("ab")}) == "   ab|ab   |ab|    x|000ab");
  CHECK(pf("%x|%X|% x|%#x|%# x|%8x", {Value("hello"), Value("hello"), Value("hello"), Value("hi"), Value("hi"), Value("hi")}) == "68656c6c6f|68656C6C6F|68 65 6c 6c 6f|0x6869|0x68 0x69|    6869");
  CHECK(pf("%q|%+q|%#q|%#q", {Value("h\303\251llo\012\011\""), Value("h\303\251llo"), Value("back`tick"), Value("raw")}) == "\"h\303\251llo\\n\\t\\\"\"|\"h\\u00e9llo\"|\"back`tick\"|`raw`");
  CHECK(pf("%v|%d|%s|%x|%q", {Value::list({Value(1), Value("a"), Value(2.5)}), Value::list({Value(1), Value(2)}), Value::list({Value("a"), Value("b")}), Value::list({Value("ab"), Value("c")}), Value::list({Value("a")})}) == "[1 a 2.5]|[1 2]|[a b]|[6162 63]|[\"a\"]");
  CHECK(pf("%v|%d", {Value::map({{"b", Value(2)}, {"a", Value("x")}}), Value::map({{"a", Value(1)}})}) == "map[a:x b:2]|map[%!d(string=a):1]");
  CHECK(pf("%#v|%#v", {Value::list({Value(1), Value("a"), Value()}), Value::map({{"a", Value(1)}, {"b", Value("x")}})}) == "[]interface {}{1, \"a\", interface {}(nil)}|map[string]interface {}{\"a\":1, \"b\":\"x\"}");
  CHECK(pf("%v", {Value::list({Value::list({Value(1), Value()}), Value::map({{"k", Value::list()}})})}) == "[[1 <nil>] map[k:[]]]");
  CHECK(pf("%d|%s", {Value::list({Value("x"), Value(1)}), Value::list({Value(1), Value(true)})}) == "[%!d(string=x) 1]|[%!s(int=1) %!s(bool=true)]");
  CHECK(pf("%5d|%-5d|%05d|%.3d|%8.3d|%+.3d|%.0d|%5.0d|", {Value(42), Value(42), Value(-42), Value(7), Value(-7), Value(7), Value(0), Value(0)}) == "   42|42   |-0042|007|    -007|+007||     |");
  CHECK(pf("%t|%v|%s", {Value(1), Value(true), Value(true)}) == "%!t(int=1)|true|%!s(bool=true)");
  CHECK(pf("%z", {Value(1)}) == "%!z(int=1)");
  CHECK(pf("%5.2z", {Value("ab")}) == "%!z(string=   ab)");
  CHECK(pf("%\303\251", {Value(1)}) == "%!\303\251(int=1)");
  CHECK(pf("%v%%%v", {Value(1), Value(2)}) == "1%2");
  CHECK(pf("%-010d|%010.3d", {Value(5), Value(5)}) == "5         |       005");
  CHECK(pf("%3c|%-3c|", {Value(65), Value(66)}) == "  A|B  |");
  CHECK(pf("%e|%.0e|%.3e|%10.2e", {Value(0.0), Value(15.5), Value(1e+100), Value(-1e-100)}) == "0.000000e+00|2e+01|1.000e+100|-1.00e-100");
  CHECK(pf("%x|%X|%.2x", {Value(1.0), Value(3.5), Value(1.0)}) == "0x1p+00|0X1.CP+01|0x1.00p+00");
  CHECK(pf("%b", {Value(1.0)}) == "4503599627370496p-52");
  CHECK(pf("%v|%v", {Value(std::int64_t{9223372036854775807}), Value(std::int64_t{-9223372036854775808})}) == "9223372036854775807|-9223372036854775808");
  CHECK(pf("%.2f|%.2f|%.2f|%.3f", {Value(1.005), Value(2.675), Value(1.125), Value(1000000000000000.0)}) == "1.00|2.67|1.12|1000000000000000.000");
  CHECK(pf("%.20f", {Value(0.1)}) == "0.10000000000000000555");
  CHECK(pf("%.17g", {Value(0.1)}) == "0.10000000000000001");
  CHECK(pf("%s|%v|%d|%s|%d", {Value(1), Value(2.5), Value(2.5), Value(), Value("x")}) == "%!s(int=1)|2.5|%!d(float64=2.5)|%!s(<nil>)|%!d(string=x)");
  CHECK(pf("%[2]*[1]d|%[3]*.[2]*[1]f", {Value(12), Value(6), Value(8)}) == "    12|%!f(int=  000012)");
  CHECK(pf("%.[2]d|%[1].2d", {Value(7), Value(3)}) == "3|%!d(BADINDEX)");
  CHECK(pf("%d %d %#[1]x %#x", {Value(16), Value(17)}) == "16 17 0x10 0x11");
  CHECK(pf("%.*s|%-*s|", {Value(1), Value("abc"), Value(-4), Value("x")}) == "a|x   |");
  CHECK(pf("%*s", {Value(2000000), Value("x")}) == "%!(BADWIDTH)x");
  CHECK(pf("%", {Value(1)}) == "%!(NOVERB)%!(EXTRA int=1)");
  CHECK(pf("abc%", {}) == "abc%!(NOVERB)");
  CHECK(pf("%.", {Value(1)}) == "%!.(int=1)");
  CHECK(pf("%.f", {Value(2.5)}) == "2");
  CHECK(pf("%s|%10s|%-10v|", {Value("\346\227\245\346\234\254\350\252\236"), Value("\346\227\245\346\234\254\350\252\236"), Value("\346\227\245\346\234\254")}) == "\346\227\245\346\234\254\350\252\236|       \346\227\245\346\234\254\350\252\236|\346\227\245\346\234\254        |");
  CHECK(pf("%q|%q", {Value("\177\001\342\200\213\357\273\277"), Value("\360\237\230\200")}) == "\"\\x7f\\x01\\u200b\\ufeff\"|\"\360\237\230\200\"");
  CHECK(pf("%+q", {Value("\360\237\230\200 \303\251")}) == "\"\\U0001f600 \\u00e9\"");
  CHECK(pf("%q|%c|%U", {Value(-1), Value(1114112), Value(-1)}) == "'\357\277\275'|\357\277\275|U+FFFFFFFFFFFFFFFF");
  CHECK(pf("%x|%X|%o|%b", {Value(-255), Value(-255), Value(-8), Value(-5)}) == "-ff|-FF|-10|-101");
  CHECK(pf("%6.2v|%.3v|%10v|%-10v|", {Value(3.14159), Value("abcdef"), Value::list({Value(1), Value(2)}), Value(true)}) == "   3.1|abc|[         1          2]|true      |");
  CHECK(pf("%010v|%+v|%#v|%+d", {Value(-1.5), Value(1.5), Value(-2.0), Value(3)}) == "-0000001.5|1.5|-2|+3");
  CHECK(pf("%v|%v|%v|%v", {Value(1000000.0), Value(1e-05), Value(123456.0), Value(1234567.0)}) == "1e+06|1e-05|123456|1.234567e+06");
  CHECK(pf("%.3v|%.1v|%10.3v|", {Value(1234.5678), Value(0.0001234), Value(99.99)}) == "1.23e+03|0.0001|       100|");
  CHECK(pf("% v|% x|%+ d", {Value(5), Value(255), Value(5)}) == " 5| ff|+5");
  CHECK(pf("%#.0f|%#.0e|%#g|%#v|%#.4g", {Value(3.0), Value(3.0), Value(123456789.0), Value(3.0), Value(1.0)}) == "3.|3.e+00|1.23456789e+08|3|1.000");
}

TEST_CASE("tmpl::sprintf typed values")
{
  SUBCASE("[]string")
  {
    Value l = Value::list({Value("a"), Value("b")}, pave::tmpl::ElemType::string);
    CHECK(pf("%v|%#v|%T", {l, l, l}) == "[a b]|[]string{\"a\", \"b\"}|[]string");
  }
  SUBCASE("empty containers")
  {
    CHECK(pf("%v|%T|%v", {Value::list(), Value::map(), Value::map()}) == "[]|map[string]interface {}|map[]");
  }
  SUBCASE("[]byte") // Go: fmt.Sprintf with []byte("hi")
  {
    Value b = Value::bytes("hi");
    CHECK(pf("%v|%s|%x|%q|%d|%#v|%T", {b, b, b, b, b, b, b}) == "[104 105]|hi|6869|\"hi\"|[104 105]|[]byte{0x68, 0x69}|[]uint8");
    CHECK(pf("%v|%s|%c", {Value::list({b}), Value::list({b}), Value::bytes("AB")}) == "[[104 105]]|[hi]|[A B]");
  }
  SUBCASE("unsigned") // Go: uint(255)
  {
    Value u(std::uint64_t{255}, pave::tmpl::IntType::uint);
    CHECK(pf("%v|%d|%x|%#v|%T", {u, u, u, u, u}) == "255|255|ff|0xff|uint");
  }
  SUBCASE("misc")
  {
    CHECK(pf("%p", {Value(1)}) == "%!p(int=1)");
    CHECK(pf("%5t|%-6v|", {Value(true), Value(false)}) == " true|false |");
  }
}

TEST_CASE("tmpl::sprint")
{
  std::vector<Value> a{Value(1), Value(2), Value("a"), Value("b"), Value(3), Value(), Value(4.5), Value(true)};
  CHECK(pave::tmpl::sprint(a) == "1 2ab3 <nil> 4.5 true");
  std::vector<Value> b{Value("a"), Value(1), Value("b")};
  CHECK(pave::tmpl::sprint(b) == "a1b");
  std::vector<Value> c{Value::list({Value(1), Value(2)}), Value::list({Value(3)})};
  CHECK(pave::tmpl::sprint(c) == "[1 2] [3]");
  CHECK(pave::tmpl::sprint({}) == "");
}

TEST_CASE("tmpl::sprintln")
{
  std::vector<Value> a{Value(1), Value("a"), Value()};
  CHECK(pave::tmpl::sprintln(a) == "1 a <nil>\n");
}

TEST_CASE("tmpl::sprint_value")
{
  CHECK(pave::tmpl::sprint_value(Value()) == "<nil>");
  CHECK(pave::tmpl::sprint_value(Value(false)) == "false");
  CHECK(pave::tmpl::sprint_value(Value(-42)) == "-42");
  CHECK(pave::tmpl::sprint_value(Value(1234567.0)) == "1.234567e+06");
  CHECK(pave::tmpl::sprint_value(Value(1e21)) == "1e+21");
  CHECK(pave::tmpl::sprint_value(Value(0.1)) == "0.1");
  CHECK(pave::tmpl::sprint_value(Value(3.0)) == "3");
  CHECK(pave::tmpl::sprint_value(Value("s")) == "s");
  CHECK(pave::tmpl::sprint_value(Value::bytes("hi")) == "[104 105]");
  CHECK(pave::tmpl::sprint_value(Value::map({{"b", Value(2)}, {"a", Value(1)}})) == "map[a:1 b:2]");
  CHECK(pave::tmpl::sprint_value(Value::list({Value("a"), Value::map({{"k", Value()}})})) == "[a map[k:<nil>]]");
  std::string out = "x=";
  pave::tmpl::append_value(out, Value(2.5));
  CHECK(out == "x=2.5");
}

TEST_CASE("tmpl::format_float")
{
  using pave::tmpl::format_float;
  // Go: strconv.FormatFloat(f, fmt, prec, 64)
  CHECK(format_float(1234567.0) == "1.234567e+06");
  CHECK(format_float(0.000012, 'g') == "1.2e-05");
  CHECK(format_float(1e21, 'f') == "1000000000000000000000");
  CHECK(format_float(1.5, 'e') == "1.5e+00");
  CHECK(format_float(1.5, 'E', 3) == "1.500E+00");
  CHECK(format_float(2.5, 'f', 0) == "2");
  CHECK(format_float(-0.0, 'g') == "-0");
  CHECK(format_float(0.0, 'e') == "0e+00");
  CHECK(format_float(123456789.0, 'G', 4) == "1.235E+08");
  CHECK(format_float(1.0 / 0.0) == "+Inf");
  CHECK(format_float(-1.0 / 0.0) == "-Inf");
  CHECK(format_float(0.0 / 0.0) == "NaN");
  CHECK(format_float(5e-324) == "5e-324");
  CHECK(format_float(1.7976931348623157e308) == "1.7976931348623157e+308");
}

TEST_CASE("tmpl::go::quote")
{
  using pave::tmpl::go::quote;
  CHECK(quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quote("\xff") == "\"\\xff\"");
  CHECK(quote("\u00ad\u00e9") == "\"\\u00ad\u00e9\"");
  CHECK(quote("\U0001F600", true) == "\"\\U0001f600\"");
  CHECK(pave::tmpl::go::quote_rune('\'') == "'\\''");
  CHECK(pave::tmpl::go::rune_count("h\u00e9\xff") == 3);
}
