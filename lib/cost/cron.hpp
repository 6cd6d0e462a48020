#pragma once
/// How often a CronJob runs: the number of times a five-field cron schedule
/// (or @hourly, @daily, @weekly, @monthly, @yearly/@annually, @midnight)
/// fires in an average month, counted over a whole non-leap year / 12.
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::cost {

/// Runs per average month: "*/15 * * * *" -> 2920, "0 2 * * *" -> 30.42,
/// "0 0 1 * *" -> 1. A TZ=/CRON_TZ= prefix is ignored. Error: `"x" is not a cron schedule`.
util::Result<double> runs_per_month(std::string_view schedule);

} // namespace pave::cost
