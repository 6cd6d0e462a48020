#include <pave/config/settings.hpp>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

namespace pave::config {

namespace {

constexpr std::string_view k_output_choices[] = {"table", "json", "yaml"};
constexpr std::string_view k_color_choices[] = {"auto", "always", "never"};
constexpr std::string_view k_log_format_choices[] = {"text", "json"};
constexpr std::string_view k_log_level_choices[] = {"error", "warn", "info", "debug", "trace"};

constexpr KeySpec k_keys[] = {
  {"project_file", "pave.toml", "PAVE_PROJECT", "--project", false, {}, "project file to read"},
  {"environment", "dev", "PAVE_ENV", "--env", true, {}, "environment of pave.toml to act on"},
  {"output", "table", "PAVE_OUTPUT", "--output", true, k_output_choices, "format of data written to stdout"},
  {"color", "auto", "PAVE_COLOR", "--color", true, k_color_choices,
   "colour on stdout/stderr: auto = only on a terminal and without NO_COLOR"},
  {"log_format", "text", "PAVE_LOG_FORMAT", "--log-format", true, k_log_format_choices, "format of log lines on stderr"},
  {"log_level", "warn", "PAVE_LOG_LEVEL", "-q/-v", true, k_log_level_choices, "least severe log level shown"},
  {"state_dir", ".pave/state", "PAVE_STATE_DIR", "--state-dir", true, {},
   "where states live: a directory relative to the project, or s3://BUCKET/PREFIX (pave.toml: [state] backend)"},
  {"lock_timeout", "0s", "PAVE_LOCK_TIMEOUT", "--lock-timeout", true, {}, "how long to wait for a held state lock"},
  {"kubeconfig", "", "PAVE_KUBECONFIG", "--kubeconfig", true, {}, "kubeconfig file(s); empty = KUBECONFIG or ~/.kube/config"},
  {"kube_context", "", "PAVE_KUBE_CONTEXT", "--context", true, {}, "kubeconfig context; empty = the environment's"},
};

bool allowed(const KeySpec& spec, std::string_view value)
{
  return spec.choices.empty() || std::find(spec.choices.begin(), spec.choices.end(), value) != spec.choices.end();
}

std::string choices_text(const KeySpec& spec)
{
  std::string out;
  for (auto c : spec.choices) {
    out += out.empty() ? "" : ", ";
    out += c;
  }
  return out;
}

} // namespace

std::span<const KeySpec> key_table()
{
  return k_keys;
}

const KeySpec* find_key(std::string_view key)
{
  for (const auto& k : k_keys) {
    if (k.key == key) {
      return &k;
    }
  }
  return nullptr;
}

std::string_view origin_name(Origin o)
{
  switch (o) {
  case Origin::default_value: return "default";
  case Origin::file: return "file";
  case Origin::env: return "env";
  case Origin::flag: return "flag";
  }
  return "default";
}

std::optional<std::string> process_env(std::string_view name)
{
  const char* v = std::getenv(std::string(name).c_str());
  if (v == nullptr) {
    return std::nullopt;
  }
  return std::string(v);
}

Settings Settings::resolve(const Sources& sources, util::Diagnostics& diags)
{
  Settings s;
  for (const auto& spec : k_keys) {
    Setting cur{std::string(spec.default_value), Origin::default_value, "default"};
    auto consider = [&](const std::string& value, Origin origin, const std::string& source) {
      if (!allowed(spec, value)) {
        diags.error(source, fmt::format("invalid value \"{}\" for {}", value, spec.key),
                    fmt::format("expected one of: {}", choices_text(spec)));
        return;
      }
      cur = Setting{value, origin, source};
    };
    if (spec.file_ok) {
      if (auto it = sources.file.find(spec.key); it != sources.file.end()) {
        consider(it->second.value, Origin::file, it->second.source);
      }
    }
    if (sources.env) {
      if (auto v = sources.env(spec.env)) {
        consider(*v, Origin::env, std::string(spec.env));
      }
    }
    if (auto it = sources.flags.find(spec.key); it != sources.flags.end()) {
      consider(it->second.value, Origin::flag, it->second.source);
    }
    s.m_values.emplace(std::string(spec.key), std::move(cur));
  }
  return s;
}

const std::string& Settings::get(std::string_view key) const
{
  return setting(key).value;
}

const Setting& Settings::setting(std::string_view key) const
{
  static const Setting k_empty{};
  auto it = m_values.find(key);
  return it == m_values.end() ? k_empty : it->second;
}

void Settings::set(std::string_view key, std::string value, Origin origin, std::string source)
{
  m_values[std::string(key)] = Setting{std::move(value), origin, std::move(source)};
}

} // namespace pave::config
