#include <pave/project/load.hpp>

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <pave/embedded/files.hpp>
#include <pave/project/schema.hpp>
#include <pave/util/fs.hpp>
#include <pave/util/strings.hpp>

namespace pave::project {

namespace {

namespace fs = std::filesystem;

/// Walks the parsed document, reporting problems with file:line:col.
class Checker
{
public:
  Checker(std::string display, util::Diagnostics& diags) : m_display(std::move(display)), m_diags(diags) {}

  std::string where(const toml::node& n) const
  {
    const auto& b = n.source().begin;
    return fmt::format("{}:{}:{}", m_display, b.line, b.column);
  }

  void error(const toml::node& n, std::string summary, std::string detail = {})
  {
    m_diags.error(where(n), std::move(summary), std::move(detail));
  }

  /// Reports keys of `table` not among `known`, with a suggestion.
  void unknown_keys(const toml::table& table, std::span<const std::string_view> known, std::string_view section)
  {
    for (const auto& [k, node] : table) {
      const std::string_view key = k.str();
      if (std::find(known.begin(), known.end(), key) != known.end()) {
        continue;
      }
      const std::string hint = util::did_you_mean(key, known);
      m_diags.error(fmt::format("{}:{}:{}", m_display, k.source().begin.line, k.source().begin.column),
                    section.empty() ? fmt::format("unknown key \"{}\"", key)
                                    : fmt::format("unknown key \"{}\" in [{}]", key, section),
                    hint.empty() ? std::string{} : fmt::format("did you mean \"{}\"?", hint));
    }
  }

  /// Checks the fields of `table` against `spec`; returns false when a field is wrong.
  void fields(const toml::table& table, std::span<const FieldSpec> spec, std::string_view section)
  {
    std::vector<std::string_view> names;
    for (const auto& f : spec) {
      names.push_back(f.name);
    }
    unknown_keys(table, names, section);
    for (const auto& f : spec) {
      const toml::node* n = table.get(f.name);
      if (n == nullptr) {
        if (f.required) {
          m_diags.error(where(table), fmt::format("missing required key \"{}\" in [{}]", f.name, section));
        }
        continue;
      }
      if (!type_ok(*n, f.type)) {
        error(*n, fmt::format("\"{}\" in [{}] must be a {}, not {}", f.name, section, type_name(f.type), node_type(*n)));
        continue;
      }
      if (!f.choices.empty()) {
        const std::string v = n->value_or(std::string{});
        if (std::find(f.choices.begin(), f.choices.end(), v) == f.choices.end()) {
          std::string all;
          for (auto c : f.choices) {
            all += all.empty() ? "" : ", ";
            all += c;
          }
          error(*n, fmt::format("invalid value \"{}\" for \"{}\" in [{}]", v, f.name, section),
                fmt::format("expected one of: {}", all));
        }
      }
    }
  }

  static bool type_ok(const toml::node& n, FieldType t)
  {
    switch (t) {
    case FieldType::string: return n.is_string();
    case FieldType::integer: return n.is_integer();
    case FieldType::boolean: return n.is_boolean();
    case FieldType::table: return n.is_table();
    case FieldType::string_array: {
      const auto* a = n.as_array();
      return a != nullptr && std::all_of(a->begin(), a->end(), [](const toml::node& e) { return e.is_string(); });
    }
    }
    return false;
  }

  static std::string_view node_type(const toml::node& n)
  {
    switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date/time";
    case toml::node_type::none: break;
    }
    return "nothing";
  }

  const std::string& display() const { return m_display; }

private:
  std::string m_display;
  util::Diagnostics& m_diags;
};

nlohmann::json to_json(const toml::node& n)
{
  switch (n.type()) {
  case toml::node_type::table: {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : *n.as_table()) {
      j[std::string(k.str())] = to_json(v);
    }
    return j;
  }
  case toml::node_type::array: {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& v : *n.as_array()) {
      j.push_back(to_json(v));
    }
    return j;
  }
  case toml::node_type::string: return n.as_string()->get();
  case toml::node_type::integer: return n.as_integer()->get();
  case toml::node_type::floating_point: return n.as_floating_point()->get();
  case toml::node_type::boolean: return n.as_boolean()->get();
  default: {
    std::ostringstream ss;
    n.visit([&](const auto& v) { ss << v; });
    return ss.str();
  }
  }
}

