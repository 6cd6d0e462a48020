#pragma once
/// Running a child process (credential plugins): argv, extra environment,
/// captured stdout, stderr passed through, a timeout.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::util {

struct ProcessSpec
{
  std::vector<std::string> argv; ///< argv[0] is looked up in PATH when it has no '/'
  std::vector<std::pair<std::string, std::string>> env; ///< added to (or replacing in) the parent's environment
  std::string working_dir;                               ///< empty: the parent's
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

struct ProcessResult
{
  int exit_code = 0;  ///< exit status, or 128 + signal
  std::string stdout_text;
};

/// Runs `spec` with stdin from /dev/null, stdout captured and stderr
/// inherited, and waits for it. A child still running after the timeout is
/// killed. Errors: "cannot run NAME: REASON", "NAME timed out after N s".
/// A non-zero exit is not an error: check exit_code.
Result<ProcessResult> run_process(const ProcessSpec& spec);

} // namespace pave::util
