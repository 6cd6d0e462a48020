#pragma once
/// docs/pave-toml.md, generated from the pave.toml schema table and the
/// settings key table so the reference cannot drift from what is accepted.
#include <string>

namespace pave::docs {

/// The Markdown reference of pave.toml.
std::string toml_reference();

} // namespace pave::docs
