#pragma once
/// `pave rollback [REVISION]`: re-applies the objects of an earlier revision
/// (by default the one before the current) and records a new revision, like
/// `helm rollback`. Also the step `deploy --atomic` takes after a failure.
#include <functional>
#include <optional>

#include <pave/actions/environment.hpp>
#include <pave/deploy/engine.hpp>

namespace pave::actions {

struct RollbackOptions
{
  EnvironmentOptions env;
  int revision = 0; ///< 0 = the revision before the last deployed one
  bool wait = true;
  std::chrono::milliseconds timeout{300000};
};

struct RollbackResult
{
  int from = 0;     ///< revision that was current
  int to = 0;       ///< revision restored (0 = nothing: every object removed)
  int revision = 0; ///< new revision recorded
  plan::Plan plan;
  deploy::Report report;
};

/// The desired state of a recorded revision. Secret values are stored as
/// hashes, so a Secret is restored only when the live one still has the
/// recorded content; otherwise this fails naming the Secret.
util::Result<plan::DesiredState> desired_from_revision(const state::Revision& rev, targets::Target& target);

/// Rolls the locked session back to revision `to` (0 = remove everything
/// recorded) and records the result in `st` (not yet written).
util::Result<RollbackResult> roll_back(EnvironmentSession& s, state::State& st, int to, const deploy::Options& options,
                                       std::string_view why, const std::function<void(const deploy::Event&)>& on_event);

/// The action behind `pave rollback`: locks, rolls back, writes the state.
util::Result<RollbackResult> rollback(const project::Project& project, const RollbackOptions& options,
                                      const std::function<void(const deploy::Event&)>& on_event);

} // namespace pave::actions
