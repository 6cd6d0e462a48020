// pave failover status: thin adapter over actions::failover_status.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/failover.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

namespace {

nlohmann::ordered_json event_json(const std::optional<failover::Event>& e)
{
  if (!e) {
    return nullptr;
  }
  nlohmann::ordered_json j;
  j["operation"] = e->operation;
  j["from"] = e->from;
  j["to"] = e->to;
  j["finished"] = e->finished;
  j["rto_ms"] = e->rto_ms;
  j["within_rto"] = e->within_rto();
  j["rehearsal"] = e->dry_run;
  return j;
}

std::string event_line(const std::optional<failover::Event>& e)
{
  if (!e) {
    return "none";
  }
  return fmt::format("{} {} -> {} at {}, RTO {:.2f} s{}{}", e->operation, e->from, e->to, e->finished,
                     static_cast<double>(e->rto_ms) / 1000.0, e->rto_target_ms ? (e->within_rto() ? " (met)" : " (MISSED)") : "",
                     e->dry_run ? " (rehearsal)" : "");
}

std::string values(const std::vector<std::string>& v)
{
  return v.empty() ? "nothing" : util::join(v, ", ");
}

} // namespace

void setup_failover_status(CLI::App& app, cli::Context& ctx)
{
  add_environment_flags(app, ctx, false);
  app.footer("\nExits 5 when something is out of bounds: the active site unhealthy or short of capacity, the "
             "standby unhealthy or missing, DNS not answering the active site, the newest backup older than "
             "the RPO, the last drill over the RTO or older than drill_interval, or an interrupted run.\n\n"
             "Examples:\n  pave failover status -e prod\n  pave failover status -e prod --output json\n");
  cli::on_run(app, ctx, [&ctx] {
    const auto* project = util::value_or_throw(ctx.project());
    const auto s = util::value_or_throw(actions::failover_status(*project, environment_options(ctx)));
    nlohmann::ordered_json j;
    j["record"] = s.record;
    j["type"] = s.type;
    j["active"] = s.active;
    j["sites"] = nlohmann::ordered_json::array();
    cli::Table t({"SITE", "ROLE", "HEALTH", "CAPACITY", "DNS TARGET"});
    for (const auto& site : s.sites) {
      nlohmann::ordered_json sj;
      sj["name"] = site.name;
      sj["role"] = site.role;
      sj["healthy"] = site.health.healthy;
      sj["health"] = site.health.summary();
      sj["endpoints"] = nlohmann::ordered_json::array();
      for (const auto& e : site.health.endpoints) {
        sj["endpoints"].push_back({{"url", e.url}, {"healthy", e.healthy}, {"last", e.last}});
      }
      std::string capacity = "-";
      if (site.readiness) {
        capacity = site.readiness->summary();
      } else if (!site.readiness_error.empty()) {
        capacity = "error: " + site.readiness_error;
      }
      sj["capacity"] = capacity;
      sj["dns_target"] = site.dns_target;
      j["sites"].push_back(std::move(sj));
      t.add({site.name, site.role, site.health.summary(), capacity, site.dns_target});
    }
    j["provider"] = s.provider;
    j["provider_answer"] = s.provider_answer;
    j["provider_error"] = s.provider_error;
    j["nameserver"] = s.nameserver;
    j["dns_answer"] = s.dns_answer;
    j["dns_error"] = s.dns_error;
    j["backup"] = s.backup;
    j["backup_age_ms"] = s.backup_age_ms ? nlohmann::ordered_json(*s.backup_age_ms) : nlohmann::ordered_json(nullptr);
    j["rpo_ms"] = s.rpo_ms ? nlohmann::ordered_json(*s.rpo_ms) : nlohmann::ordered_json(nullptr);
    j["rto_ms"] = s.rto_ms_target ? nlohmann::ordered_json(*s.rto_ms_target) : nlohmann::ordered_json(nullptr);
    j["last_drill"] = event_json(s.last_drill);
    j["last_failover"] = event_json(s.last_failover);
    j["interrupted"] = s.interrupted;
    j["out_of_bounds"] = s.out_of_bounds;
    cli::emit(ctx, j, [&](std::ostream& out) {
      t.print(out, ctx.out_style());
      out << "\nDNS " << s.record << " " << s.type << ": ";
      out << (s.provider_error.empty() ? s.provider + " answers " + values(s.provider_answer) : s.provider_error);
      if (!s.nameserver.empty()) {
        out << "; @" << s.nameserver << " answers " << (s.dns_error.empty() ? values(s.dns_answer) : s.dns_error);
      }
      out << "\nBackup: " << s.backup;
      if (s.rpo_ms) {
        out << " (RPO " << util::format_duration(std::chrono::milliseconds(*s.rpo_ms)) << ")";
      }
      out << "\nLast drill: " << event_line(s.last_drill) << "\nLast failover: " << event_line(s.last_failover)
          << "\n";
      if (s.out_of_bounds.empty()) {
        out << "\nWithin bounds.\n";
      } else {
        out << "\nOut of bounds:\n";
        for (const auto& o : s.out_of_bounds) {
          out << "  - " << o << "\n";
        }
      }
    });
    if (!s.out_of_bounds.empty()) {
      throw util::Fatal(util::Error{fmt::format("failover status: {} out of bounds: {}", s.out_of_bounds.size(),
                                                s.out_of_bounds.front()),
                                    {},
                                    util::ExitCode::out_of_bounds});
    }
  });
}

} // namespace pave::cmd
