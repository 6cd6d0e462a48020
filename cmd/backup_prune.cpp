// pave backup prune: thin adapter over actions::backup_prune.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/backup_prune.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/cli/table.hpp>
#include <pave/util/strings.hpp>
#include <pave/util/time.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_backup_prune(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::BackupPruneOptions>();
  auto ttl = std::make_shared<std::string>();
  add_backup_destination_flags(app, o->dest.destination, o->dest.key_file);
  app.add_option("--keep-last", o->policy.keep_last, "Keep the newest N backups")->check(CLI::NonNegativeNumber);
  app.add_option("--keep-daily", o->policy.keep_daily, "Keep the newest backup of each of the last N days")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--keep-weekly", o->policy.keep_weekly, "Keep the newest backup of each of the last N weeks")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--keep-monthly", o->policy.keep_monthly, "Keep the newest backup of each of the last N months")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--ttl", *ttl, "Delete backups older than this (e.g. 720h), whatever the keep rules say");
  app.add_flag("--dry-run", o->dry_run, "Show what would be deleted; delete nothing");
  app.footer("\nWithout flags the policy comes from [backup] keep_* and ttl; with none at all prune refuses (exit 2)."
             "\n\nExamples:\n  pave backup prune -e prod --keep-daily 7 --keep-weekly 4 --dry-run\n"
             "  pave backup prune -e prod --keep-last 3 --ttl 2160h\n");
  cli::on_run(app, ctx, [o, ttl, &ctx] {
    const auto* project = util::value_or_throw(ctx.project());
    o->environment = ctx.setting("environment");
    if (!ttl->empty()) {
      o->policy.ttl = util::value_or_throw(util::parse_duration(*ttl), "--ttl: ");
    }
    const auto r = util::value_or_throw(actions::backup_prune(*project, *o, std::chrono::system_clock::now()));
    nlohmann::ordered_json j;
    j["destination"] = r.destination;
    j["dry_run"] = o->dry_run;
    j["removed"] = r.removed;
    j["backups"] = nlohmann::ordered_json::array();
    cli::Table t({"ID", "DECISION", "WHY"});
    int drop = 0;
    for (const auto& d : r.decisions) {
      j["backups"].push_back({{"id", d.id}, {"keep", d.keep}, {"reasons", d.reasons}});
      t.add({d.id, d.keep ? "keep" : (o->dry_run ? "would delete" : "deleted"), util::join(d.reasons, ", ")});
      drop += d.keep ? 0 : 1;
    }
    cli::emit(ctx, j, [&](std::ostream& out) {
      if (t.empty()) {
        out << "No backups of " << o->environment << " in " << r.destination << ".\n";
        return;
      }
      t.print(out, ctx.out_style());
      out << fmt::format("{} {} backup(s), kept {}.\n", o->dry_run ? "Would delete" : "Deleted", drop,
                         r.decisions.size() - static_cast<std::size_t>(drop));
    });
  });
}

} // namespace pave::cmd
