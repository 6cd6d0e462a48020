#pragma once
/// The human view of a plan, like Terraform's: one line per change with a
/// symbol (+ create, ~ update, -/+ replace, - delete), the changed fields
/// below it, drift marked with !, and the summary line last.
#include <ostream>

#include <pave/cli/term.hpp>
#include <pave/plan/plan.hpp>

namespace pave::plan {

/// Prints `p`. No-op changes are listed only when `show_noop`; a no-op with
/// drift is always listed.
void print_plan(std::ostream& out, const Plan& p, const cli::Style& style, bool show_noop = false);

/// A JSON value for one line of a diff: compact, long values shortened.
std::string short_value(const nlohmann::json& v);

} // namespace pave::plan
