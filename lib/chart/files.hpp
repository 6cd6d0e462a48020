#pragma once
/// `.Files` for templates: Helm's engine.files, a map of a chart's non-template
/// files with Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pave/chart/chart.hpp>
#include <pave/template/value.hpp>

namespace pave::chart {

class Files final : public tmpl::Object
{
public:
  /// Files of a chart; `owner` keeps the file storage alive.
  Files(std::shared_ptr<const std::vector<File>> owner);

  std::string type_name() const override { return "engine.files"; }
  std::string kind_name() const override { return "map"; }
  std::optional<tmpl::Value> member(std::string_view name, std::span<const tmpl::Value> args) const override;
  bool has_method(std::string_view name) const override;
  /// %v of map[string][]byte: map[name:[byte byte ...] ...].
  std::string format() const override;
  /// map[string][]byte, for range, index and toYaml.
  tmpl::Value to_data() const override;
  bool truth() const override { return !m_files.empty(); }

  /// Get(name): the file's content, "" when absent.
  std::string get(std::string_view name) const;
  /// Glob(pattern): the files whose names match (gobwas/glob, '/' separator);
  /// a malformed pattern matches everything, like Helm's fallback to "**".
  std::shared_ptr<Files> glob(std::string_view pattern) const;
  /// Lines(path): the file split on "\n" after dropping one trailing newline.
  std::vector<std::string> lines(std::string_view path) const;
  /// AsConfig(): base name -> content as YAML (no trailing newline).
  std::string as_config() const;
  /// AsSecrets(): base name -> base64 content as YAML.
  std::string as_secrets() const;

private:
  Files(std::shared_ptr<const std::vector<File>> owner, std::vector<const File*> files);
  const File* find(std::string_view name) const;

  std::shared_ptr<const std::vector<File>> m_owner;
  std::vector<const File*> m_files; ///< sorted by name, unique
};

} // namespace pave::chart
