// Sprig defaults, JSON, encoding, reflection, path and semver functions;
// expected values from the oracle
// (tests/oracle/gotpl.sh '{{ $r := FN ARGS }}{{ printf "%T|%v" $r $r }}').
#include <doctest/doctest.h>

#include <cmath>

#include "sprig_test.hpp"

using pave::tmpl::ElemType;
using pave::tmpl::Value;
using pave::test::sprig_call;
using pave::test::sprig_err;
using pave::test::sprig_tv;

TEST_CASE("sprig::defaults")
{
  CHECK(sprig_tv("default", {Value("d")}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value()}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value("")}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value(0)}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value(0.0)}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value(false)}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value::list()}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value::map()}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value("x")}) == "string|x");
  CHECK(sprig_tv("default", {Value("d"), Value(1)}) == "int|1");
  CHECK(sprig_tv("default", {Value("d"), Value(true)}) == "bool|true");
  CHECK(sprig_tv("default", {Value("d"), Value::list({Value(0)})}) == "[]interface {}|[0]");
  CHECK(sprig_tv("default", {Value("d"), Value(""), Value("y")}) == "string|d");
  CHECK(sprig_tv("default", {Value("d"), Value("x"), Value("y")}) == "string|x");
  CHECK(sprig_tv("default", {Value(1), sprig_call("semver", {Value("1.0.0")})}) == "*semver.Version|1.0.0");
  CHECK(sprig_tv("empty", {Value()}) == "bool|true");
  CHECK(sprig_tv("empty", {Value("")}) == "bool|true");
  CHECK(sprig_tv("empty", {Value(" ")}) == "bool|false");
  CHECK(sprig_tv("empty", {Value(0)}) == "bool|true");
  CHECK(sprig_tv("empty", {Value(std::int64_t{0})}) == "bool|true");
  CHECK(sprig_tv("empty", {Value(0.0)}) == "bool|true");
  CHECK(sprig_tv("empty", {Value(false)}) == "bool|true");
  CHECK(sprig_tv("empty", {Value::list()}) == "bool|true");
  CHECK(sprig_tv("empty", {Value::map()}) == "bool|true");
  CHECK(sprig_tv("empty", {Value::list({Value()})}) == "bool|false");
  CHECK(sprig_tv("empty", {Value::list(ElemType::string)}) == "bool|true");
  CHECK(sprig_tv("empty", {sprig_call("semver", {Value("1.0.0")})}) == "bool|false");
  CHECK(sprig_tv("coalesce", {Value(), Value(""), Value("x"), Value("y")}) == "string|x");
  CHECK(sprig_tv("coalesce", {Value(), Value(0)}) == "<nil>|<nil>");
  CHECK(sprig_tv("coalesce", {}) == "<nil>|<nil>");
  CHECK(sprig_tv("coalesce", {Value(0), Value::list({Value(1)})}) == "[]interface {}|[1]");
  CHECK(sprig_tv("all", {Value(1), Value("a"), Value(true)}) == "bool|true");
  CHECK(sprig_tv("all", {Value(1), Value("")}) == "bool|false");
  CHECK(sprig_tv("all", {}) == "bool|true");
  CHECK(sprig_tv("any", {Value(0), Value(""), Value()}) == "bool|false");
  CHECK(sprig_tv("any", {Value(0), Value("x")}) == "bool|true");
  CHECK(sprig_tv("any", {}) == "bool|false");
  CHECK(sprig_tv("ternary", {Value("a"), Value("b"), Value(true)}) == "string|a");
  CHECK(sprig_tv("ternary", {Value("a"), Value("b"), Value(false)}) == "string|b");
  CHECK(sprig_tv("ternary", {Value(), Value(1), Value(true)}) == "<nil>|<nil>");
  CHECK(sprig_tv("toPrettyJson", {Value::map({{"a", Value(1)}, {"b", Value::list({Value(1), Value("x<y>&"), Value(), Value(true), Value(1.5), Value(1e+21), Value(1e-06)})}, {"c", Value::map()}, {"d", Value::list()}})}) == "string|{\n  \"a\": 1,\n  \"b\": [\n    1,\n    \"x\\u003cy\\u003e\\u0026\",\n    null,\n    true,\n    1.5,\n    1e+21,\n    0.000001\n  ],\n  \"c\": {},\n  \"d\": []\n}");
  CHECK(sprig_tv("toPrettyJson", {Value()}) == "string|null");
  CHECK(sprig_tv("toPrettyJson", {Value("s")}) == "string|\"s\"");
  CHECK(sprig_tv("toPrettyJson", {Value(std::nan(""))}) == "string|");
  CHECK(sprig_err("mustToPrettyJson", {Value(std::nan(""))}) == "json: unsupported value: NaN");
  CHECK(sprig_tv("mustToPrettyJson", {Value::map({{"k", Value::list({Value::map({{"x", Value("\"q\"\\")}})})}})}) == "string|{\n  \"k\": [\n    {\n      \"x\": \"\\\"q\\\"\\\\\"\n    }\n  ]\n}");
  CHECK(sprig_tv("toRawJson", {Value::map({{"a", Value("<b>&amp;")}, {"u", Value("\342\200\250x\\u003c")}, {"n", Value(1e-07)}})}) == "string|{\"a\":\"<b>&amp;\",\"n\":1e-7,\"u\":\"\\u2028x\\\\u003c\"}");
  CHECK(sprig_tv("mustToRawJson", {Value::list({Value("\303\251\n\t\001")})}) == "string|[\"\303\251\\n\\t\\u0001\"]");
  CHECK(sprig_err("toRawJson", {Value(HUGE_VAL)}) == "json: unsupported value: +Inf");
  CHECK(sprig_tv("toRawJson", {sprig_call("semver", {Value("1.2.3-beta+x")})}) == "string|\"1.2.3-beta+x\"");
  CHECK(sprig_tv("mustFromJson", {Value("{\"a\": [1, 2.5, \"x\", null, true], \"b\": {\"c\": {}}}")}) == "map[string]interface {}|map[a:[1 2.5 x <nil> true] b:map[c:map[]]]");
  CHECK(sprig_err("mustFromJson", {Value("[1,")}) == "unexpected end of JSON input");
  CHECK(sprig_err("mustFromJson", {Value("")}) == "unexpected end of JSON input");
  CHECK(sprig_err("mustFromJson", {Value("{\"a\" 1}")}) == "invalid character '1' after object key");
  CHECK(sprig_tv("mustFromJson", {Value("\"s\"")}) == "string|s");
  CHECK(sprig_err("mustFromJson", {Value("nul")}) == "invalid character ' ' in literal null (expecting 'l')");
  CHECK(sprig_err("mustFromJson", {Value("1 2")}) == "invalid character '2' after top-level value");
  CHECK(sprig_err("mustFromJson", {Value("1e400")}) == "json: cannot unmarshal number 1e400 into Go value of type float64");
}

