#pragma once
/// The shared AWS config files, ~/.aws/config and ~/.aws/credentials: an
/// INI dialect parsed by hand (it is small, and Debian's INI libraries do not
/// handle its nested sub-sections). Rules, as botocore reads them: `[name]`
/// sections, `key = value` (or `key: value`), full-line comments with '#'
/// or ';', key names lower-cased, and a key with an empty value followed by
/// indented `sub = value` lines becomes "key.sub" (e.g. `s3 =\n  addressing_style = path`).
/// In the config file profiles are `[profile NAME]` (and `[default]`); in
/// the credentials file they are `[NAME]`.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::cloud::aws {

using IniSection = std::map<std::string, std::string>;
using IniFile = std::map<std::string, IniSection>;

/// Parses the text of a config file. Error: "FILE:LINE: expected '[section]' or 'key = value'".
util::Result<IniFile> parse_ini(std::string_view text, std::string_view file);

/// Where the AWS settings come from: the process environment and home
/// directory, replaceable in tests.
struct AwsEnv
{
  std::function<std::optional<std::string>(const std::string&)> getenv;
  std::filesystem::path home;

  /// The variable's value when set and non-empty.
  std::optional<std::string> get(const std::string& name) const;
};

/// getenv() and $HOME.
AwsEnv system_env();

/// One profile: the config file's `[profile NAME]` (or `[default]`) merged
/// with the credentials file's `[NAME]`, whose keys win.
struct Profile
{
  std::string name;
  IniSection values;
  bool found = false; ///< present in either file

  /// A value, or nullopt.
  std::optional<std::string> get(const std::string& key) const;
};

/// Both files, read once. Missing files are empty.
struct SharedConfig
{
  IniFile config;      ///< sections keyed "profile NAME" / "default" as written
  IniFile credentials; ///< sections keyed by profile name

  /// AWS_CONFIG_FILE (default ~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE
  /// (default ~/.aws/credentials). Error only for unreadable or malformed files.
  static util::Result<SharedConfig> load(const AwsEnv& env);

  Profile profile(const std::string& name) const;
};

/// The profile to use: `explicit_profile` (pave.toml aws_profile) when set,
/// else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else "default".
std::string profile_name(const AwsEnv& env, const std::string& explicit_profile);

} // namespace pave::cloud::aws
