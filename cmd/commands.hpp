#pragma once
/// The command table and the setup function of each subcommand (one file each).
#include <span>
#include <string>

#include <pave/cli/command.hpp>

namespace pave::cmd {

/// Every subcommand, in `pave --help` order.
std::span<const cli::CommandSpec> commands();

void setup_init(CLI::App& app, cli::Context& ctx);
void setup_render(CLI::App& app, cli::Context& ctx);
void setup_validate(CLI::App& app, cli::Context& ctx);
void setup_plan(CLI::App& app, cli::Context& ctx);
void setup_deploy(CLI::App& app, cli::Context& ctx);
void setup_rollback(CLI::App& app, cli::Context& ctx);
void setup_config(CLI::App& app, cli::Context& ctx);
void setup_demo(CLI::App& app, cli::Context& ctx);
void setup_completion(CLI::App& app, cli::Context& ctx);
void setup_version(CLI::App& app, cli::Context& ctx);
void setup_docs(CLI::App& app, cli::Context& ctx);
void setup_kube(CLI::App& app, cli::Context& ctx);
void setup_state(CLI::App& app, cli::Context& ctx);
void setup_history(CLI::App& app, cli::Context& ctx);
void setup_cost_report(CLI::App& app, cli::Context& ctx);

// Subcommands of `pave state`, one file each (cmd/state_*.cpp).
void setup_state_list(CLI::App& app, cli::Context& ctx);
void setup_state_show(CLI::App& app, cli::Context& ctx);
void setup_state_rm(CLI::App& app, cli::Context& ctx);
void setup_state_pull(CLI::App& app, cli::Context& ctx);
void setup_state_push(CLI::App& app, cli::Context& ctx);
void setup_state_unlock(CLI::App& app, cli::Context& ctx);
void setup_state_migrate(CLI::App& app, cli::Context& ctx);
void setup_aws(CLI::App& app, cli::Context& ctx);
void setup_failover(CLI::App& app, cli::Context& ctx);
void setup_failover_status(CLI::App& app, cli::Context& ctx);
void setup_failover_drill(CLI::App& app, cli::Context& ctx);
void setup_failback(CLI::App& app, cli::Context& ctx);
void setup_backup(CLI::App& app, cli::Context& ctx);

// Subcommands of `pave backup`, one file each (cmd/backup_*.cpp).
void setup_backup_create(CLI::App& app, cli::Context& ctx);
void setup_backup_list(CLI::App& app, cli::Context& ctx);
void setup_backup_verify(CLI::App& app, cli::Context& ctx);
void setup_backup_restore(CLI::App& app, cli::Context& ctx);
void setup_backup_prune(CLI::App& app, cli::Context& ctx);
void setup_backup_schedule(CLI::App& app, cli::Context& ctx);
/// --destination and --key-file, shared by the backup subcommands.
void add_backup_destination_flags(CLI::App& app, std::string& destination, std::string& key_file);

} // namespace pave::cmd
