#include <pave/cli/run.hpp>

#include "cmd/commands.hpp"

int main(int argc, char** argv)
{
  return pave::cli::run(argc, argv, pave::cmd::commands());
}
