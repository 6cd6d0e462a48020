#pragma once
/// `pave demo`: pave's main job on an embedded example with no cloud account.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::actions {

struct DemoOptions
{
  std::filesystem::path dir; ///< empty = a new temporary directory
  bool keep = false;         ///< keep the directory afterwards
};

struct DemoStep
{
  std::string name;   ///< "init", "render"
  std::string detail; ///< one human line
};

struct DemoResult
{
  std::filesystem::path dir;
  bool kept = false;
  std::string project;
  std::string environment;
  std::string app;
  std::size_t files = 0;                  ///< files scaffolded
  std::size_t resources = 0;              ///< rendered resources
  std::map<std::string, int> kinds;       ///< rendered resources by kind
  int revision = 0;                       ///< revision the deploy recorded
  std::vector<DemoStep> steps;
};

/// Scaffolds project "demo" (web-service template, environment dev with the
/// directory target) in a temporary directory, renders its app, plans and
/// deploys it to the directory (one manifest per object, state recorded),
/// plans again to show no changes, and reports what happened. The directory
/// is removed unless `keep`.
util::Result<DemoResult> demo(const DemoOptions& options);

} // namespace pave::actions
