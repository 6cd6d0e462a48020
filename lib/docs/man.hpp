#pragma once
/// Man pages in roff, generated from the command model: pave(1) with the
/// global flags, exit status, environment and files, and pave-CMD(1) per
/// subcommand.
#include <map>
#include <string>

#include <pave/docs/model.hpp>

namespace pave::docs {

/// File name -> page text: "pave.1", "pave-init.1", ...
std::map<std::string, std::string> man_pages(const CommandDoc& root, const std::string& version);

} // namespace pave::docs
