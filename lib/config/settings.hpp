#pragma once
/// pave's settings as one table: every key once, with its type, default,
/// environment variable, flag, and whether pave.toml may set it. Values are
/// resolved with the precedence flags > PAVE_* environment > pave.toml
/// [settings] > defaults, and each remembers where it came from.
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <pave/util/diagnostics.hpp>
#include <pave/util/expected.hpp>

namespace pave::config {

/// One settings key.
struct KeySpec
{
  std::string_view key;           ///< name in pave.toml [settings] and `config show`
  std::string_view default_value; ///< as text
  std::string_view env;           ///< environment variable, e.g. PAVE_OUTPUT
  std::string_view flag;          ///< command-line flag, e.g. --output
  bool file_ok;                   ///< may be set in pave.toml [settings]
  std::span<const std::string_view> choices; ///< allowed values; empty = any string
  std::string_view description;
};

/// Every key, in display order.
std::span<const KeySpec> key_table();
/// The spec of `key`, or nullptr.
const KeySpec* find_key(std::string_view key);

enum class Origin { default_value, file, env, flag };

/// A resolved value and where it came from.
struct Setting
{
  std::string value;
  Origin origin = Origin::default_value;
  std::string source; ///< "default", "pave.toml:4", "PAVE_OUTPUT", "--output"
};

/// A value set somewhere, before resolution.
struct RawValue
{
  std::string value;
  std::string source;
};

/// Inputs to resolution. `env` looks up an environment variable (nullopt = unset).
struct Sources
{
  std::map<std::string, RawValue, std::less<>> file;  ///< key -> value from pave.toml [settings]
  std::map<std::string, RawValue, std::less<>> flags; ///< key -> value from the command line
  std::function<std::optional<std::string>(std::string_view)> env;
};

/// The effective settings.
class Settings
{
public:
  /// Resolves every key of the table. Invalid values (not among the key's
  /// choices) are reported in `diags` naming their source, and the next
  /// source down is used instead.
  static Settings resolve(const Sources& sources, util::Diagnostics& diags);

  /// The value of `key`; precondition: key is in the table.
  const std::string& get(std::string_view key) const;
  const Setting& setting(std::string_view key) const;
  /// Overrides a value (used for values only known after resolution).
  void set(std::string_view key, std::string value, Origin origin, std::string source);
  const std::map<std::string, Setting, std::less<>>& all() const { return m_values; }

private:
  std::map<std::string, Setting, std::less<>> m_values;
};

/// Reads the process environment (std::getenv).
std::optional<std::string> process_env(std::string_view name);

/// "default", "file", "env", "flag".
std::string_view origin_name(Origin o);

} // namespace pave::config
