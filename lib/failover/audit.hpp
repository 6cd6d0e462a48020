#pragma once
/// The failover audit log: one JSON object per line, appended (O_APPEND,
/// fsync) and never rewritten — who ran what, each step's outcome and
/// timing, errors, and the final RTO.
#include <filesystem>

#include <nlohmann/json.hpp>

#include <pave/util/expected.hpp>

namespace pave::failover {

/// Appends `entry` with "time" (RFC 3339 UTC), "user" and "host" added.
util::Result<void> append_audit(const std::filesystem::path& path, nlohmann::json entry);

} // namespace pave::failover
