#pragma once
/// `pave history`: the revisions recorded in an environment's state.
#include <string>
#include <vector>

#include <pave/actions/state.hpp>
#include <pave/state/state.hpp>

namespace pave::actions {

struct HistoryResult
{
  std::string store;
  std::string environment;
  std::vector<state::Revision> revisions; ///< oldest first; empty when there is no state yet
};

/// The revisions of options.environment. A missing state is not an error
/// (no revisions); a corrupt one is.
util::Result<HistoryResult> history(const StateOptions& options);

} // namespace pave::actions
