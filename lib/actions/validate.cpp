#include <pave/actions/validate.hpp>

#include <pave/cloud/desired.hpp>
#include <pave/config/settings.hpp>
#include <pave/project/load.hpp>

namespace pave::actions {

util::Result<ValidateResult> validate(const ValidateOptions& options)
{
  ValidateResult r;
  r.file = options.project_file;
  PAVE_TRY_ASSIGN(auto project, project::load(options.project_file, r.diagnostics));
  r.environments = project.environments.size();
  r.apps = project.apps.size();
  // Settings values (choices) are checked the way they will be resolved.
  config::Sources sources;
  sources.file = project.settings;
  config::Settings::resolve(sources, r.diagnostics);
  if (const auto cloud = project.reserved.find("cloud"); cloud != project.reserved.end()) {
    cloud::check(cloud->second, project, r.diagnostics);
  }
  return r;
}

} // namespace pave::actions
