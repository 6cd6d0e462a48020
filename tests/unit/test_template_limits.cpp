// Limits: hostile templates end with a clear error, never a crash.
#include <doctest/doctest.h>

#include <string>

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