TEST_CASE("sprig::misc")
{
  CHECK(sprig_tv("b64enc", {Value("hello")}) == "string|aGVsbG8=");
  CHECK(sprig_tv("b64enc", {Value("")}) == "string|");
  CHECK(sprig_tv("b64enc", {Value("ab")}) == "string|YWI=");
  CHECK(sprig_tv("b64enc", {Value("a")}) == "string|YQ==");
  CHECK(sprig_tv("b64dec", {Value("aGVsbG8=")}) == "string|hello");
  CHECK(sprig_tv("b64dec", {Value("aGVsbG8")}) == "string|illegal base64 data at input byte 4");
  CHECK(sprig_tv("b64dec", {Value("aGV\nsbG8=")}) == "string|hello");
  CHECK(sprig_tv("b64dec", {Value("a")}) == "string|illegal base64 data at input byte 0");
  CHECK(sprig_tv("b64dec", {Value("!!!!")}) == "string|illegal base64 data at input byte 0");
  CHECK(sprig_tv("b64dec", {Value("YQ==YQ==")}) == "string|illegal base64 data at input byte 4");
  CHECK(sprig_tv("b64dec", {Value("YQ=")}) == "string|illegal base64 data at input byte 3");
  CHECK(sprig_tv("b64dec", {Value("")}) == "string|");
  CHECK(sprig_tv("b64dec", {Value("YWI=")}) == "string|ab");
  CHECK(sprig_tv("b32enc", {Value("hello")}) == "string|NBSWY3DP");
  CHECK(sprig_tv("b32enc", {Value("a")}) == "string|ME======");
  CHECK(sprig_tv("b32enc", {Value("")}) == "string|");
  CHECK(sprig_tv("b32enc", {Value("abcdef")}) == "string|MFRGGZDFMY======");
  CHECK(sprig_tv("b32dec", {Value("NBSWY3DP")}) == "string|hello");
  CHECK(sprig_tv("b32dec", {Value("ME======")}) == "string|a");
  CHECK(sprig_tv("b32dec", {Value("ME")}) == "string|illegal base32 data at input byte 0");
  CHECK(sprig_tv("b32dec", {Value("M!======")}) == "string|illegal base32 data at input byte 1");
  CHECK(sprig_tv("b32dec", {Value("MFRGGZDFMY======")}) == "string|abcdef");
  CHECK(sprig_tv("b32dec", {Value("ME=====X")}) == "string|illegal base32 data at input byte 6");
  CHECK(sprig_tv("b32dec", {Value("MEA=====")}) == "string|illegal base32 data at input byte 3");
  CHECK(sprig_tv("sha1sum", {Value("abc")}) == "string|a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sprig_tv("sha256sum", {Value("abc")}) == "string|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sprig_tv("adler32sum", {Value("abc")}) == "string|38600999");
  CHECK(sprig_tv("adler32sum", {Value("")}) == "string|1");
  CHECK(sprig_tv("typeOf", {Value(1)}) == "string|int");
  CHECK(sprig_tv("typeOf", {Value()}) == "string|<nil>");
  CHECK(sprig_tv("typeOf", {Value::list({Value("a")}, ElemType::string)}) == "string|[]string");
  CHECK(sprig_tv("typeOf", {sprig_call("semver", {Value("1.0.0")})}) == "string|*semver.Version");
  CHECK(sprig_tv("typeIs", {Value("int"), Value(1)}) == "bool|true");
  CHECK(sprig_tv("typeIs", {Value("string"), Value(1)}) == "bool|false");
  CHECK(sprig_tv("typeIsLike", {Value("semver.Version"), sprig_call("semver", {Value("1.0.0")})}) == "bool|true");
  CHECK(sprig_tv("typeIsLike", {Value("int"), Value(1)}) == "bool|true");
  CHECK(sprig_tv("kindOf", {Value(1)}) == "string|int");
  CHECK(sprig_tv("kindOf", {Value()}) == "string|invalid");
  CHECK(sprig_tv("kindOf", {Value::list()}) == "string|slice");
  CHECK(sprig_tv("kindOf", {Value::map()}) == "string|map");
  CHECK(sprig_tv("kindOf", {sprig_call("semver", {Value("1.0.0")})}) == "string|ptr");
  CHECK(sprig_tv("kindOf", {Value(1.5)}) == "string|float64");
  CHECK(sprig_tv("kindIs", {Value("slice"), Value::list(ElemType::string)}) == "bool|true");
  CHECK(sprig_tv("kindIs", {Value("map"), Value(1)}) == "bool|false");
  CHECK(sprig_tv("deepEqual", {Value::list({Value(1), Value::map({{"a", Value("x")}})}), Value::list({Value(1), Value::map({{"a", Value("x")}})})}) == "bool|true");
  CHECK(sprig_tv("deepEqual", {Value(1), Value(std::int64_t{1})}) == "bool|false");
  CHECK(sprig_tv("deepEqual", {Value::list({Value("a")}), Value::list({Value("a")}, ElemType::string)}) == "bool|false");
  CHECK(sprig_tv("deepEqual", {Value(), Value()}) == "bool|true");
  CHECK(sprig_tv("deepEqual", {Value(1.0), Value(1.0)}) == "bool|true");
  CHECK(sprig_tv("base", {Value("/a/b.txt")}) == "string|b.txt");
  CHECK(sprig_tv("base", {Value("")}) == "string|.");
  CHECK(sprig_tv("base", {Value("/")}) == "string|/");
  CHECK(sprig_tv("base", {Value("a/b/")}) == "string|b");
  CHECK(sprig_tv("base", {Value("//")}) == "string|/");
  CHECK(sprig_tv("dir", {Value("/a/b.txt")}) == "string|/a");
  CHECK(sprig_tv("dir", {Value("a")}) == "string|.");
  CHECK(sprig_tv("dir", {Value("")}) == "string|.");
  CHECK(sprig_tv("dir", {Value("/a/../b/c")}) == "string|/b");
  CHECK(sprig_tv("dir", {Value("/")}) == "string|/");
  CHECK(sprig_tv("clean", {Value("a//b/./c/..")}) == "string|a/b");
  CHECK(sprig_tv("clean", {Value("/../a")}) == "string|/a");
  CHECK(sprig_tv("clean", {Value("../../a/../b")}) == "string|../../b");
  CHECK(sprig_tv("clean", {Value("")}) == "string|.");
  CHECK(sprig_tv("clean", {Value("./")}) == "string|.");
  CHECK(sprig_tv("clean", {Value("a/..")}) == "string|.");
  CHECK(sprig_tv("clean", {Value("/a/b/../../..")}) == "string|/");
  CHECK(sprig_tv("ext", {Value("a/b.tar.gz")}) == "string|.gz");
  CHECK(sprig_tv("ext", {Value("a.b/c")}) == "string|");
  CHECK(sprig_tv("ext", {Value("x.")}) == "string|.");
  CHECK(sprig_tv("isAbs", {Value("/a")}) == "bool|true");
  CHECK(sprig_tv("isAbs", {Value("a")}) == "bool|false");
  CHECK(sprig_tv("osBase", {Value("/a/b")}) == "string|b");
  CHECK(sprig_tv("osDir", {Value("/a/b")}) == "string|/a");
  CHECK(sprig_tv("osClean", {Value("a/../..")}) == "string|..");
  CHECK(sprig_tv("osExt", {Value("f.yaml")}) == "string|.yaml");
  CHECK(sprig_tv("osIsAbs", {Value("/")}) == "bool|true");
  CHECK(sprig_tv("semver", {Value("1.2.3-beta.1+build")}) == "*semver.Version|1.2.3-beta.1+build");
  CHECK(sprig_tv("semver", {Value("v1.2")}) == "*semver.Version|1.2.0");
  CHECK(sprig_err("semver", {Value("1.2.3.4")}) == "Invalid Semantic Version");
  CHECK(sprig_err("semver", {Value("x")}) == "Invalid Semantic Version");
  CHECK(sprig_err("semver", {Value("1.2.3-01")}) == "Version segment starts with 0");
  CHECK(sprig_err("semver", {Value("")}) == "Invalid Semantic Version");
  CHECK(sprig_tv("semverCompare", {Value(">=1.2.0"), Value("1.3.0")}) == "bool|true");
  CHECK(sprig_tv("semverCompare", {Value("^1.2"), Value("2.0.0")}) == "bool|false");
  CHECK(sprig_tv("semverCompare", {Value("~1.2.3"), Value("1.2.9")}) == "bool|true");
  CHECK(sprig_tv("semverCompare", {Value(">1.0.0-0"), Value("1.0.1-beta")}) == "bool|true");
  CHECK(sprig_tv("semverCompare", {Value(">= 1.2, < 2 || ^3.1"), Value("3.5.0")}) == "bool|true");
  CHECK(sprig_tv("semverCompare", {Value("1.x"), Value("1.9.9")}) == "bool|true");
  CHECK(sprig_err("semverCompare", {Value("bad"), Value("1.0.0")}) == "improper constraint: bad");
  CHECK(sprig_err("semverCompare", {Value(">1.0"), Value("bad")}) == "Invalid Semantic Version");
  CHECK(sprig_tv("semverCompare", {Value(">=1.21-0"), Value("v1.25.3-eks-123")}) == "bool|true");
  CHECK(sprig_tv("semverCompare", {Value("1.0.0 - 2.0.0"), Value("1.5.0")}) == "bool|true");
  CHECK(sprig_err("semverCompare", {Value(""), Value("1.0.0")}) == "improper constraint: ");
}

