#include <pave/cli/context.hpp>

#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pave/cli/logging.hpp>
#include <pave/project/load.hpp>
#include <pave/util/fs.hpp>

namespace pave::cli {

void Context::resolve_settings()
{
  if (m_resolved) {
    return;
  }
  m_resolved = true;
  config::Sources sources;
  sources.env = config::process_env;
  auto set_flag = [&](std::string_view key, const std::string& value, std::string_view flag) {
    if (!value.empty()) {
      sources.flags[std::string(key)] = config::RawValue{value, std::string(flag)};
    }
  };
  set_flag("output", flags.output, "--output");
  set_flag("color", flags.color, "--color");
  set_flag("log_format", flags.log_format, "--log-format");
  set_flag("environment", flags.env, "--env");
  set_flag("project_file", flags.project, "--project");
  if (flags.quiet) {
    set_flag("log_level", "error", "-q");
  } else if (flags.verbose > 0) {
    set_flag("log_level", flags.verbose == 1 ? "info" : flags.verbose == 2 ? "debug" : "trace", "-v");
  }
  for (const auto& [k, v] : setting_flags) {
    sources.flags[k] = v;
  }

  // The project file may set [settings]; read it leniently here (validate
  // and project() report its problems).
  std::string project_file = flags.project;
  if (project_file.empty()) {
    project_file = config::process_env("PAVE_PROJECT").value_or("pave.toml");
  }
  if (util::exists(project_file)) {
    util::Diagnostics ignored;
    if (auto text = util::read_file(project_file)) {
      if (auto p = project::parse(*text, project_file, ignored)) {
        sources.file = p->settings;
        // [state] backend is the file's value of state_dir (load() refuses both).
        if (!p->state.backend.empty() && !sources.file.contains("state_dir")) {
          sources.file["state_dir"] = config::RawValue{p->state.backend, p->state.source + " [state] backend"};
        }
      }
    }
  }
  util::Diagnostics diags;
  m_settings = config::Settings::resolve(sources, diags);
  m_out_style = Style(color_enabled(m_settings.get("color"), STDOUT_FILENO));
  m_err_style = Style(color_enabled(m_settings.get("color"), STDERR_FILENO));
  setup_logging(m_settings.get("log_level"), m_settings.get("log_format"), m_err_style.enabled());
  for (const auto& [key, s] : m_settings.all()) {
    spdlog::debug("setting {} = \"{}\" ({})", key, s.value, s.source);
  }
  // A bad flag or environment value is a usage error; a bad value in
  // pave.toml is an error in the file.
  bool usage = false;
  bool file = false;
  for (const auto& d : diags.items()) {
    const bool from_file = d.location.find(':') != std::string::npos;
    (from_file ? file : usage) = true;
  }
  if (usage || (file && !m_tolerate_file)) {
    print_diagnostics(diags);
    throw util::Fatal(util::Error{"invalid settings", {}, usage ? util::ExitCode::usage : util::ExitCode::error});
  }
}

util::Result<project::Project> Context::load_project(util::Diagnostics& diags) const
{
  return project::load(m_settings.get("project_file"), diags);
}

util::Result<const project::Project*> Context::project()
{
  if (m_project) {
    return &*m_project;
  }
  util::Diagnostics diags;
  PAVE_TRY_ASSIGN(auto p, load_project(diags));
  if (diags.has_errors()) {
    print_diagnostics(diags);
    return util::fail("{} has {} error(s); run `pave validate` for details", p.file.string(), diags.error_count());
  }
  if (!diags.empty()) {
    print_diagnostics(diags);
  }
  spdlog::debug("loaded {}: {} environment(s), {} app(s)", p.file.string(), p.environments.size(), p.apps.size());
  m_project = std::move(p);
  return &*m_project;
}

void Context::print_error(const util::Error& e)
{
  m_err << "pave: " << m_err_style.red(m_err_style.bold("error:")) << ' ' << e.message << '\n';
  if (!e.detail.empty()) {
    m_err << "  " << m_err_style.dim("hint: " + e.detail) << '\n';
  }
}

void Context::print_diagnostics(const util::Diagnostics& d)
{
  for (const auto& item : d.items()) {
    const bool is_error = item.severity == util::Severity::error;
    const std::string label = is_error ? m_err_style.red(m_err_style.bold("error:"))
                                       : m_err_style.yellow(m_err_style.bold("warning:"));
    m_err << "pave: ";
    if (!item.location.empty()) {
      m_err << item.location << ": ";
    }
    m_err << label << ' ' << item.summary;
    if (!item.detail.empty()) {
      m_err << " (" << item.detail << ")";
    }
    m_err << '\n';
  }
}

} // namespace pave::cli
