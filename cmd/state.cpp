// pave state: the group of state inspection and surgery commands, one file each.
#include <CLI/CLI.hpp>

#include "cmd/commands.hpp"

namespace pave::cmd {

void setup_state(CLI::App& app, cli::Context& ctx)
{
  app.require_subcommand(1);
  setup_state_list(*app.add_subcommand("list", "List the resources recorded in the state"), ctx);
  setup_state_show(*app.add_subcommand("show", "Print the recorded object of one resource"), ctx);
  setup_state_rm(*app.add_subcommand("rm", "Forget resources without deleting the live objects"), ctx);
  setup_state_pull(*app.add_subcommand("pull", "Print the state file on stdout"), ctx);
  setup_state_push(*app.add_subcommand("push", "Replace the state with a state file"), ctx);
  setup_state_unlock(*app.add_subcommand("unlock", "Break a state lock that its holder cannot release"), ctx);
  setup_state_migrate(*app.add_subcommand("migrate", "Move the state to another backend (local <-> S3)"), ctx);
}

} // namespace pave::cmd
