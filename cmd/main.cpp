#include <pave/cli/run.hpp>

int main(int argc, char** argv)
{
  return pave::cli::run(argc, argv);
}
