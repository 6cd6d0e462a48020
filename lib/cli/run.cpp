#include <pave/cli/run.hpp>

namespace pave::cli {

int run(int, char**)
{
  return 0;
}

} // namespace pave::cli
