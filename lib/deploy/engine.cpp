#include <pave/deploy/engine.hpp>

#include <mutex>

#include <fmt/format.h>

#include <pave/util/parallel.hpp>

namespace pave::deploy {

namespace {

using plan::Action;

/// Runs one change; returns the error text or "".
std::string run_change(targets::Target& target, const plan::Change& c, const Options& options, Outcome& out)
{
  targets::ApplyOptions ao;
  ao.force_conflicts = options.force_conflicts;
  if (c.action == Action::remove) {
    auto r = target.remove(c.ref);
    return r ? "" : r.error().message;
  }
  if (c.action == Action::replace) {
    if (auto r = target.remove(c.ref); !r) {
      return r.error().message;
    }
  }
  auto r = target.apply(c.desired, ao);
  if (!r) {
    return r.error().message;
  }
  out.applied = c.desired;
  return "";
}

/// Applies the changes of one wave, target.concurrency() at once.
void run_wave(targets::Target& target, const std::vector<const plan::Change*>& wave, const Options& options,
              std::vector<Outcome>& outcomes, const std::function<void(const Event&)>& on_event)
{
  std::mutex mutex;
  const std::size_t base = outcomes.size();
  outcomes.resize(base + wave.size());
  util::parallel_for(wave.size(), target.concurrency(), [&](std::size_t i) {
    const plan::Change& c = *wave[i];
    Outcome& out = outcomes[base + i];
    out.address = c.address;
    out.action = c.action;
    out.error = run_change(target, c, options, out);
    out.done = out.error.empty();
    const std::lock_guard lock(mutex);
    if (on_event) {
      if (!out.done) {
        on_event({Event::Kind::failed, c.address, out.error});
      } else {
        on_event({c.action == Action::remove ? Event::Kind::deleted : Event::Kind::applied, c.address,
                  std::string(plan::to_string(c.action))});
      }
    }
  });
}

/// Waits until every applied workload has rolled out, one fails, or time runs out.
void wait_rollouts(targets::Target& target, const std::vector<plan::ObjectRef>& workloads, const Options& options,
                   util::Clock& clock, Report& report, const std::function<void(const Event&)>& on_event)
{
  std::vector<plan::ObjectRef> pending = workloads;
  const auto deadline = clock.now() + options.timeout;
  std::map<std::string, std::string> last_message;
  while (!pending.empty()) {
    std::vector<plan::ObjectRef> still;
    auto states = target.rollouts(pending);
    if (!states) {
      report.failed = true;
      report.failure = fmt::format("reading rollout status: {}", states.error().message);
      return;
    }
    for (const auto& ref : pending) {
      const targets::Rollout& r = (*states)[ref.address()];
      if (r.failed) {
        report.failed = true;
        report.failure = fmt::format("{} failed to roll out: {}", ref.display(), r.message);
        if (on_event) {
          on_event({Event::Kind::failed, ref.address(), r.message});
        }
        return;
      }
      if (r.done) {
        if (on_event) {
          on_event({Event::Kind::ready, ref.address(), r.message});
        }
        continue;
      }
      if (on_event && last_message[ref.address()] != r.message) {
        on_event({Event::Kind::waiting, ref.address(), r.message});
      }
      last_message[ref.address()] = r.message;
      still.push_back(ref);
    }
    pending = std::move(still);
    if (pending.empty()) {
      break;
    }
    if (clock.now() >= deadline) {
      report.failed = true;
      report.failure = fmt::format("timed out after {}s waiting for {} to roll out ({})",
                                   std::chrono::duration_cast<std::chrono::seconds>(options.timeout).count(),
                                   pending.front().display(), last_message[pending.front().address()]);
      return;
    }
    clock.sleep_for(options.poll);
  }
}

} // namespace

bool is_workload(std::string_view kind)
{
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "Job";
}

Report apply(targets::Target& target, const plan::Plan& p, const Options& options, util::Clock& clock,
             const std::function<void(const Event&)>& on_event)
{
  Report report;
  const auto start = clock.now();
  std::vector<plan::ObjectRef> workloads;
  std::size_t i = 0;
  while (i < p.changes.size() && !report.failed) {
    const int wave_number = p.changes[i].wave;
    std::vector<const plan::Change*> wave;
    for (; i < p.changes.size() && p.changes[i].wave == wave_number; ++i) {
      const auto& c = p.changes[i];
      if (c.action != Action::noop && !(c.action == Action::remove && c.forget_only)) {
        wave.push_back(&c);
      }
    }
    if (wave.empty()) {
      continue;
    }
    const std::size_t first = report.outcomes.size();
    run_wave(target, wave, options, report.outcomes, on_event);
    for (std::size_t k = first; k < report.outcomes.size(); ++k) {
      const auto& out = report.outcomes[k];
      if (!out.done && !report.failed) {
        report.failed = true;
        report.failure = fmt::format("{}: {}", wave[k - first]->ref.display(), out.error);
      }
      if (out.done && out.action != Action::remove && is_workload(wave[k - first]->ref.kind)) {
        workloads.push_back(wave[k - first]->ref);
      }
    }
  }
  if (!report.failed && options.wait && !workloads.empty()) {
    wait_rollouts(target, workloads, options, clock, report, on_event);
  }
  report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(clock.now() - start);
  return report;
}

} // namespace pave::deploy