std::string get_string(const toml::table& t, std::string_view key)
{
  return t[key].value_or(std::string{});
}

std::vector<std::string> get_strings(const toml::table& t, std::string_view key)
{
  std::vector<std::string> out;
  if (const auto* a = t[key].as_array()) {
    for (const auto& e : *a) {
      if (e.is_string()) {
        out.push_back(e.as_string()->get());
      }
    }
  }
  return out;
}

std::vector<std::string_view> top_level_names()
{
  std::vector<std::string_view> names = {"project", "state", "settings", "environments", "apps"};
  for (auto r : reserved_sections()) {
    names.push_back(r);
  }
  return names;
}

void read_settings(const toml::table& t, Checker& c, util::Diagnostics& diags, Project& p)
{
  std::vector<std::string_view> names;
  for (const auto& k : config::key_table()) {
    if (k.file_ok) {
      names.push_back(k.key);
    }
  }
  c.unknown_keys(t, names, "settings");
  for (const auto& [k, node] : t) {
    const auto* spec = config::find_key(k.str());
    if (spec == nullptr || !spec->file_ok) {
      continue;
    }
    if (!node.is_string()) {
      c.error(node, fmt::format("\"{}\" in [settings] must be a string, not {}", k.str(), Checker::node_type(node)));
      continue;
    }
    p.settings[std::string(k.str())] =
      config::RawValue{node.as_string()->get(), fmt::format("{}:{}", c.display(), node.source().begin.line)};
  }
  (void)diags;
}

void read_state(const toml::table& t, Checker& c, Project& p)
{
  c.fields(t, find_section("state")->fields, "state");
  p.state.backend = get_string(t, "backend");
  p.state.region = get_string(t, "region");
  p.state.aws_profile = get_string(t, "aws_profile");
  p.state.endpoint_url = get_string(t, "endpoint_url");
  if (const auto* b = t.get("backend"); b != nullptr) {
    p.state.source = fmt::format("{}:{}", c.display(), b->source().begin.line);
    if (p.state.backend.empty()) {
      c.error(*b, "[state] backend is empty", "remove it for the default (.pave/state), or name a directory or s3://BUCKET/PREFIX");
    } else if (p.state.backend.find("://") != std::string::npos && !p.state.backend.starts_with("s3://")) {
      c.error(*b, fmt::format("[state] backend \"{}\": unknown scheme", p.state.backend),
              "use a directory or s3://BUCKET/PREFIX");
    }
  }
}

void read_environments(const toml::table& t, Checker& c, Project& p)
{
  for (const auto& [k, node] : t) {
    const std::string name(k.str());
    const std::string section = "environments." + name;
    const auto* et = node.as_table();
    if (et == nullptr) {
      c.error(node, fmt::format("[{}] must be a table, not {}", section, Checker::node_type(node)));
      continue;
    }
    if (!util::is_dns_label(name)) {
      c.error(node, fmt::format("environment name \"{}\" is not a DNS-1123 label", name),
              "use lowercase letters, digits and '-'");
    }
    c.fields(*et, find_section("environments.NAME")->fields, section);
    Environment e;
    e.name = name;
    e.target = get_string(*et, "target") == "directory" ? TargetKind::directory : TargetKind::kubernetes;
    e.directory = get_string(*et, "directory");
    e.kubeconfig = get_string(*et, "kubeconfig");
    e.context = get_string(*et, "context");
    e.namespace_ = get_string(*et, "namespace");
    e.values = get_strings(*et, "values");
    e.region = get_string(*et, "region");
    e.account_id = get_string(*et, "account_id");
    e.aws_profile = get_string(*et, "aws_profile");
    e.endpoint_url = get_string(*et, "endpoint_url");
    e.line = static_cast<int>(node.source().begin.line);
    if (e.target == TargetKind::directory && e.directory.empty()) {
      c.error(node, fmt::format("[{}] has target = \"directory\" but no \"directory\"", section));
    }
    if (!e.namespace_.empty() && !util::is_dns_label(e.namespace_)) {
      c.error(*et->get("namespace"), fmt::format("namespace \"{}\" is not a DNS-1123 label", e.namespace_));
    }
    p.environments.emplace(name, std::move(e));
  }
}

