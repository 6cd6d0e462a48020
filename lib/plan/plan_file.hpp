#pragma once
/// Saved plans (`pave plan --out FILE`, `pave deploy --plan FILE`): the plan's
/// JSON (plan.hpp, with the desired objects) plus a "checksum" over the rest,
/// written atomically with mode 0600 because desired objects can hold Secret
/// data. A plan carries the state lineage and serial it was made against, so
/// deploy refuses it once the state has moved on.
#include <filesystem>
#include <string_view>

#include <pave/plan/plan.hpp>

namespace pave::plan {

/// Writes `p` to `path`.
util::Result<void> save_plan(const Plan& p, const std::filesystem::path& path);

/// Reads a saved plan. Errors: "cannot read PATH: ...", "PATH is not a pave
/// plan file: ...", "PATH was altered after it was saved (checksum mismatch)".
util::Result<Plan> load_plan(const std::filesystem::path& path);

/// Parses saved-plan bytes (the fuzzed entry point); `name` is used in errors.
util::Result<Plan> parse_plan(std::string_view bytes, std::string_view name);

/// Checks a saved plan against the current state: same environment, same
/// lineage and serial. Error: "plan FILE is stale: it was made against state
/// serial 4, the state is now at serial 5; run pave plan again".
util::Result<void> check_fresh(const Plan& p, std::string_view name, std::string_view environment,
                               std::string_view lineage, std::uint64_t serial);

} // namespace pave::plan
