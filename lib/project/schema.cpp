#include <pave/project/schema.hpp>

namespace pave::project {

namespace {

constexpr std::string_view k_targets[] = {"kubernetes", "directory"};

constexpr FieldSpec k_project[] = {
  {"name", FieldType::string, true, "project name, a DNS-1123 label (lowercase letters, digits, '-')"},
  {"description", FieldType::string, false, "free text"},
};

constexpr FieldSpec k_environment[] = {
  {"target", FieldType::string, false, "where deploys go: kubernetes (default) or directory (GitOps)", k_targets},
  {"directory", FieldType::string, false, "target = directory: folder the rendered manifests are written to"},
  {"kubeconfig", FieldType::string, false, "kubeconfig file; default KUBECONFIG or ~/.kube/config"},
  {"context", FieldType::string, false, "kubeconfig context"},
  {"namespace", FieldType::string, false, "default namespace of the environment's apps"},
  {"values", FieldType::string_array, false, "values files applied to every app, in order"},
  {"region", FieldType::string, false, "cloud region, e.g. us-east-1"},
  {"account_id", FieldType::string, false, "cloud account id"},
  {"aws_profile", FieldType::string, false, "AWS profile from ~/.aws/config"},
  {"endpoint_url", FieldType::string, false, "AWS endpoint override (e.g. a local emulator)"},
};

constexpr FieldSpec k_app[] = {
  {"chart", FieldType::string, false, "chart directory or .tgz, relative to pave.toml"},
  {"template", FieldType::string, false, "built-in starter chart: web-service, worker or cronjob (when chart is unset)"},
  {"release", FieldType::string, false, "Helm release name; default the app name"},
  {"namespace", FieldType::string, false, "namespace; default the environment's"},
  {"values_files", FieldType::string_array, false, "values files, in order, after the environment's"},
  {"values", FieldType::table, false, "inline values, applied after values files"},
  {"environments", FieldType::string_array, false, "environments this app is deployed to; default all"},
  {"overrides", FieldType::table, false, "per-environment overrides: overrides.ENV.values / values_files"},
};

constexpr FieldSpec k_override[] = {
  {"values_files", FieldType::string_array, false, "values files added for this environment"},
  {"values", FieldType::table, false, "inline values added for this environment"},
};

constexpr FieldSpec k_state[] = {
  {"backend", FieldType::string, false,
   "where each environment's state lives: a directory (relative to pave.toml) or s3://BUCKET/PREFIX "
   "(PREFIX/ENV.json); the state_dir setting (--state-dir, PAVE_STATE_DIR) overrides it"},
  {"region", FieldType::string, false, "s3 backend: the bucket's region; default the environment's region"},
  {"aws_profile", FieldType::string, false, "s3 backend: AWS profile; default the environment's"},
  {"endpoint_url", FieldType::string, false, "s3 backend: S3 endpoint override; default the environment's"},
};

constexpr SectionSpec k_sections[] = {
  {"project", "The project itself", k_project},
  {"state", "Where environments keep their state (see docs/state.md)", k_state},
  {"settings", "Settings, as `pave config show` lists them", {}},
  {"environments.NAME", "One table per environment (dev, staging, prod ...)", k_environment},
  {"apps.NAME", "One table per application", k_app},
  {"apps.NAME.overrides.ENV", "An app's settings for one environment", k_override},
};

constexpr std::string_view k_reserved[] = {"cloud", "backup", "failover", "cost"};

} // namespace

std::span<const SectionSpec> sections()
{
  return k_sections;
}

const SectionSpec* find_section(std::string_view path)
{
  for (const auto& s : k_sections) {
    if (s.path == path) {
      return &s;
    }
  }
  return nullptr;
}

std::span<const std::string_view> reserved_sections()
{
  return k_reserved;
}

std::string_view type_name(FieldType t)
{
  switch (t) {
  case FieldType::string: return "string";
  case FieldType::integer: return "integer";
  case FieldType::boolean: return "boolean";
  case FieldType::string_array: return "array of strings";
  case FieldType::table: return "table";
  }
  return "value";
}

} // namespace pave::project
