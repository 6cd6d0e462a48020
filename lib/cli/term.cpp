#include <pave/cli/term.hpp>

#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace pave::cli {

bool is_terminal(int fd)
{
  return ::isatty(fd) == 1;
}

bool color_enabled(std::string_view setting, int fd)
{
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  if (setting == "always") {
    return true;
  }
  if (setting == "never") {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) {
    return false;
  }
  return is_terminal(fd);
}

} // namespace pave::cli
