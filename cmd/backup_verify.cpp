// pave backup verify ID: thin adapter over actions::backup_verify.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <pave/actions/backup_verify.hpp>
#include <pave/cli/context.hpp>
#include <pave/cli/output.hpp>
#include <pave/cli/run.hpp>
#include <pave/util/heap.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_backup_verify(CLI::App& app, cli::Context& ctx)
{
  auto o = std::make_shared<actions::BackupVerifyOptions>();
  app.add_option("ID", o->id, "The backup (see pave backup list)")->required();
  add_backup_destination_flags(app, o->dest.destination, o->dest.key_file);
  app.footer("\nExamples:\n  pave backup verify prod-20261121T020000Z -e prod\n");
  cli::on_run(app, ctx, [o, &ctx] {
    const auto* project = util::value_or_throw(ctx.project());
    o->environment = ctx.setting("environment");
    util::use_compact_heap(); // upload parts freed on other threads go back to the system at once
    const auto r = util::value_or_throw(actions::backup_verify(*project, *o));
    nlohmann::ordered_json j = backup::to_json(r.info);
    j["verified"] = true;
    j["entries"] = r.entries;
    j["plaintext_bytes"] = r.plaintext_bytes;
    j["seconds"] = r.seconds;
    cli::emit(ctx, j, [&](std::ostream& out) {
      out << fmt::format("Backup {} is intact: {} entries and their SHA-256, every authentication tag, the zstd "
                         "checksum and the archive's SHA-256 ({} bytes) verified in {:.1f} s.\n",
                         r.info.id, r.entries, r.info.size, r.seconds);
    });
  });
}

} // namespace pave::cmd
