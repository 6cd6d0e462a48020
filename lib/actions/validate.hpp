#pragma once
/// `pave validate`: checks the whole project file and reports every problem.
#include <string>

#include <pave/util/diagnostics.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

struct ValidateOptions
{
  std::string project_file = "pave.toml";
};

struct ValidateResult
{
  std::string file;
  std::size_t environments = 0;
  std::size_t apps = 0;
  util::Diagnostics diagnostics; ///< every problem found; valid when it has no errors
};

/// Validates the project file: TOML syntax, the schema (unknown keys, types,
/// required keys), references between sections, settings values, and that
/// referenced charts and values files exist. Fails only when the file cannot
/// be read or is not TOML.
util::Result<ValidateResult> validate(const ValidateOptions& options);

} // namespace pave::actions
