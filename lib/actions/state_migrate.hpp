#pragma once
/// `pave state migrate`: moves an environment's state between backends
/// (a local directory and S3, either way) without changing it.
#include <cstdint>
#include <string>
#include <vector>

#include <pave/actions/state.hpp>

namespace pave::actions {

struct StateMigrateOptions
{
  std::string from;         ///< a state location; empty = the configured one (StateOptions::state_dir)
  std::string to;           ///< a state location (required)
  bool force = false;       ///< replace a destination state of another lineage, a newer or an unreadable one
  bool keep_source = false; ///< leave the source state in place
};

struct StateMigration
{
  std::string from;     ///< describe() of the source store
  std::string to;       ///< describe() of the destination store
  std::uint64_t serial = 0;
  std::string lineage;
  std::size_t bytes = 0;
  bool copied = false;         ///< false: the destination already held these exact bytes
  bool source_removed = false; ///< the source state was removed (kept there as a backup)
};

/// Locks both stores (source first), reads the source state verbatim and
/// verifies it (checksum), refuses (unless force) a destination holding a
/// state of another lineage, a higher serial or an unreadable one, copies the
/// bytes (lineage, serial and checksum unchanged; a replaced destination
/// state becomes a backup there), reads them back and compares, then
/// removes the source state unless keep_source. Errors leave the source as
/// it was.
util::Result<StateMigration> state_migrate(const StateOptions& options, const StateMigrateOptions& migrate);

} // namespace pave::actions