TEST_CASE("sprig::semver object")
{
  using pave::tmpl::sprint_value;
  Value v = sprig_call("semver", {Value("v1.2.3-beta.1+x")});
  const auto& obj = v.as_object();
  auto m = [&](std::string_view name, std::initializer_list<Value> args = {}) {
    std::vector<Value> a(args);
    auto r = obj.member(name, a);
    REQUIRE(r.has_value());
    return *r;
  };
  // {{ $v.Major }}|{{ $v.Minor }}|... and typeOf $v.Major
  CHECK(sprint_value(m("Major")) == "1");
  CHECK(m("Major").type_name() == "uint64");
  CHECK(sprint_value(m("Minor")) == "2");
  CHECK(sprint_value(m("Patch")) == "3");
  CHECK(sprint_value(m("Prerelease")) == "beta.1");
  CHECK(sprint_value(m("Metadata")) == "x");
  CHECK(sprint_value(m("Original")) == "v1.2.3-beta.1+x");
  CHECK(sprint_value(m("String")) == "1.2.3-beta.1+x");
  // IncPatch/IncMinor/IncMajor return a semver.Version value (struct kind).
  CHECK(sprint_value(m("IncPatch")) == "1.2.3");
  CHECK(sprint_value(m("IncMinor")) == "1.3.0");
  Value major = m("IncMajor");
  CHECK(sprint_value(major) == "2.0.0");
  CHECK(major.type_name() == "semver.Version");
  CHECK(major.kind_name() == "struct");
  CHECK_FALSE(major.as_object().member("Original", {}).has_value());
  CHECK(sprint_value(*major.as_object().member("IncMinor", {})) == "2.1.0");
  Value plain = sprig_call("semver", {Value("1.2.3")});
  CHECK(sprint_value(*plain.as_object().member("IncPatch", {})) == "1.2.4");
  Value other = sprig_call("semver", {Value("1.2.4")});
  std::vector<Value> args{other};
  CHECK(sprint_value(*plain.as_object().member("Compare", args)) == "-1");
  CHECK(plain.as_object().member("Compare", args)->type_name() == "int");
  CHECK(sprint_value(*plain.as_object().member("LessThan", args)) == "true");
  std::vector<Value> pre{Value("rc.1")};
  CHECK(sprint_value(*plain.as_object().member("SetPrerelease", pre)) == "1.2.3-rc.1");
  std::vector<Value> bad{Value("r_c")};
  CHECK_THROWS_WITH_AS(plain.as_object().member("SetPrerelease", bad), "Invalid Prerelease string",
                       pave::tmpl::FunctionError);
}

