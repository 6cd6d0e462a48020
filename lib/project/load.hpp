#pragma once
/// Reads and validates pave.toml.
#include <filesystem>

#include <pave/project/project.hpp>
#include <pave/util/diagnostics.hpp>
#include <pave/util/expected.hpp>

namespace pave::project {

/// Parses `text` (the contents of `file`) into a Project. Every schema problem
/// (unknown key with a "did you mean", wrong type, missing required key, bad
/// reference) is added to `diags` with "FILE:LINE:COL" and parsing goes on, so
/// one run reports them all. Returns an error only when the text is not TOML
/// at all ("FILE:LINE:COL: syntax error: ...").
util::Result<Project> parse(std::string_view text, const std::filesystem::path& file, util::Diagnostics& diags);

/// Reads `file` and parses it; also checks references to the filesystem
/// (chart directories and values files exist). Error when it cannot be read:
/// "cannot read pave.toml: No such file or directory".
util::Result<Project> load(const std::filesystem::path& file, util::Diagnostics& diags);

/// Names of the built-in starter charts (web-service, worker, cronjob).
std::vector<std::string> builtin_templates();

} // namespace pave::project
