// Limits: hostile templates end with a clear error, never a crash.
#include <doctest/doctest.h>

#include <string>

#include <pave/template/exec.hpp>
#include <pave/template/sprig/sprig.hpp>

#include "test_template_support.hpp"

using pave::test::render;
using pave::tmpl::Limits;

namespace {

std::string repeat(std::string_view s, int n)
{
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

const pave::tmpl::FunctionTable& sprig_functions()
{
  static const pave::tmpl::FunctionTable t = [] {
    pave::tmpl::FunctionTable f;
    pave::tmpl::add_sprig_functions(f);
    return f;
  }();
  return t;
}

} // namespace

TEST_CASE("tmpl::Limits template depth")
{
  // Go's maxExecDepth (the message is Go's, for the text as template "t").
  // Not under AddressSanitizer: its redzones make 100,000 nested calls take
  // over 64 MiB of stack, and ASan cannot unwind an exception through that
  // much (google/sanitizers#189); the small limits below still run there.
#if !defined(__SANITIZE_ADDRESS__)
  CHECK(render("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}") ==
        "ERR: template: t:1:25: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (100000)");
#endif
  Limits small;
  small.max_exec_depth = 50;
  CHECK(render("{{define \"r\"}}x{{template \"r\" .}}{{end}}{{template \"r\" .}}", {}, pave::test::no_functions(),
               small) ==
        "ERR: template: t:1:26: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (50)");
  // With a limit of N, N nested calls are fine; the call made at depth N fails.
  const std::string chain = "{{define \"r\"}}{{if lt (len .) 50}}{{template \"r\" (printf \"%sx\" .)}}{{else}}{{len .}}"
                            "{{end}}{{end}}{{template \"r\" \"\"}}";
  small.max_exec_depth = 51;
  CHECK(render(chain, {}, pave::test::no_functions(), small) == "50");
  small.max_exec_depth = 50;
  CHECK(render(chain, {}, pave::test::no_functions(), small) ==
        "ERR: template: t:1:45: executing \"r\" at <{{template \"r\" (printf \"%sx\" .)}}>: exceeded maximum template "
        "depth (50)");
}

TEST_CASE("tmpl::Limits nesting")
{
  // Deep but legal nesting parses and runs (Go has no limit; ours is max_parse_depth).
  CHECK(render("{{" + repeat("(", 5000) + "1" + repeat(")", 5000) + "}}") == "1");
  CHECK(render(repeat("{{if 1}}", 5000) + "x" + repeat("{{end}}", 5000)) == "x");
  CHECK(render(repeat("{{with 1}}", 3000) + "{{.}}" + repeat("{{end}}", 3000)) == "1");
  // Beyond max_parse_depth: a parse error, not a crash.
  CHECK(render("{{" + repeat("(", 10001) + "1" + repeat(")", 10001) + "}}") ==
        "ERR: template: t:1: max expression depth exceeded");
  CHECK(render(repeat("{{range .}}", 10001) + repeat("{{end}}", 10001)) ==
        "ERR: template: t:1: max expression depth exceeded");
  Limits small;
  small.max_parse_depth = 10;
  CHECK(render("{{" + repeat("(", 11) + "1" + repeat(")", 11) + "}}", {}, pave::test::no_functions(), small) ==
        "ERR: template: t:1: max expression depth exceeded");
  CHECK(render("{{" + repeat("(", 10) + "1" + repeat(")", 10) + "}}", {}, pave::test::no_functions(), small) == "1");
}

TEST_CASE("tmpl::Limits output")
{
  Limits small;
  small.max_output = 100;
  const auto data = pave::test::json_value(R"({"l": [1,2,3,4,5,6,7,8,9,10,11,12]})");
  CHECK(render("{{range .l}}0123456789{{end}}", data, pave::test::no_functions(), small) ==
        "ERR: template: t:1:12: executing \"t\" at <0123456789>: output exceeds the limit of 100 bytes");
  CHECK(render("{{range .l}}{{printf \"%010d\" 1}}{{end}}", data, pave::test::no_functions(), small) ==
        "ERR: template: t:1:14: executing \"t\" at <{{printf \"%010d\" 1}}>: output exceeds the limit of 100 bytes");
  CHECK(render("{{range .l}}0123456{{end}}", data, pave::test::no_functions(), small).size() == 84);
}

TEST_CASE("tmpl::Limits stack")
{
  // Unbounded recursion through a function that executes templates (like
  // include without Helm's own limit) stops when the stack runs low.
  Limits small;
  small.max_stack = std::size_t(16) << 20;
  const std::string out = render("{{define \"r\"}}{{inc \"r\" .}}{{end}}{{inc \"r\" .}}", {},
                                 pave::test::test_functions(), small);
  // The error passes through every level unwrapped.
  CHECK(out.starts_with("ERR: template: "));
  CHECK(out.ends_with("exceeded maximum nesting depth (stack exhausted)"));
  CHECK(out.size() < 200);
}

TEST_CASE("tmpl::Limits function results")
{
  // Functions that would build a result larger than the output limit fail
  // before allocating it.
  Limits small;
  small.max_output = 1000;
  const auto& f = sprig_functions();
  CHECK(render("{{repeat 99 \"abcdefghij\"}}", {}, f, small).size() == 990);
  CHECK(render("{{repeat 101 \"abcdefghij\"}}", {}, f, small)
            .ends_with("executing \"t\" at <repeat 101 \"abcdefghij\">: error calling repeat: "
                       "result too large: 1010 bytes or items, over the limit of 1000"));
  CHECK(render("{{len (until 1001)}}", {}, f, small)
            .ends_with("executing \"t\" at <until 1001>: error calling until: "
                       "result too large: 1001 bytes or items, over the limit of 1000"));
  CHECK(render("{{len (untilStep 0 -2000 -2)}}", {}, f, small) == "1000");
  CHECK(render("{{seq 1 2 3000}}", {}, f, small).starts_with("ERR: "));
  CHECK(render("{{randAlpha 5000}}", {}, f, small).ends_with("error calling randAlpha: "
                                                           "result too large: 5000 bytes or items, over the limit of 1000"));
  CHECK(render("{{nindent 1000 \"a\"}}", {}, f, small).ends_with("over the limit of 1000"));
  // With the default limit (1 GiB), a hostile repeat is an error, not an out-of-memory crash.
  CHECK(render("{{repeat 100000000000 \"x\"}}", {}, f).ends_with(
      "error calling repeat: result too large: 100000000000 bytes or items, over the limit of 1073741824"));
}

TEST_CASE("tmpl::Limits steps")
{
  Limits small;
  small.max_steps = 1000;
  const auto& f = sprig_functions();
  CHECK(render("{{range until 400}}{{end}}x", {}, f, small) == "x");
  CHECK(render("{{range until 100}}{{range until 100}}{{end}}{{end}}", {}, f, small)
            .ends_with("exceeded the limit of 1000 execution steps"));
}

TEST_CASE("tmpl::Exec spills a large output in pieces, with the same text and limits")
{
  // 40,000 lines of 13 bytes (520,000 bytes), with "<no value>" written as
  // two pieces ("<no " then "value>") every line: a spill must never separate
  // them, or removing "<no value>" afterwards would miss one.
  const auto data = pave::test::json_value(R"({"n": 40000, "v": "value>"})");
  const std::string text = R"({{range $i := until (int .n)}}<no {{$.v}} {{printf "%05d" $i}}
{{end}})";
  const auto& funcs = sprig_functions();
  pave::tmpl::TemplateSet set(funcs);
  REQUIRE(set.parse("t", text));
  std::string whole;
  const auto ran = set.execute("t", data, whole);
  REQUIRE_MESSAGE(ran, (ran ? "" : ran.error().message));
  CHECK(whole.size() == 40000 * 17);

