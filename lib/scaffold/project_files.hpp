#pragma once
/// The files of a new project, as data: relative path -> content.
#include <map>
#include <string>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::scaffold {

struct ProjectSpec
{
  std::string name;
  std::string app;
  std::string template_;
  std::vector<std::string> environments;
  std::string target = "kubernetes"; ///< "kubernetes" or "directory" (GitOps: deploy/ENV)
};

/// Every file `pave init` writes for `spec`, keyed by relative path. Error
/// when the template is not built in: "unknown template \"x\" (built-in: ...)".
util::Result<std::map<std::string, std::string>> project_files(const ProjectSpec& spec);

/// The text of pave.toml for `spec`.
std::string pave_toml(const ProjectSpec& spec);

/// Files of built-in starter chart `template_` with its placeholder name
/// replaced by `chart_name`, keyed by path relative to the chart.
util::Result<std::map<std::string, std::string>> starter_chart(const std::string& template_, const std::string& chart_name);

} // namespace pave::scaffold
