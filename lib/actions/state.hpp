#pragma once
/// `pave state list|show|rm|pull|push|unlock`: inspection and surgery of an
/// environment's state. Reads take no lock (writes are atomic); changes take
/// the state lock for their whole duration.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pave/project/project.hpp>
#include <pave/state/store.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

/// How an s3:// state is reached: pave.toml [state] settings, else the
/// environment's (empty: the SDK chain's defaults, AWS_ENDPOINT_URL_S3 ...).
struct StateAwsOptions
{
  std::string region;
  std::string profile;
  std::string endpoint_url;
};

/// Which state a command acts on, and how long it waits for the lock.
struct StateOptions
{
  std::filesystem::path project_dir;     ///< a relative state_dir is relative to it
  std::string state_dir = ".pave/state"; ///< the `state_dir` setting ([state] backend in pave.toml)
  std::string environment = "dev";
  std::chrono::milliseconds lock_timeout{0}; ///< the `lock_timeout` setting
  StateAwsOptions aws;                        ///< for an s3:// state_dir
};

/// The AWS settings of the state of `env`: [state] region, aws_profile and
/// endpoint_url, each defaulting to the environment's.
StateAwsOptions state_aws_options(const project::Project& project, const project::Environment& env);

/// Opens the state store of `environment` at `location` (a directory
/// relative to `base_dir`, memory:// or s3://BUCKET/PREFIX).
util::Result<std::unique_ptr<state::StateStore>> open_state_at(const std::string& location,
                                                               const std::filesystem::path& base_dir,
                                                               const std::string& environment,
                                                               const StateAwsOptions& aws);

/// Opens the environment's state store.
util::Result<std::unique_ptr<state::StateStore>> open_state(const StateOptions& options);

/// Takes the state lock for `operation`, waiting up to options.lock_timeout.
/// Test hook: with PAVE_TEST_LOCK_HOLD_MS=N in the environment, sleeps N ms
/// after taking the lock, so that tests can hold it from a real pave.
util::Result<state::Lock> lock_state(state::StateStore& store, const StateOptions& options, std::string operation);

/// The test hook of lock_state(), for other lockers (deploy): sleeps
/// PAVE_TEST_LOCK_HOLD_MS milliseconds when that is set.
void hold_lock_for_tests();

/// The state as stored (nullopt when there is none yet) and where it is.
struct StateSnapshot
{
  std::string store; ///< describe() of the store
  std::optional<state::State> state;
};
util::Result<StateSnapshot> state_read(const StateOptions& options);

/// As StateSnapshot, the file checked but its records decoded on demand
/// (state::StateFile): for commands that read a large state without
/// building it (`state list` and `state show` of 100,000 resources).
struct StateFileSnapshot
{
  std::string store;
  std::unique_ptr<state::StateFile> file; ///< null when there is no state yet (state_reader.hpp)
};
util::Result<StateFileSnapshot> state_read_file(const StateOptions& options);

/// The record of `address`. Error: "no resource ADDRESS in the state of ENV"
/// with a did-you-mean hint.
util::Result<state::ResourceRecord> state_show(const StateOptions& options, std::string_view address);

/// The state file of the environment in the current format (what `state push` takes).
util::Result<std::string> state_pull(const StateOptions& options);

/// What a change did.
struct StateChange
{
  std::string store;
  std::uint64_t serial = 0;           ///< the new serial
  int revision = 0;                   ///< the revision recorded (0 = none)
  std::vector<std::string> removed;   ///< state rm: the addresses removed
  std::size_t resources = 0;          ///< resources in the new state
  std::vector<std::string> warnings;  ///< e.g. a stale lock that was cleared
};

/// Forgets `addresses` (live objects are not touched), records a revision
/// "state rm". All must exist, or nothing changes.
util::Result<StateChange> state_rm(const StateOptions& options, const std::vector<std::string>& addresses);

struct StatePushOptions
{
  std::string file;               ///< a state file; "-" = standard input
  bool force = false;             ///< replace a state of another lineage or environment, or a newer or corrupt one
  bool allow_no_checksum = false; ///< accept a file without checksum (written by hand)
};

/// Replaces the state with a file's. Refuses, unless force, a file of another
/// lineage or environment, or with a serial lower than the stored one. The
/// new serial is above both; a file without lineage takes the stored one.
util::Result<StateChange> state_push(const StateOptions& options, const StatePushOptions& push);

/// Breaks the lock whose id is `lock_id` (see StateStore::force_unlock).
util::Result<std::string> state_unlock(const StateOptions& options, std::string_view lock_id);

} // namespace pave::actions
