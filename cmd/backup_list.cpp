// pave backup list: thin adapter over actions::backup_list.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/backup_list.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"
#include "cmd/env_options.hpp"

namespace pave::cmd {

namespace {

std::string human_bytes(std::uint64_t n)
{
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", n) : fmt::format("{:.1f} {}", v, units[u]);
}

std::string age(std::chrono::milliseconds d) { return backup::format_age(d); }

} // namespace

void setup_backup_list(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::BackupListOptions>();
  auto all = std::make_shared<bool>(false);
  auto rpo = std::make_shared<std::string>();
  add_backup_destination_flags(app, o->dest.destination, o->dest.key_file);
  app.add_flag("--all-environments", *all, "Every environment's backups (RPO checked for each)");
  app.add_option("--rpo", *rpo, "Recovery point objective, e.g. 24h (default [backup] rpo)");
  app.footer("\nExit status: 0, or 5 when the newest backup of an environment is older than the RPO (or there is "
             "none).\n\nExamples:\n  pave backup list -e prod\n  pave backup list --all-environments -o json\n");
  cli::on_run(app, ctx, [o, all, rpo, &ctx] {
    const auto* project = util::value_or_throw(ctx.project());
    o->environment = *all ? "" : ctx.setting("environment");
    if (!rpo->empty()) {
      o->rpo = util::value_or_throw(util::parse_duration(*rpo), "--rpo: ");
    }
    const auto now = std::chrono::system_clock::now();
    const auto r = util::value_or_throw(actions::backup_list(*project, *o, now));
    print_warnings(ctx, r.warnings);
    nlohmann::ordered_json j;
    j["destination"] = r.destination;
    j["backups"] = nlohmann::ordered_json::array();
    cli::Table t({"ID", "ENVIRONMENT", "AGE", "SIZE", "OBJECTS", "NAMESPACES", "STATE", "FILES"});
    for (auto it = r.backups.rbegin(); it != r.backups.rend(); ++it) {
      const auto& b = *it;
      auto bj = backup::to_json(b);
      bj["age_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(now - b.created).count();
      j["backups"].push_back(std::move(bj));
      t.add({b.id, b.environment, age(std::chrono::duration_cast<std::chrono::milliseconds>(now - b.created)),
             human_bytes(b.size), std::to_string(b.counts.resources), std::to_string(b.counts.namespaces),
             b.counts.state ? "yes" : "no", std::to_string(b.counts.files)});
    }
    j["rpo"] = nlohmann::ordered_json::array();
    for (const auto& s : r.rpo) {
      nlohmann::ordered_json sj;
      sj["environment"] = s.environment;
      sj["status"] = s.status;
      sj["newest_age_seconds"] = s.newest_age ? nlohmann::ordered_json(s.newest_age->count() / 1000) : nullptr;
      sj["rpo_seconds"] = s.rpo ? nlohmann::ordered_json(s.rpo->count() / 1000) : nullptr;
      j["rpo"].push_back(std::move(sj));
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (t.empty()) {
        out << "No backups in " << r.destination << ".\n";
      } else {
        t.print(out, ctx.out_style());
      }
      for (const auto& s : r.rpo) {
        const std::string newest = s.newest_age ? age(*s.newest_age) + " old" : "none";
        if (s.status == "unknown") {
          out << fmt::format("RPO {}: not set (newest backup: {}); set [backup] rpo or --rpo\n", s.environment, newest);
        } else {
          out << fmt::format("RPO {}: {} (newest backup: {}, objective {})\n", s.environment,
                             s.status == "ok" ? "ok" : "VIOLATED", newest, backup::format_age(*s.rpo));
        }
      }
    });
    if (r.out_of_bounds()) {
      ctx.exit_code = static_cast<int>(util::ExitCode::out_of_bounds);
    }
  });
}

} // namespace pave::cmd
