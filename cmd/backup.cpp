// pave backup: the group of backup commands, one file each (cmd/backup_*.cpp).
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void add_backup_destination_flags(CLI::App& app, std::string& destination, std::string& key_file)
{
  app.add_option("--destination", destination,
                 "Where backups are kept: s3://BUCKET/PREFIX, file://DIR or a directory (default [backup] destination)");
  app.add_option("--key-file", key_file,
                 "File holding the 32-byte key (64 hex digits or base64); default [backup] key_file, then "
                 "PAVE_BACKUP_KEY, then PAVE_BACKUP_PASSPHRASE");
}

void setup_backup(CLI::App& app, cli::Context& ctx)
{
  app.require_subcommand(1);
  setup_backup_create(*app.add_subcommand("create", "Back up an environment's objects and state"), ctx);
  setup_backup_list(*app.add_subcommand("list", "List backups with age, size, counts and RPO status"), ctx);
  setup_backup_verify(*app.add_subcommand("verify", "Check every hash and authentication tag of a backup"), ctx);
  setup_backup_restore(*app.add_subcommand("restore", "Restore a backup through plan and apply"), ctx);
  setup_backup_prune(*app.add_subcommand("prune", "Delete backups a retention policy does not keep"), ctx);
  setup_backup_schedule(*app.add_subcommand("schedule", "Print a CronJob or CI workflow that runs backups"), ctx);
}

} // namespace pave::cmd
