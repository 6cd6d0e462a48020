#pragma once
/// Shell completion scripts generated from the command model.
#include <string>
#include <string_view>

#include <pave/docs/model.hpp>
#include <pave/util/expected.hpp>

namespace pave::docs {

/// The completion script for `shell` (bash, zsh or fish). Error for another shell:
/// "unsupported shell \"x\" (bash, zsh or fish)".
util::Result<std::string> completion_script(const CommandDoc& root, std::string_view shell);

} // namespace pave::docs
