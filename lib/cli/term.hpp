#pragma once
/// Terminal capabilities and styling: colour only on a TTY, never with
/// NO_COLOR, and as the `color` setting says.
#include <string>
#include <string_view>

namespace pave::cli {

/// Whether to colour output written to file descriptor `fd`, given the
/// `color` setting (auto|always|never). auto = fd is a terminal, TERM is not
/// "dumb", and NO_COLOR is unset or empty.
bool color_enabled(std::string_view setting, int fd);

/// True when `fd` is a terminal.
bool is_terminal(int fd);

/// ANSI styling that is a no-op when disabled.
class Style
{
public:
  explicit Style(bool enabled = false) : m_enabled(enabled) {}
  bool enabled() const { return m_enabled; }
  std::string bold(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string red(std::string_view s) const { return wrap("31", s); }
  std::string green(std::string_view s) const { return wrap("32", s); }
  std::string yellow(std::string_view s) const { return wrap("33", s); }
  std::string cyan(std::string_view s) const { return wrap("36", s); }

private:
  std::string wrap(std::string_view code, std::string_view s) const
  {
    if (!m_enabled) {
      return std::string(s);
    }
    return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
  }
  bool m_enabled;
};

} // namespace pave::cli