  std::string out;
  std::vector<std::string> spilled;
  const pave::tmpl::Spill keep = [&spilled](std::string&& piece) {
    // A piece is whole when it arrives: the execution has moved past it.
    CHECK(piece.size() >= pave::tmpl::Exec::k_spill_bytes - 9);
    spilled.push_back(std::move(piece));
  };
  REQUIRE(set.execute("t", data, out, &keep));
  CHECK(spilled.size() >= 2);
  std::string joined;
  for (const auto& s : spilled) {
    CHECK(s.size() >= pave::tmpl::Exec::k_spill_bytes - 9);
    CHECK(s.size() <= pave::tmpl::Exec::k_spill_bytes + 19);
    CHECK_FALSE(s.ends_with("<"));
    CHECK_FALSE(s.ends_with("<no "));
    joined += s;
  }
  joined += out;
  CHECK(joined == whole);

  // The output limit counts what was spilled.
  Limits small;
  small.max_output = 600000;
  pave::tmpl::TemplateSet limited(funcs, small);
  REQUIRE(limited.parse("t", text));
  std::string out2;
  std::vector<std::string> spilled2;
  const pave::tmpl::Spill keep2 = [&spilled2](std::string&& piece) { spilled2.push_back(std::move(piece)); };
  const auto r = limited.execute("t", data, out2, &keep2);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("output exceeds the limit of 600000 bytes") != std::string::npos);
}