TEST_CASE("sprig::urls")
{
  CHECK(sprig_tv("urlParse", {Value("https://user:pa%20ss@example.com:8443/a%20b/c?x=1&y=%20#frag%21")}) == "map[string]interface {}|map[fragment:frag! host:example.com:8443 hostname:example.com opaque: path:/a b/c query:x=1&y=%20 scheme:https userinfo:user:pa%20ss]");
  CHECK(sprig_tv("urlParse", {Value("mailto:joe@example.com")}) == "map[string]interface {}|map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("/just/path?q")}) == "map[string]interface {}|map[fragment: host: hostname: opaque: path:/just/path query:q scheme: userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("")}) == "map[string]interface {}|map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("//host/p")}) == "map[string]interface {}|map[fragment: host:host hostname:host opaque: path:/p query: scheme: userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("http://[::1]:80/x")}) == "map[string]interface {}|map[fragment: host:[::1]:80 hostname:::1 opaque: path:/x query: scheme:http userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("HTTP://EXAMPLE.com/%7Efoo")}) == "map[string]interface {}|map[fragment: host:EXAMPLE.com hostname:EXAMPLE.com opaque: path:/~foo query: scheme:http userinfo:]");
  CHECK(sprig_err("urlParse", {Value("http://a b.com/")}) == "unable to parse url: parse \"http://a b.com/\": invalid character \" \" in host name");
  CHECK(sprig_err("urlParse", {Value(":foo")}) == "unable to parse url: parse \":foo\": missing protocol scheme");
  CHECK(sprig_err("urlParse", {Value("http://x/%zz")}) == "unable to parse url: parse \"http://x/%zz\": invalid URL escape \"%zz\"");
  CHECK(sprig_err("urlParse", {Value("http://x:port/")}) == "unable to parse url: parse \"http://x:port/\": invalid port \":port\" after host");
  CHECK(sprig_tv("urlParse", {Value("a:b/c")}) == "map[string]interface {}|map[fragment: host: hostname: opaque:b/c path: query: scheme:a userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("x/a:b")}) == "map[string]interface {}|map[fragment: host: hostname: opaque: path:x/a:b query: scheme: userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("http://h/p?")}) == "map[string]interface {}|map[fragment: host:h hostname:h opaque: path:/p query: scheme:http userinfo:]");
  CHECK(sprig_tv("urlParse", {Value("http://u@h")}) == "map[string]interface {}|map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u]");
  CHECK(sprig_err("urlParse", {Value("http://h/#a%zz")}) == "unable to parse url: parse \"http://h/#a%zz\": invalid URL escape \"%zz\"");
  CHECK(sprig_tv("urlJoin", {Value::map({{"scheme", Value("https")}, {"host", Value("example.com")}, {"path", Value("/a b/c")}, {"query", Value("x=1")}, {"fragment", Value("f g")}, {"userinfo", Value("u:p")}})}) == "string|https://u:p@example.com/a%20b/c?x=1#f%20g");
  CHECK(sprig_tv("urlJoin", {Value::map({{"opaque", Value("joe@example.com")}, {"scheme", Value("mailto")}})}) == "string|mailto:joe@example.com");
  CHECK(sprig_tv("urlJoin", {Value::map()}) == "string|");
  CHECK(sprig_tv("urlJoin", {Value::map({{"path", Value("a:b")}})}) == "string|./a:b");
  CHECK(sprig_tv("urlJoin", {Value::map({{"host", Value("h")}, {"path", Value("p")}})}) == "string|//h/p");
  CHECK(sprig_err("urlJoin", {Value::map({{"scheme", Value(1)}})}) == "unable to parse scheme key, must be of type string, but int found");
  CHECK(sprig_tv("urlJoin", {Value::map({{"userinfo", Value("u@x")}})}) == "string|//u%40x@");
  CHECK(sprig_tv("urlJoin", {Value::map({{"scheme", Value("http")}, {"path", Value("/x?y#z")}})}) == "string|http:///x%3Fy%23z");
  CHECK(sprig_err("urlJoin", {Value::map({{"host", Value()}})}) == "runtime error: invalid memory address or nil pointer dereference");
  CHECK(sprig_tv("urlJoin", {Value()}) == "string|");
}