void read_apps(const toml::table& t, Checker& c, Project& p)
{
  const auto templates = builtin_templates();
  for (const auto& [k, node] : t) {
    const std::string name(k.str());
    const std::string section = "apps." + name;
    const auto* at = node.as_table();
    if (at == nullptr) {
      c.error(node, fmt::format("[{}] must be a table, not {}", section, Checker::node_type(node)));
      continue;
    }
    if (!util::is_dns_label(name)) {
      c.error(node, fmt::format("app name \"{}\" is not a DNS-1123 label", name), "use lowercase letters, digits and '-'");
    }
    c.fields(*at, find_section("apps.NAME")->fields, section);
    App a;
    a.name = name;
    a.chart = get_string(*at, "chart");
    a.template_ = get_string(*at, "template");
    a.release = get_string(*at, "release");
    if (a.release.empty()) {
      a.release = name;
    }
    a.namespace_ = get_string(*at, "namespace");
    a.values_files = get_strings(*at, "values_files");
    if (const auto* v = (*at)["values"].as_table()) {
      a.values = to_json(*v);
    }
    a.environments = get_strings(*at, "environments");
    a.line = static_cast<int>(node.source().begin.line);
    if (a.chart.empty() == a.template_.empty()) {
      c.error(node, fmt::format("[{}] needs exactly one of \"chart\" or \"template\"", section));
    }
    if (!a.template_.empty() && std::find(templates.begin(), templates.end(), a.template_) == templates.end()) {
      std::vector<std::string_view> names(templates.begin(), templates.end());
      const std::string hint = util::did_you_mean(a.template_, names);
      c.error(*at->get("template"), fmt::format("unknown template \"{}\" in [{}]", a.template_, section),
              hint.empty() ? fmt::format("built-in templates: {}", util::join(templates, ", "))
                           : fmt::format("did you mean \"{}\"?", hint));
    }
    if (const auto* ov = (*at)["overrides"].as_table()) {
      for (const auto& [ek, enode] : *ov) {
        const std::string env(ek.str());
        const std::string osection = section + ".overrides." + env;
        const auto* ot = enode.as_table();
        if (ot == nullptr) {
          c.error(enode, fmt::format("[{}] must be a table, not {}", osection, Checker::node_type(enode)));
          continue;
        }
        c.fields(*ot, find_section("apps.NAME.overrides.ENV")->fields, osection);
        AppOverride o;
        o.values_files = get_strings(*ot, "values_files");
        if (const auto* v = (*ot)["values"].as_table()) {
          o.values = to_json(*v);
        }
        a.overrides.emplace(env, std::move(o));
      }
    }
    p.apps.emplace(name, std::move(a));
  }
}

/// References between sections: environments named by apps exist.
void check_references(const toml::table& root, Checker& c, const Project& p)
{
  std::vector<std::string_view> env_names;
  for (const auto& [n, e] : p.environments) {
    env_names.push_back(n);
  }
  auto check_env = [&](const toml::node& where, const std::string& env, std::string_view what) {
    if (p.environments.count(env) == 0) {
      const std::string hint = util::did_you_mean(env, env_names);
      c.error(where, fmt::format("{} names unknown environment \"{}\"", what, env),
              hint.empty() ? std::string{} : fmt::format("did you mean \"{}\"?", hint));
    }
  };
  const auto* apps = root["apps"].as_table();
  if (apps == nullptr) {
    return;
  }
  for (const auto& [k, node] : *apps) {
    const auto* at = node.as_table();
    if (at == nullptr) {
      continue;
    }
    const std::string what = fmt::format("[apps.{}]", k.str());
    if (const auto* envs = (*at)["environments"].as_array()) {
      for (const auto& e : *envs) {
        if (e.is_string()) {
          check_env(e, e.as_string()->get(), what);
        }
      }
    }
    if (const auto* ov = (*at)["overrides"].as_table()) {
      for (const auto& [ek, enode] : *ov) {
        check_env(enode, std::string(ek.str()), what + " overrides");
      }
    }
  }
}

} // namespace

