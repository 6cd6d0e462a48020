#include <pave/util/exit.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

namespace pave::util {

void exit_now(int code)
{
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__)
  std::exit(code);
#else
  _exit(code);
#endif
}

} // namespace pave::util
