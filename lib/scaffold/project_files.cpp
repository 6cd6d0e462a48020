#include <pave/scaffold/project_files.hpp>

#include <fmt/format.h>

#include <pave/embedded/files.hpp>
#include <pave/project/load.hpp>
#include <pave/util/strings.hpp>

namespace pave::scaffold {

namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to)
{
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

/// The embedded file templates/<path>, or nullptr.
const embedded::File* find_embedded(std::string_view path)
{
  for (const auto& f : embedded::files()) {
    if (f.path == path) {
      return &f;
    }
  }
  return nullptr;
}

std::string project_file(std::string_view path, const ProjectSpec& spec)
{
  const auto* f = find_embedded(path);
  if (f == nullptr) {
    return {};
  }
  return replace_all(replace_all(std::string(f->data), "PROJECT_NAME", spec.name), "APP_NAME", spec.app);
}

} // namespace

util::Result<std::map<std::string, std::string>> starter_chart(const std::string& template_, const std::string& chart_name)
{
  const std::string prefix = template_ + "/";
  std::map<std::string, std::string> out;
  for (const auto& f : embedded::files()) {
    if (f.path.starts_with(prefix)) {
      out.emplace(std::string(f.path.substr(prefix.size())), replace_all(std::string(f.data), "STARTER_NAME", chart_name));
    }
  }
  if (out.count("Chart.yaml") == 0) {
    const auto names = project::builtin_templates();
    return util::fail("unknown template \"{}\" (built-in: {})", template_, util::join(names, ", "));
  }
  return out;
}

std::string pave_toml(const ProjectSpec& spec)
{
  std::string s = fmt::format(R"(# pave project file. Every key is documented in docs/pave-toml.md and
# `pave config show` prints the effective settings; check it with `pave validate`.

[project]
name = "{}"

[settings]
# environment = "{}"      # default for -e/--env
# output = "table"        # table | json | yaml
# lock_timeout = "0s"     # wait this long for a held state lock
)",
                              spec.name, spec.environments.empty() ? "dev" : spec.environments.front());
  // Comments start in one column, whatever the environment's name.
  auto line = [](const std::string& setting, std::string_view comment) {
    return comment.empty() ? setting + "\n" : fmt::format("{:<29} # {}\n", setting, comment);
  };
  for (const auto& env : spec.environments) {
    s += fmt::format("\n[environments.{}]\n", env);
    if (spec.target == "directory") {
      s += line("target = \"directory\"", "or \"kubernetes\" to deploy to a cluster");
      s += line(fmt::format("directory = \"deploy/{}\"", env), "one YAML file per object, for Argo CD / Flux");
    } else {
      s += line("target = \"kubernetes\"", "or \"directory\" to write manifests for Argo CD / Flux");
      s += line(fmt::format("context = \"{}\"", env), "kubeconfig context");
    }
    s += line(fmt::format("namespace = \"{}-{}\"", spec.name, env), "");
    s += line(fmt::format("values = [\"values/{}.yaml\"]", env), "applied to every app in this environment");
    s += "# region = \"us-east-1\"\n";
  }
  s += fmt::format(R"(
[apps.{0}]
chart = "charts/{0}"          # started from the built-in "{1}" template
# values_files = []
# values = {{ replicaCount = 2 }}
# [apps.{0}.overrides.prod]
# values = {{ replicaCount = 3 }}

# Sections for later features: [cloud], [backup], [failover], [cost].
)",
                   spec.app, spec.template_);
  return s;
}

util::Result<std::map<std::string, std::string>> project_files(const ProjectSpec& spec)
{
  PAVE_TRY_ASSIGN(auto chart, starter_chart(spec.template_, spec.app));
  std::map<std::string, std::string> files;
  for (auto& [path, content] : chart) {
    files.emplace("charts/" + spec.app + "/" + path, std::move(content));
  }
  files.emplace("pave.toml", pave_toml(spec));
  for (const auto& env : spec.environments) {
    std::string values = project_file("project/values-" + env + ".yaml", spec);
    if (values.empty()) {
      values = fmt::format("# Values for the {} environment, applied to every app after its own values.yaml.\n", env);
    }
    files.emplace("values/" + env + ".yaml", std::move(values));
  }
  files.emplace(".gitignore", project_file("project/gitignore", spec));
  files.emplace(".github/workflows/pave.yml", project_file("project/github-workflow.yml", spec));
  return files;
}

} // namespace pave::scaffold
