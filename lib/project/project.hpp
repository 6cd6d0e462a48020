#pragma once
/// The project file, pave.toml: its data model. The schema is in schema.hpp
/// and documented in docs/pave-toml.md; load.hpp reads and validates it.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/config/settings.hpp>

namespace pave::project {

/// Where an environment's rendered resources go.
enum class TargetKind { kubernetes, directory };

struct Environment
{
  std::string name;
  TargetKind target = TargetKind::kubernetes;
  std::string directory;       ///< target = "directory": where manifests are written
  std::string kubeconfig;      ///< kubeconfig file; empty = KUBECONFIG or ~/.kube/config
  std::string context;         ///< kubeconfig context
  std::string namespace_;      ///< default namespace of the environment's apps
  std::vector<std::string> values; ///< values files applied to every app, in order
  std::string region;          ///< cloud region
  std::string account_id;      ///< cloud account
  std::string aws_profile;     ///< AWS profile name
  std::string endpoint_url;    ///< AWS endpoint override
  int line = 0;
};

/// Per-environment settings of one app.
struct AppOverride
{
  std::vector<std::string> values_files;
  nlohmann::json values = nlohmann::json::object();
};

struct App
{
  std::string name;
  std::string chart;      ///< chart directory or .tgz, relative to the project
  std::string template_;  ///< built-in starter template (when chart is empty)
  std::string release;    ///< Helm release name; defaults to the app name
  std::string namespace_; ///< defaults to the environment's namespace
  std::vector<std::string> values_files;
  nlohmann::json values = nlohmann::json::object(); ///< inline values
  std::vector<std::string> environments;            ///< empty = every environment
  std::map<std::string, AppOverride> overrides;     ///< by environment name
  int line = 0;
};

/// [state]: where environments keep their state.
struct StateConfig
{
  std::string backend;      ///< "" (the state_dir setting), a directory, or "s3://BUCKET/PREFIX"
  std::string region;       ///< the bucket's region; default the environment's
  std::string aws_profile;  ///< default the environment's
  std::string endpoint_url; ///< default the environment's (then AWS_ENDPOINT_URL_S3 ...)
  std::string source;       ///< "pave.toml:LINE" of `backend`
};

struct Project
{
  std::filesystem::path file; ///< the pave.toml read
  std::filesystem::path dir;  ///< its directory; relative paths are resolved from it
  std::string name;
  std::map<std::string, Environment> environments;
  std::map<std::string, App> apps;
  StateConfig state;
  /// [settings]: key -> value with source "pave.toml:LINE", for config::Settings.
  std::map<std::string, config::RawValue, std::less<>> settings;
  /// Raw tables of sections later features interpret ([cloud], [backup], [failover], [cost]).
  std::map<std::string, nlohmann::json> reserved;

  /// Apps deployed to `env`, in name order.
  std::vector<const App*> apps_for(std::string_view env) const;
};

} // namespace pave::project
