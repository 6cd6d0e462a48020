#include <doctest/doctest.h>

#include <pave/failover/journal.hpp>
#include <pave/failover/runbook.hpp>

#include "testutil.hpp"

using namespace pave;

namespace {

failover::Journal journal()
{
  failover::Journal j;
  j.id = "run-1";
  j.operation = "failover";
  j.environment = "prod";
  j.from = "primary";
  j.to = "secondary";
  j.started = "2026-01-02T03:04:05Z";
  j.started_ms = 1767323045000;
  return j;
}

/// Five steps that count their runs; step `fail_at` fails once.
struct Counter
{
  std::vector<int> runs = std::vector<int>(5, 0);
  int fail_at = 0;
  std::vector<failover::Step> steps()
  {
    std::vector<failover::Step> out;
    for (int i = 0; i < 5; ++i) {
      out.push_back({"step " + std::to_string(i + 1), [this, i](const failover::Journal& j) -> util::Result<failover::StepOutcome> {
                       ++runs[static_cast<std::size_t>(i)];
                       if (fail_at == i + 1) {
                         fail_at = 0;
                         return util::fail("boom");
                       }
                       failover::StepOutcome o;
                       o.detail = "saw " + std::to_string(j.steps.size()) + " earlier steps";
                       o.data["n"] = i + 1;
                       return o;
                     }});
    }
    return out;
  }
};

} // namespace

TEST_CASE("failover::serialize_journal / parse_journal")
{
  auto j = journal();
  j.steps.push_back({1, "confirm", "done", "2026-01-02T03:04:05Z", 412, "3 of 3 probes failed", {{"k", 1}}});
  const auto text = failover::serialize_journal(j);
  auto back = failover::parse_journal(text, "j.json");
  REQUIRE(back);
  CHECK(*back == j);
  CHECK(back->next_step() == 2);

  CHECK(failover::parse_journal("{", "j.json").error().message ==
        "failover journal j.json is corrupt: not JSON (syntax error at byte 2) (remove it to start over)");
  CHECK(failover::parse_journal(R"({"step": 1e99999})", "j.json").error().message ==
        "failover journal j.json is corrupt: not JSON ([json.exception.out_of_range.406] number overflow parsing "
        "'1e99999') (remove it to start over)");
  CHECK(failover::parse_journal(R"({"format_version": 9})", "j.json").error().message ==
        "failover journal j.json has format 9; this pave reads format 1");
  auto doc = nlohmann::json::parse(text);
  doc["steps"][0]["number"] = 2;
  CHECK(failover::parse_journal(doc.dump(), "j.json").error().message ==
        "failover journal j.json is corrupt: step 2 recorded out of order (remove it to start over)");
  // Numbers that are not integers, or do not fit, are corrupt fields, not converted (fuzz finding:
  // json::get<long long>() on 1e300 is undefined behaviour).
  doc = nlohmann::json::parse(text);
  doc["started_ms"] = 1e300;
  CHECK(failover::parse_journal(doc.dump(), "j.json").error().message ==
        "failover journal j.json is corrupt: [json.exception.type_error.302] started_ms must be an integer "
        "(remove it to start over)");
  doc = nlohmann::json::parse(text);
  doc["steps"][0]["duration_ms"] = 2.5;
  CHECK_FALSE(failover::parse_journal(doc.dump(), "j.json"));
  doc = nlohmann::json::parse(text);
  doc["steps"][0]["number"] = 4294967297ULL; // would wrap to 1 as an int
  CHECK_FALSE(failover::parse_journal(doc.dump(), "j.json"));
  doc = nlohmann::json::parse(text);
  doc["format_version"] = 1.0;
  CHECK(failover::parse_journal(doc.dump(), "j.json").error().message ==
        "failover journal j.json is corrupt: no integer format_version (remove it to start over)");
}

