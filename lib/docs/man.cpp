#include <pave/docs/man.hpp>

#include <fmt/format.h>

#include <pave/config/settings.hpp>

namespace pave::docs {

namespace {

/// Escapes text for roff: backslashes, and leading dots/quotes.
std::string roff(std::string_view s)
{
  std::string out;
  bool line_start = true;
  for (char c : s) {
    if (line_start && (c == '.' || c == '\'')) {
      out += "\\&";
    }
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

void options_section(std::string& out, const std::vector<OptionDoc>& options)
{
  for (const auto& o : options) {
    out += ".TP\n\\fB" + roff(option_label(o)) + "\\fR";
    if (!o.value_name.empty()) {
      out += " \\fI" + roff(o.value_name) + "\\fR";
    }
    out += "\n" + roff(o.description);
    if (!o.choices.empty()) {
      std::string all;
      for (const auto& c : o.choices) {
        all += (all.empty() ? "" : ", ") + c;
      }
      out += " (one of: " + roff(all) + ")";
    }
    out += "\n";
  }
}

void examples_section(std::string& out, const std::string& example)
{
  if (example.empty()) {
    return;
  }
  out += ".SH EXAMPLES\n.nf\n.RS 4\n" + roff(example) + "\n.RE\n.fi\n";
}

std::string synopsis(const CommandDoc& d)
{
  std::string s = "\\fBpave " + roff(d.path) + "\\fR";
  if (!d.subcommands.empty()) {
    s += " \\fICOMMAND\\fR";
  }
  s += " [\\fIFLAGS\\fR]";
  for (const auto& p : d.positionals) {
    s += " [\\fI" + roff(p.name) + "\\fR]";
  }
  return s;
}

std::string command_page(const CommandDoc& d, const std::string& version)
{
  std::string name = "pave-" + d.path;
  for (auto& c : name) {
    c = c == ' ' ? '-' : c;
  }
  std::string out = fmt::format(".TH {} 1 \"\" \"pave {}\" \"pave manual\"\n", roff(name), version);
  out += ".SH NAME\n" + roff(name) + " \\- " + roff(d.summary) + "\n";
  out += ".SH SYNOPSIS\n" + synopsis(d) + "\n";
  if (!d.description.empty()) {
    out += ".SH DESCRIPTION\n" + roff(d.description) + "\n";
  }
  if (!d.positionals.empty()) {
    out += ".SH ARGUMENTS\n";
    for (const auto& p : d.positionals) {
      out += ".TP\n\\fI" + roff(p.name) + "\\fR\n" + roff(p.description) + "\n";
    }
  }
  if (!d.options.empty()) {
    out += ".SH OPTIONS\n";
    options_section(out, d.options);
  }
  for (const auto& sub : d.subcommands) {
    out += ".SH COMMAND: " + roff(sub.path) + "\n" + roff(sub.summary) + "\n";
    if (!sub.options.empty()) {
      out += ".PP\nOptions:\n";
      options_section(out, sub.options);
    }
    if (!sub.example.empty()) {
      out += ".PP\nExamples:\n.nf\n.RS 4\n" + roff(sub.example) + "\n.RE\n.fi\n";
    }
  }
  examples_section(out, d.example);
  out += ".SH SEE ALSO\n\\fBpave\\fR(1)\n";
  return out;
}

constexpr std::string_view k_exit_status = R"(.TP
\fB0\fR
Success. With \fBplan \-\-detailed\-exitcode\fR: no changes.
.TP
\fB1\fR
An error: invalid input, a failed operation, an unreachable endpoint.
.TP
\fB2\fR
Usage error: an unknown command or flag, a bad flag value. With \fBplan \-\-detailed\-exitcode\fR: the plan has changes.
.TP
\fB3\fR
A cost estimate or plan exceeds a budget (\fBcost\-report\fR).
.TP
\fB4\fR
The state lock is held by another operation; the message names the holder.
.TP
\fB5\fR
A recovery objective is out of bounds: the newest backup is older than the RPO, or a failover check failed.
)";

std::string root_page(const CommandDoc& root, const std::string& version)
{
  std::string out = fmt::format(".TH PAVE 1 \"\" \"pave {}\" \"pave manual\"\n", version);
  out += ".SH NAME\npave \\- " + roff(root.summary) + "\n";
  out += ".SH SYNOPSIS\n\\fBpave\\fR [\\fIGLOBAL FLAGS\\fR] \\fICOMMAND\\fR [\\fIFLAGS\\fR] [\\fIARGS\\fR]\n";
  out += ".SH DESCRIPTION\npave renders Helm charts byte\\-identically to \\fBhelm template\\fR, plans and deploys "
         "them with their cloud resources, and backs up, fails over and costs what it deployed, in one binary. "
         "Data goes to standard output, logs and diagnostics to standard error.\n";
  out += ".SH COMMANDS\n";
  for (const auto& sub : root.subcommands) {
    std::string page = "pave-" + sub.name;
    out += ".TP\n\\fB" + roff(sub.name) + "\\fR\n" + roff(sub.summary) + " See \\fB" + roff(page) + "\\fR(1).\n";
  }
  out += ".SH GLOBAL FLAGS\nAccepted before or after the command name.\n";
  options_section(out, root.options);
  out += ".SH CONFIGURATION\nEach setting is taken from the first of: a flag, a \\fBPAVE_*\\fR environment variable, "
         "the [settings] table of pave.toml, the default. \\fBpave config show\\fR prints each value and where it "
         "came from.\n";
  for (const auto& k : config::key_table()) {
    out += ".TP\n\\fB" + roff(k.key) + "\\fR (" + roff(k.env) + ", " + roff(k.flag) + ", default \"" +
           roff(k.default_value) + "\")\n" + roff(k.description) + "\n";
  }
  out += ".SH EXIT STATUS\n" + std::string(k_exit_status);
  out += ".SH ENVIRONMENT\n.TP\n\\fBNO_COLOR\\fR\nWhen set and not empty, never colour output.\n";
  for (const auto& k : config::key_table()) {
    out += ".TP\n\\fB" + roff(k.env) + "\\fR\nSets " + roff(k.key) + ".\n";
  }
  out += ".TP\n\\fBPAVE_BACKUP_KEY\\fR\nThe 32-byte key of \\fBpave backup\\fR (64 hex digits or base64), unless "
         "\\-\\-key\\-file or [backup] key_file is given.\n";
  out += ".TP\n\\fBPAVE_BACKUP_PASSPHRASE\\fR\nA passphrase for \\fBpave backup\\fR (stretched with scrypt) when no "
         "key is given.\n";
  out += ".SH FILES\n.TP\n\\fBpave.toml\\fR\nThe project file; see \\fBpave validate\\fR.\n"
         ".TP\n\\fB.pave/\\fR\nLocal state of the project.\n";
  examples_section(out, root.example);
  out += ".SH SEE ALSO\n";
  std::string see;
  for (const auto& sub : root.subcommands) {
    see += (see.empty() ? "" : ", ") + std::string("\\fBpave\\-") + roff(sub.name) + "\\fR(1)";
  }
  out += see + "\n";
  return out;
}

} // namespace

std::map<std::string, std::string> man_pages(const CommandDoc& root, const std::string& version)
{
  std::map<std::string, std::string> pages;
  pages.emplace("pave.1", root_page(root, version));
  for (const auto& sub : root.subcommands) {
    pages.emplace("pave-" + sub.name + ".1", command_page(sub, version));
  }
  return pages;
}

} // namespace pave::docs
