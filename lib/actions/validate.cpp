#include <pave/actions/validate.hpp>

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
  return r;
}

} // namespace pave::actions