std::vector<std::string> builtin_templates()
{
  std::set<std::string> names;
  for (const auto& f : embedded::files()) {
    const auto slash = f.path.find('/');
    if (slash == std::string_view::npos) {
      continue;
    }
    const std::string_view top = f.path.substr(0, slash);
    if (f.path.substr(slash + 1) == "Chart.yaml") {
      names.emplace(top);
    }
  }
  return {names.begin(), names.end()};
}

util::Result<Project> parse(std::string_view text, const fs::path& file, util::Diagnostics& diags)
{
  const std::string display = file.string();
  toml::table root;
  try {
    root = toml::parse(text, display);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return util::fail("{}:{}:{}: syntax error: {}", display, b.line, b.column, e.description());
  }
  Checker c(display, diags);
  Project p;
  p.file = file;
  p.dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const auto names = top_level_names();
  c.unknown_keys(root, names, "");
  for (const auto& [k, node] : root) {
    const std::string_view key = k.str();
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      continue;
    }
    const auto* t = node.as_table();
    if (t == nullptr) {
      c.error(node, fmt::format("\"{}\" must be a table, not {}", key, Checker::node_type(node)));
      continue;
    }
    if (key == "project") {
      c.fields(*t, find_section("project")->fields, "project");
      p.name = get_string(*t, "name");
      if (t->get("name") != nullptr && t->get("name")->is_string() && !util::is_dns_label(p.name)) {
        c.error(*t->get("name"), fmt::format("project name \"{}\" is not a DNS-1123 label", p.name),
                "use lowercase letters, digits and '-', at most 63 characters");
      }
    } else if (key == "state") {
      read_state(*t, c, p);
    } else if (key == "settings") {
      read_settings(*t, c, diags, p);
    } else if (key == "environments") {
      read_environments(*t, c, p);
    } else if (key == "apps") {
      read_apps(*t, c, p);
    } else {
      p.reserved.emplace(std::string(key), to_json(*t));
    }
  }
  if (root.get("project") == nullptr) {
    diags.error(display, "missing [project] table", "add [project] with name = \"...\"");
  }
  if (p.environments.empty() && root.get("environments") == nullptr) {
    diags.warning(display, "no environments defined", "add [environments.dev]");
  }
  if (const auto it = p.settings.find("state_dir"); it != p.settings.end() && !p.state.backend.empty()) {
    diags.error(it->second.source, "both [settings] state_dir and [state] backend are set",
                "keep [state] backend (state_dir is for --state-dir and PAVE_STATE_DIR overrides)");
  }
  check_references(root, c, p);
  diags.sort_by_location();
  return p;
}

util::Result<Project> load(const fs::path& file, util::Diagnostics& diags)
{
  auto text = util::read_file(file);
  if (!text) {
    auto e = text.error();
    if (!util::exists(file)) {
      e.detail = "run `pave init` to create a project, or pass --project FILE";
    }
    return std::unexpected(e);
  }
  PAVE_TRY_ASSIGN(Project p, parse(*text, file, diags));
  auto rel = [&](const std::string& f) { return fs::path(f).is_absolute() ? fs::path(f) : p.dir / f; };
  for (const auto& [name, app] : p.apps) {
    if (!app.chart.empty()) {
      const fs::path chart = rel(app.chart);
      const bool ok = util::exists(chart / "Chart.yaml") || (chart.extension() == ".tgz" && util::exists(chart));
      if (!ok) {
        diags.error(fmt::format("{}:{}", file.string(), app.line),
                    fmt::format("chart \"{}\" of app \"{}\" not found", app.chart, name),
                    "expected a directory with Chart.yaml or a .tgz archive");
      }
    }
    for (const auto& v : app.values_files) {
      if (!util::exists(rel(v))) {
        diags.error(fmt::format("{}:{}", file.string(), app.line),
                    fmt::format("values file \"{}\" of app \"{}\" not found", v, name));
      }
    }
  }
  for (const auto& [name, env] : p.environments) {
    for (const auto& v : env.values) {
      if (!util::exists(rel(v))) {
        diags.error(fmt::format("{}:{}", file.string(), env.line),
                    fmt::format("values file \"{}\" of environment \"{}\" not found", v, name));
      }
    }
  }
  diags.sort_by_location();
  return p;
}

} // namespace pave::project