TEST_CASE("failover::run_steps")
{
  test::TestContext ctx;
  failover::RunbookOptions o;
  o.journal_path = ctx.dir() / "j" / "prod.journal.json";
  o.audit_path = ctx.dir() / "j" / "prod.audit.jsonl";

  SUBCASE("runs every step, persisting the journal after each")
  {
    Counter c;
    auto j = journal();
    std::vector<std::string> seen;
    failover::RunbookHooks hooks;
    hooks.on_done = [&](const failover::StepRecord& s, int total, bool resumed) {
      CHECK(total == 5);
      CHECK_FALSE(resumed);
      auto on_disk = failover::read_journal(o.journal_path);
      REQUIRE(on_disk);
      REQUIRE(*on_disk);
      CHECK((*on_disk)->steps.size() == static_cast<std::size_t>(s.number)); // written before the hook
      seen.push_back(s.name);
    };
    auto r = failover::run_steps(j, c.steps(), o, hooks);
    REQUIRE(r);
    CHECK(*r == failover::RunbookEnd::completed);
    CHECK(c.runs == std::vector<int>{1, 1, 1, 1, 1});
    CHECK(seen.size() == 5);
    CHECK(j.steps[4].detail == "saw 4 earlier steps");
    CHECK(j.steps[2].data["n"] == 3);
    const auto audit = test::read_file(o.audit_path);
    CHECK(std::count(audit.begin(), audit.end(), '\n') == 5);
  }
  SUBCASE("stop_after pauses, and a resume starts at the next step without repeating")
  {
    Counter c;
    auto j = journal();
    o.stop_after = 2;
    auto r = failover::run_steps(j, c.steps(), o, {});
    REQUIRE(r);
    CHECK(*r == failover::RunbookEnd::stopped);
    CHECK(c.runs == std::vector<int>{1, 1, 0, 0, 0});

    // A new process: the journal from disk.
    auto loaded = failover::read_journal(o.journal_path);
    REQUIRE(loaded);
    REQUIRE(*loaded);
    CHECK((*loaded)->next_step() == 3);
    std::vector<std::pair<int, bool>> done;
    failover::RunbookHooks hooks;
    hooks.on_done = [&](const failover::StepRecord& s, int, bool resumed) { done.emplace_back(s.number, resumed); };
    o.stop_after = 0;
    auto j2 = **loaded;
    r = failover::run_steps(j2, c.steps(), o, hooks);
    REQUIRE(r);
    CHECK(*r == failover::RunbookEnd::completed);
    CHECK(c.runs == std::vector<int>{1, 1, 1, 1, 1});
    CHECK(done == std::vector<std::pair<int, bool>>{{1, true}, {2, true}, {3, false}, {4, false}, {5, false}});
  }
  SUBCASE("a failing step keeps the steps before it; the resume runs it again")
  {
    Counter c;
    c.fail_at = 4;
    auto j = journal();
    auto r = failover::run_steps(j, c.steps(), o, {});
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "step 4 (step 4) failed: boom");
    auto loaded = failover::read_journal(o.journal_path);
    REQUIRE(loaded);
    CHECK((*loaded)->steps.size() == 3);
    auto j2 = **loaded;
    r = failover::run_steps(j2, c.steps(), o, {});
    REQUIRE(r);
    CHECK(c.runs == std::vector<int>{1, 1, 1, 2, 1});
    CHECK(test::read_file(o.audit_path).find("\"status\":\"failed\"") != std::string::npos);
  }
  SUBCASE("a journal with more steps than the runbook is refused")
  {
    Counter c;
    auto j = journal();
    for (int i = 1; i <= 6; ++i) {
      j.steps.push_back({i, "s", "done", "", 0, "", nlohmann::json::object()});
    }
    auto r = failover::run_steps(j, c.steps(), o, {});
    REQUIRE_FALSE(r);
    CHECK(c.runs == std::vector<int>{0, 0, 0, 0, 0});
  }
}
