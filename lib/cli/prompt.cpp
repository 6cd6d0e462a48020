#include <pave/cli/prompt.hpp>

#include <pave/util/strings.hpp>

namespace pave::cli {

std::string ask(std::istream& in, std::ostream& out, std::string_view question, std::string_view fallback)
{
  out << question;
  if (!fallback.empty()) {
    out << " [" << fallback << "]";
  }
  out << ": " << std::flush;
  std::string line;
  if (!std::getline(in, line)) {
    out << '\n';
    return std::string(fallback);
  }
  const auto answer = util::trim(line);
  return answer.empty() ? std::string(fallback) : std::string(answer);
}

} // namespace pave::cli
