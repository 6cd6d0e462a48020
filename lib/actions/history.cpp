#include <pave/actions/history.hpp>

namespace pave::actions {

util::Result<HistoryResult> history(const StateOptions& options)
{
  PAVE_TRY_ASSIGN(auto snap, state_read(options));
  HistoryResult r;
  r.store = snap.store;
  r.environment = options.environment;
  if (snap.state) {
    r.revisions = std::move(snap.state->revisions);
  }
  return r;
}

} // namespace pave::actions
