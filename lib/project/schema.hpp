#pragma once
/// The schema of pave.toml as data: every section and key once, with its type
/// and documentation. The loader validates against it and `pave config schema`
/// prints it, so the documentation cannot drift from what is accepted.
#include <span>
#include <string_view>

namespace pave::project {

enum class FieldType {
  string,
  integer,
  boolean,
  string_array,
  table,      ///< free-form table (values, reserved sections)
};

struct FieldSpec
{
  std::string_view name;
  FieldType type;
  bool required;
  std::string_view description;
  std::span<const std::string_view> choices{}; ///< for strings: allowed values
};

/// A section of the file: "project", "environments.<name>", "apps.<name>", ...
struct SectionSpec
{
  std::string_view path;        ///< as written in docs, e.g. "environments.NAME"
  std::string_view description;
  std::span<const FieldSpec> fields;
};

std::span<const SectionSpec> sections();
/// The section spec for `path` (e.g. "apps.NAME"), or nullptr.
const SectionSpec* find_section(std::string_view path);
/// Top-level tables reserved for features that interpret them themselves.
std::span<const std::string_view> reserved_sections();
/// Name of a FieldType as written in errors: "string", "array of strings", ...
std::string_view type_name(FieldType t);

} // namespace pave::project