TEST_CASE("sprig::add_sprig_functions registers all of Sprig 3.2.3")
{
  // Every name of sprig's genericMap (functions.go) except env and expandenv,
  // which Helm removes, and toJson, fromJson, mustToJson, which Helm replaces.
  const char* names[] = {
    "abbrev", "abbrevboth", "add", "add1", "add1f", "addf", "adler32sum", "ago", "all", "any", "append",
    "atoi", "b32dec", "b32enc", "b64dec", "b64enc", "base", "bcrypt", "biggest", "buildCustomCert",
    "camelcase", "cat", "ceil", "chunk", "clean", "coalesce", "compact", "concat", "contains", "date",
    "dateInZone", "dateModify", "date_in_zone", "date_modify", "decryptAES", "deepCopy", "deepEqual",
    "default", "derivePassword", "dict", "dig", "dir", "div", "divf", "duration", "durationRound", "empty",
    "encryptAES", "ext", "fail", "first", "float64", "floor", "genCA", "genCAWithKey", "genPrivateKey",
    "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "get",
    "getHostByName", "has", "hasKey", "hasPrefix", "hasSuffix", "hello", "htmlDate", "htmlDateInZone",
    "htpasswd", "indent", "initial", "initials", "int", "int64", "isAbs", "join", "kebabcase", "keys",
    "kindIs", "kindOf", "last", "list", "lower", "max", "maxf", "merge", "mergeOverwrite", "min", "minf",
    "mod", "mul", "mulf", "mustAppend", "mustChunk", "mustCompact", "mustDateModify", "mustDeepCopy",
    "mustFirst", "mustFromJson", "mustHas", "mustInitial", "mustLast", "mustMerge", "mustMergeOverwrite",
    "mustPrepend", "mustPush", "mustRegexFind", "mustRegexFindAll", "mustRegexMatch", "mustRegexReplaceAll",
    "mustRegexReplaceAllLiteral", "mustRegexSplit", "mustRest", "mustReverse", "mustSlice", "mustToDate",
    "mustToPrettyJson", "mustToRawJson", "mustUniq", "mustWithout", "must_date_modify", "nindent", "nospace",
    "now", "omit", "osBase", "osClean", "osDir", "osExt", "osIsAbs", "pick", "pluck", "plural", "prepend",
    "push", "quote", "randAlpha", "randAlphaNum", "randAscii", "randBytes", "randInt", "randNumeric",
    "regexFind", "regexFindAll", "regexMatch", "regexQuoteMeta", "regexReplaceAll", "regexReplaceAllLiteral",
    "regexSplit", "repeat", "replace", "rest", "reverse", "round", "semver", "semverCompare", "seq", "set",
    "sha1sum", "sha256sum", "shuffle", "slice", "snakecase", "sortAlpha", "split", "splitList", "splitn",
    "squote", "sub", "subf", "substr", "swapcase", "ternary", "title", "toDate", "toDecimal", "toPrettyJson",
    "toRawJson", "toString", "toStrings", "trim", "trimAll", "trimPrefix", "trimSuffix", "trimall", "trunc",
    "tuple", "typeIs", "typeIsLike", "typeOf", "uniq", "unixEpoch", "unset", "until", "untilStep", "untitle",
    "upper", "urlJoin", "urlParse", "uuidv4", "values", "without", "wrap", "wrapWith",
  };
  const auto& table = pave::test::sprig_table();
  for (const char* name : names) {
    CHECK_MESSAGE(table.contains(name), name);
  }
  for (const char* name : {"env", "expandenv", "toJson", "fromJson", "mustToJson"}) {
    CHECK_FALSE(table.contains(name));
  }
}
