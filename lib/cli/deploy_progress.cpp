#include <pave/cli/deploy_progress.hpp>

#include <fmt/format.h>

namespace pave::cli {

namespace {

constexpr auto k_redraw = std::chrono::milliseconds(100);

} // namespace

DeployProgress::DeployProgress(std::ostream& err, const Style& style, bool tty, bool detailed, const plan::Plan& p)
  : m_err(err), m_style(style), m_tty(tty), m_detailed(detailed)
{
  for (const auto& c : p.changes) {
    if (c.action == plan::Action::noop || (c.action == plan::Action::remove && c.forget_only)) {
      continue;
    }
    ++m_total;
    if (c.action != plan::Action::remove && deploy::is_workload(c.ref.kind)) {
      ++m_workloads;
    }
  }
}

void DeployProgress::operator()(const deploy::Event& e)
{
  using K = deploy::Event::Kind;
  switch (e.kind) {
  case K::applied:
  case K::deleted: ++m_done; break;
  case K::ready: ++m_ready; break;
  case K::waiting: m_waiting = fmt::format("{}: {}", e.address, e.message); break;
  case K::failed: break;
  }
  if (e.kind == K::failed || m_detailed) {
    const char* what = e.kind == K::applied   ? "applied"
                       : e.kind == K::deleted ? "deleted"
                       : e.kind == K::failed  ? "failed"
                       : e.kind == K::waiting ? "waiting"
                                              : "ready";
    if (m_line_open) {
      m_err << "\r\x1b[K";
      m_line_open = false;
    }
    m_err << (e.kind == K::failed ? m_style.red(what) : std::string(what)) << ' ' << e.address << ": " << e.message
          << '\n';
  }
  status(false);
}

void DeployProgress::status(bool force)
{
  const std::string line =
    m_done < m_total || m_workloads == 0
      ? fmt::format("applied {}/{} changes", m_done, m_total)
      : fmt::format("applied {} changes; {}/{} workloads rolled out{}", m_done, m_ready, m_workloads,
                    m_waiting.empty() || m_ready == m_workloads ? "" : "; waiting for " + m_waiting);
  if (m_tty) {
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_last_draw < k_redraw) {
      return;
    }
    m_last_draw = now;
    m_err << "\r\x1b[K" << line << std::flush;
    m_line_open = true;
    return;
  }
  if (m_detailed) {
    return;
  }
  const int all = m_total + m_workloads;
  const int step = all == 0 ? 10 : (m_done + m_ready) * 10 / all;
  if (step != m_last_step || force) {
    m_last_step = step;
    m_err << line << '\n';
  }
}

void DeployProgress::finish()
{
  if (m_tty) {
    status(true);
    m_err << '\n';
    m_line_open = false;
  }
}

} // namespace pave::cli
