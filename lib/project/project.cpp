#include <pave/project/project.hpp>

#include <algorithm>

namespace pave::project {

std::vector<const App*> Project::apps_for(std::string_view env) const
{
  std::vector<const App*> out;
  for (const auto& [name, app] : apps) {
    if (app.environments.empty() ||
        std::find(app.environments.begin(), app.environments.end(), env) != app.environments.end()) {
      out.push_back(&app);
    }
  }
  return out;
}

} // namespace pave::project
