#pragma once
/// The live view of a deploy on stderr. On a terminal one status line is
/// rewritten in place; elsewhere (CI logs) a plain line is printed at each
/// tenth of the work. Failures always get a line of their own, and with -v
/// every object gets one.
#include <chrono>
#include <ostream>

#include <pave/cli/term.hpp>
#include <pave/deploy/engine.hpp>
#include <pave/plan/plan.hpp>

namespace pave::cli {

class DeployProgress
{
public:
  /// `detailed`: a line per object (log level info or more verbose).
  DeployProgress(std::ostream& err, const Style& style, bool tty, bool detailed, const plan::Plan& p);

  void operator()(const deploy::Event& e);
  /// Ends the status line (on a terminal).
  void finish();

private:
  void status(bool force);

  std::ostream& m_err;
  const Style& m_style;
  bool m_tty;
  bool m_detailed;
  int m_total = 0;      ///< creates, updates, replaces and deletes to send
  int m_workloads = 0;  ///< workloads that will be waited for
  int m_done = 0;
  int m_ready = 0;
  int m_last_step = -1; ///< last tenth reported (plain mode)
  std::string m_waiting; ///< latest waiting message
  std::chrono::steady_clock::time_point m_last_draw{};
  bool m_line_open = false;
};

} // namespace pave::cli
