#include <pave/actions/deploy.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/actions/record.hpp>
#include <pave/actions/rollback.hpp>
#include <pave/plan/plan_file.hpp>
#include <pave/util/clock.hpp>
#include <pave/util/time.hpp>

namespace pave::actions {

namespace {

/// The newest revision that is live as a whole (for --atomic).
int last_deployed(const state::State& st, int except)
{
  for (auto it = st.revisions.rbegin(); it != st.revisions.rend(); ++it) {
    if (it->number != except && it->status == "deployed") {
      return it->number;
    }
  }
  return 0;
}

} // namespace

util::Result<Deployment> Deployment::prepare(const project::Project& project, const DeployOptions& options)
{
  Deployment d;
  d.m_options = options;
  PAVE_TRY_ASSIGN(d.m_session, open_environment(project, options.env));
  PAVE_TRY_ASSIGN(state::Lock lock, lock_state(d.m_session, "deploy", options.env.lock_timeout));
  d.m_lock.emplace(std::move(lock));
  PAVE_TRY_ASSIGN(d.m_state, read_or_new_state(d.m_session));
  if (!options.plan_file.empty()) {
    PAVE_TRY_ASSIGN(d.m_plan, plan::load_plan(options.plan_file));
    if (d.m_state.serial == 0 && d.m_plan.serial == 0) {
      // Neither the plan nor this run found a state: the plan's made-up
      // lineage becomes the new state's (as Terraform's first apply does).
      d.m_state.lineage = d.m_plan.lineage;
    }
    PAVE_TRY(plan::check_fresh(d.m_plan, options.plan_file, d.m_session.environment->name, d.m_state.lineage,
                               d.m_state.serial));
  } else {
    PAVE_TRY_ASSIGN(d.m_desired, desired_state(d.m_session));
    PAVE_TRY_ASSIGN(d.m_plan, compute_plan(d.m_session, d.m_desired, d.m_state, options.targets));
  }
  return d;
}

util::Result<DeployResult> Deployment::run(const std::function<void(const deploy::Event&)>& on_event)
{
  DeployResult r;
  r.plan = m_plan;
  const bool forgets = std::any_of(m_plan.changes.begin(), m_plan.changes.end(), [](const plan::Change& c) {
    return c.action == plan::Action::remove && c.forget_only;
  });
  if (!m_plan.summary().has_changes() && !forgets && !m_state.revisions.empty()) {
    return r; // nothing to do: no new revision
  }
  deploy::Options o;
  o.wait = m_options.wait;
  o.timeout = m_options.timeout;
  o.force_conflicts = m_options.force_conflicts;
  r.report = deploy::apply(*m_session.target, m_plan, o, util::system_clock(), on_event);
  RecordInputs in;
  in.time = util::now_rfc3339();
  in.apps = m_plan.apps;
  r.revision = record_deploy(m_state, m_plan, r.report, in);
  if (r.report.failed && m_options.atomic) {
    r.rolled_back_to = last_deployed(m_state, r.revision);
    auto rb = roll_back(m_session, m_state, r.rolled_back_to, o,
                        fmt::format("--atomic after failed revision {}: ", r.revision), on_event);
    if (!rb) {
      (void)m_session.store->write(m_state);
      return util::fail("deploy failed ({}) and the rollback failed too: {}", r.report.failure, rb.error().message);
    }
    r.rolled_back = true;
    r.rollback_report = rb->report;
    r.revision = rb->revision;
  }
  const auto start = std::chrono::steady_clock::now();
  auto w = m_session.store->write(m_state);
  spdlog::info("recorded revision {} ({} objects) in {} in {} ms", r.revision, m_state.resources.size(),
               m_session.store->describe(),
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  if (!w) {
    return util::fail("the deploy was applied but its state could not be written: {} (the changes are on the target; "
                      "run pave plan to see them)",
                      w.error().message);
  }
  return r;
}

} // namespace pave::actions
