#pragma once
/// The one context object every command receives: parsed global flags, the
/// resolved settings, the project (loaded on first use), output streams and
/// styling, and the exit code the run ends with.
#include <iostream>
#include <optional>
#include <string>

#include <pave/cli/term.hpp>
#include <pave/config/settings.hpp>
#include <pave/project/project.hpp>
#include <pave/util/diagnostics.hpp>
#include <pave/util/expected.hpp>

namespace pave::cli {

/// Flags shared by every command (bound on the root command, accepted after
/// the subcommand name too).
struct GlobalFlags
{
  std::string output;
  std::string color;
  std::string log_format;
  std::string env;
  std::string project;
  int verbose = 0;
  bool quiet = false;
};

class Context
{
public:
  Context(std::ostream& out, std::ostream& err) : m_out(out), m_err(err) {}

  GlobalFlags flags;
  /// Extra flag values a command binds to settings keys (e.g. "state_dir").
  std::map<std::string, config::RawValue, std::less<>> setting_flags;

  std::ostream& out() { return m_out; }
  std::ostream& err() { return m_err; }

  /// Resolves settings from defaults, pave.toml [settings] (when the project
  /// file exists), PAVE_* environment variables and flags, and sets up
  /// logging and styling. Called once after argument parsing.
  void resolve_settings();
  /// Invalid values in pave.toml [settings] are not fatal for this command
  /// (validate reports them itself). Call before resolve_settings().
  void tolerate_file_settings() { m_tolerate_file = true; }
  bool settings_resolved() const { return m_resolved; }
  const config::Settings& settings() const { return m_settings; }
  /// Shorthand for settings().get(key).
  const std::string& setting(std::string_view key) const { return m_settings.get(key); }

  /// Styling for stdout and stderr (colour decided per stream).
  const Style& out_style() const { return m_out_style; }
  const Style& err_style() const { return m_err_style; }

  /// The project, loaded from the `project_file` setting on first use.
  /// Diagnostics (warnings) are printed; errors make this fail with the
  /// first error and a count.
  util::Result<const project::Project*> project();
  /// Like project() but returns diagnostics instead of printing them (validate).
  util::Result<project::Project> load_project(util::Diagnostics& diags) const;

  /// Prints "pave: error: MESSAGE" (and the detail as a hint) to stderr.
  void print_error(const util::Error& e);
  /// Prints every diagnostic to stderr in a human form.
  void print_diagnostics(const util::Diagnostics& d);

  int exit_code = 0;

private:
  std::ostream& m_out;
  std::ostream& m_err;
  config::Settings m_settings;
  Style m_out_style;
  Style m_err_style;
  std::optional<project::Project> m_project;
  bool m_resolved = false;
  bool m_tolerate_file = false;
};

} // namespace pave::cli
