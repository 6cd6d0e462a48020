#include <pave/cli/run.hpp>
#include <pave/util/exit.hpp>

#include "cmd/commands.hpp"

int main(int argc, char** argv)
{
  pave::util::exit_now(pave::cli::run(argc, argv, pave::cmd::commands()));
}
