// The views of `pave failover`, `pave failback` and `pave failover drill`.
#include "cmd/failover_view.hpp"

#include <fmt/format.h>

#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/util/time.hpp>

#include "cmd/env_options.hpp"

namespace pave::cmd {

namespace {

std::string secs(long long ms)
{
  return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000.0);
}

} // namespace

void add_runbook_flags(CLI::App& app, cli::Context& ctx, actions::FailoverOptions& o, bool force)
{
  if (force) {
    app.add_flag("--force", o.force, "Do not require the active site to be unhealthy (failback: the primary healthy)");
  }
  app.add_flag("--dry-run", o.dry_run, "Print the steps with the exact API requests; change nothing");
  app.add_flag("--resume", o.resume, "Continue the interrupted run from its first step not completed");
  app.add_option("--stop-after", o.stop_after,
                 "Pause after step N (1-5), keeping the journal; continue later with --resume")
    ->check(CLI::Range(1, 5));
  add_environment_flags(app, ctx, false);
}

void run_runbook(cli::Context& ctx, actions::FailoverOptions o)
{
  o.env = environment_options(ctx);
  if (o.dry_run && o.resume) {
    throw util::Fatal(util::Error{"--dry-run and --resume cannot be combined", {}, util::ExitCode::usage});
  }
  o.progress = [&ctx](const std::string& line) { ctx.err() << line << "\n" << std::flush; };
  const auto* project = util::value_or_throw(ctx.project());
  const auto r = util::value_or_throw(actions::run_failover(*project, o));
  nlohmann::ordered_json j;
  j["operation"] = r.operation;
  j["from"] = r.from;
  j["to"] = r.to;
  j["record"] = r.record;
  j["provider"] = r.provider;
  j["dry_run"] = r.dry_run;
  j["rehearsal"] = r.rehearsal;
  j["nothing_to_do"] = r.nothing_to_do;
  j["stopped"] = r.stopped;
  j["run_id"] = r.run_id;
  j["steps"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    nlohmann::ordered_json sj;
    sj["number"] = s.number;
    sj["name"] = s.name;
    sj["status"] = s.status;
    sj["duration_ms"] = s.duration_ms;
    sj["detail"] = s.detail;
    sj["resumed"] = static_cast<bool>(r.resumed[i]);
    j["steps"].push_back(std::move(sj));
  }
  if (r.dry_run) {
    j["plan"] = nlohmann::ordered_json::array();
    for (const auto& p : r.plan) {
      j["plan"].push_back({{"number", p.number}, {"name", p.name}, {"requests", p.requests}, {"note", p.note}});
    }
  }
  j["rto_ms"] = r.stopped || r.dry_run || r.nothing_to_do ? nlohmann::ordered_json(nullptr)
                                                         : nlohmann::ordered_json(r.rto_ms);
  j["rto_target_ms"] = r.rto_target_ms ? nlohmann::ordered_json(*r.rto_target_ms) : nlohmann::ordered_json(nullptr);
  cli::emit(ctx, j, [&](std::ostream& out) {
    if (r.nothing_to_do) {
      out << r.to << " is already the active site of " << r.record << "; nothing to do.\n";
      return;
    }
    if (r.dry_run) {
      out << "Dry run of " << r.operation << " " << r.from << " -> " << r.to << " (" << r.record << ", "
          << r.provider << "); nothing is changed.\n";
      for (const auto& p : r.plan) {
        out << "\nStep " << p.number << ": " << p.name << "\n";
        for (const auto& q : p.requests) {
          out << "  " << q << "\n";
        }
        if (!p.note.empty()) {
          out << "  (" << p.note << ")\n";
        }
      }
      return;
    }
    if (r.stopped) {
      out << "Paused after step " << r.steps.size() << " of 6 as asked (--stop-after); continue with --resume.\n";
      return;
    }
    out << (r.operation == "drill" ? (r.rehearsal ? "Drill (rehearsal, nothing changed)" : "Drill") : "Switched")
        << " " << r.record << ": " << r.from << " -> " << r.to << "\n";
    for (const auto& s : r.steps) {
      out << fmt::format("  {}. {:<48} {:>9}  {}\n", s.number, s.name, secs(s.duration_ms), s.status);
    }
    out << "RTO: " << secs(r.rto_ms);
    if (r.rto_target_ms) {
      out << " (target " << util::format_duration(std::chrono::milliseconds(*r.rto_target_ms)) << ", "
          << (r.rto_ms <= *r.rto_target_ms ? "met" : "MISSED") << ")";
    }
    out << "\n";
  });
  if (!r.dry_run && !r.stopped && !r.nothing_to_do && r.rto_target_ms && r.rto_ms > *r.rto_target_ms) {
    ctx.err() << "pave: warning: the RTO of " << secs(r.rto_ms) << " exceeds the target of "
              << util::format_duration(std::chrono::milliseconds(*r.rto_target_ms)) << "\n";
  }
}

} // namespace pave::cmd
