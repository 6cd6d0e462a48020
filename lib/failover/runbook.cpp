#include <pave/failover/runbook.hpp>

#include <chrono>

#include <pave/failover/audit.hpp>
#include <pave/util/time.hpp>

namespace pave::failover {

util::Result<RunbookEnd> run_steps(Journal& j, const std::vector<Step>& steps, const RunbookOptions& options,
                                   const RunbookHooks& hooks)
{
  const int total = static_cast<int>(steps.size());
  if (j.next_step() > total + 1) {
    return util::fail("failover journal {} records {} steps, but the runbook has {}", options.journal_path.string(),
                      j.steps.size(), total);
  }
  for (const auto& done : j.steps) {
    if (hooks.on_done) {
      hooks.on_done(done, total, true);
    }
  }
  for (int n = j.next_step(); n <= total; ++n) {
    const Step& step = steps[static_cast<std::size_t>(n - 1)];
    if (hooks.on_start) {
      hooks.on_start(n, total, step.name);
    }
    StepRecord rec;
    rec.number = n;
    rec.name = step.name;
    rec.started = util::now_rfc3339();
    const auto t0 = std::chrono::steady_clock::now();
    auto outcome = step.run(j);
    rec.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    if (!outcome) {
      (void)append_audit(options.audit_path, {{"run", j.id},
                                              {"operation", j.operation},
                                              {"step", n},
                                              {"name", step.name},
                                              {"status", "failed"},
                                              {"duration_ms", rec.duration_ms},
                                              {"error", outcome.error().message}});
      util::Error e = outcome.error();
      e.message = "step " + std::to_string(n) + " (" + step.name + ") failed: " + e.message;
      return std::unexpected(std::move(e));
    }
    rec.status = outcome->status;
    rec.detail = outcome->detail;
    rec.data = std::move(outcome->data);
    j.steps.push_back(rec);
    PAVE_TRY(write_journal(options.journal_path, j));
    PAVE_TRY(append_audit(options.audit_path, {{"run", j.id},
                                               {"operation", j.operation},
                                               {"step", n},
                                               {"name", step.name},
                                               {"status", rec.status},
                                               {"duration_ms", rec.duration_ms},
                                               {"detail", rec.detail}}));
    if (hooks.on_done) {
      hooks.on_done(rec, total, false);
    }
    if (options.stop_after == n && n < total) {
      return RunbookEnd::stopped;
    }
  }
  return RunbookEnd::completed;
}

} // namespace pave::failover
