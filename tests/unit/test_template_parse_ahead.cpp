// ParseAhead: texts parsed on a background thread before they are asked for,
// and TemplateSet::parse_all taking them from it. What it hands back must be
// exactly what a parse at that point would give: the same trees, the same
// errors, and nothing for a text or name it was not given.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include <pave/template/parse_ahead.hpp>

#include "test_template_support.hpp"

using pave::tmpl::ParseAhead;
using pave::tmpl::ParsedTrees;
using pave::tmpl::TemplateSet;
using pave::util::SharedBytes;
using Claim = ParseAhead::Claim;

namespace {

/// The names of the trees of a parse, the main one last, or "ERR: message".
std::string describe(const ParsedTrees& trees)
{
  if (!trees) {
    return "ERR: " + trees.error().message;
  }
  std::string out;
  for (const auto& t : *trees) {
    out += t->name + ";";
  }
  return out;
}

/// Template text of about `kib` KiB that defines `define_name`.
std::string text_of(std::size_t kib, const std::string& define_name)
{
  std::string s;
  while (s.size() < kib * 1024) {
    s += "{{ if .a }}{{ .b | printf \"%v\" | len }}{{ end }}\n";
  }
  return s + "{{ define \"" + define_name + "\" }}" + define_name + "{{ end }}";
}

} // namespace

TEST_CASE("tmpl::ParseAhead hands back the parse of the very text and name it was given")
{
  const auto& funcs = pave::test::test_functions();
  ParseAhead ahead(funcs, {});
  // 3 x 20 KiB: enough that the background thread starts.
  const SharedBytes a(text_of(20, "da"));
  const SharedBytes b(text_of(20, "db"));
  const SharedBytes c(text_of(20, "dc"));
  const SharedBytes bad("x{{ if }}");
  ahead.submit("t/a.yaml", a);
  ahead.submit("t/b.yaml", b);
  ahead.submit("t/c.yaml", c);
  ahead.submit("t/bad.yaml", bad);

  ParsedTrees got;
  REQUIRE(ahead.take("t/a.yaml", a, got, true) == Claim::taken);
  CHECK(describe(got) == describe(pave::tmpl::parse_text("t/a.yaml", a, funcs, {})));
  CHECK(describe(got) == "da;t/a.yaml;");
  // The same bytes elsewhere, or the same text under another name, were not parsed.
  const std::string b_copy(b.view());
  CHECK(ahead.take("t/b.yaml", b_copy, got, true) == Claim::absent);
  CHECK(ahead.take("t/renamed.yaml", c, got, true) == Claim::absent);
  CHECK(ahead.take("t/b.yaml", b, got, true) == Claim::taken);
  CHECK(describe(got) == "db;t/b.yaml;");
  // Errors come back as the parse gives them.
  REQUIRE(ahead.take("t/bad.yaml", bad, got, true) == Claim::taken);
  CHECK(describe(got) == "ERR: template: t/bad.yaml:1: missing value for if");
  CHECK(describe(got) == describe(pave::tmpl::parse_text("t/bad.yaml", bad, funcs, {})));
  // Each result is handed over once.
  CHECK(ahead.take("t/a.yaml", a, got, true) == Claim::absent);
  CHECK(ahead.take("t/c.yaml", c, got, true) == Claim::taken);
  CHECK(describe(got) == "dc;t/c.yaml;");
}

TEST_CASE("tmpl::ParseAhead: without waiting a text being parsed is busy; cancel drops the queued ones")
{
  const auto& funcs = pave::test::test_functions();
  ParseAhead ahead(funcs, {});
  std::vector<SharedBytes> texts;
  for (int i = 0; i < 8; ++i) {
    texts.emplace_back(text_of(40, fmt::format("d{}", i)));
    ahead.submit(fmt::format("t/{}.yaml", i), texts.back());
  }
  ParsedTrees got;
  int busy = 0;
  int taken = 0;
  for (int i = 0; i < 8; ++i) {
    const Claim c = ahead.take(fmt::format("t/{}.yaml", i), texts[static_cast<std::size_t>(i)], got, false);
    CHECK(c != Claim::absent);
    busy += c == Claim::busy;
    taken += c == Claim::taken;
  }
  CHECK(busy + taken == 8);
  int taken_now = 0;
  for (int i = 0; i < 8; ++i) {
    const Claim c = ahead.take(fmt::format("t/{}.yaml", i), texts[static_cast<std::size_t>(i)], got, true);
    // Taken before, or (a busy one) now.
    if (c == Claim::taken) {
      ++taken_now;
      CHECK(describe(got) == fmt::format("d{};t/{}.yaml;", i, i));
    } else {
      CHECK(c == Claim::absent);
    }
  }
  CHECK(taken_now == busy);

  ParseAhead cancelled(funcs, {});
  const SharedBytes small("{{ define \"s\" }}s{{ end }}");
  cancelled.submit("t/s.yaml", small); // too little text to start the thread: stays queued
  cancelled.cancel();
  CHECK(cancelled.take("t/s.yaml", small, got, true) == Claim::absent);
}

TEST_CASE("tmpl::TemplateSet::parse_all with ParseAhead gives what parse_all alone gives")
{
  const auto& funcs = pave::test::test_functions();
  std::vector<std::string> names;
  std::vector<SharedBytes> texts;
  for (int i = 0; i < 12; ++i) {
    names.push_back(fmt::format("t{}.yaml", 100 + i));
    texts.emplace_back(text_of(static_cast<std::size_t>(4 + i), "x"));
  }
  names.push_back("main.yaml");
  texts.emplace_back("v={{ template \"x\" }}");
  std::vector<TemplateSet::Source> sources;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    sources.push_back({names[i], texts[i]});
  }
  auto run_main = [](TemplateSet& set) {
    std::string out;
    auto r = set.execute("main.yaml", {}, out);
    return r ? out : "ERR: " + r.error().message;
  };
  SUBCASE("every text submitted, one under another name, one not at all")
  {
    ParseAhead ahead(funcs, {});
    for (std::size_t i = 0; i + 1 < texts.size(); ++i) {
      ahead.submit(i == 5 ? "renamed.yaml" : names[i], texts[i]);
    }
    TemplateSet set(funcs);
    REQUIRE(set.parse_all(sources, nullptr, 2, &ahead));
    CHECK(run_main(set) == "v=x");
    CHECK(set.has("t105.yaml"));
    CHECK_FALSE(set.has("renamed.yaml"));
  }
  SUBCASE("the first failing source by order is reported")
  {
    texts[3] = SharedBytes(texts[3].str() + "{{ end }}");
    texts[9] = SharedBytes(texts[9].str() + "{{ if }}");
    sources[3].text = texts[3];
    sources[9].text = texts[9];
    ParseAhead ahead(funcs, {});
    for (std::size_t i = 0; i < texts.size(); ++i) {
      ahead.submit(names[i], texts[i]);
    }
    TemplateSet set(funcs);
    std::size_t failed = 99;
    auto r = set.parse_all(sources, &failed, 2, &ahead);
    REQUIRE_FALSE(r);
    CHECK(failed == 3);
    TemplateSet alone(funcs);
    std::size_t failed_alone = 99;
    auto r_alone = alone.parse_all(sources, &failed_alone);
    REQUIRE_FALSE(r_alone);
    CHECK(failed_alone == 3);
    CHECK(r.error().message == r_alone.error().message);
    CHECK(r.error().message.starts_with("template: t103.yaml:"));
    CHECK_FALSE(set.has("x"));
  }
}
