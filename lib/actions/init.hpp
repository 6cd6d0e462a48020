#pragma once
/// `pave init`: scaffolds a working project from the built-in templates.
#include <filesystem>
#include <string>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::actions {

struct InitOptions
{
  std::filesystem::path dir = ".";   ///< project directory (created if missing)
  std::string name;                  ///< project name; default: the directory's name, sanitised
  std::string app;                   ///< first app's name; default: the project name
  std::string template_ = "web-service"; ///< built-in starter chart
  std::vector<std::string> environments = {"dev", "staging", "prod"};
  std::string target = "kubernetes";   ///< environments' target: "kubernetes" or "directory" (GitOps)
  bool force = false;                ///< replace existing files (and report them)
};

struct InitResult
{
  std::filesystem::path dir;
  std::string name;
  std::string app;
  std::string template_;
  std::vector<std::string> environments;
  std::vector<std::string> created;  ///< relative paths written that did not exist
  std::vector<std::string> replaced; ///< relative paths that existed and were overwritten (--force)
};

/// Writes pave.toml, charts/APP (the starter chart), values/ENV.yaml, .gitignore
/// and .github/workflows/pave.yml. Checks everything before writing anything:
/// an invalid name, template or environment, or (without force) any existing
/// file, fails with nothing written. Error for existing files:
/// "refusing to overwrite N existing file(s): a, b (use --force)".
util::Result<InitResult> init(const InitOptions& options);

/// A project name derived from a directory name: lowercased, other characters
/// replaced by '-', trimmed to a DNS-1123 label; "app" when nothing is left.
std::string sanitize_name(std::string_view dir_name);

} // namespace pave::actions
