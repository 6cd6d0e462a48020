#pragma once
/// Chart.yaml: Helm's chart.Metadata, Maintainer and Dependency, read the way
/// sigs.k8s.io/yaml decodes them (case-insensitive keys, scalars coerced to
/// string fields), validated like Metadata.Validate, and shown to templates as
/// `.Chart` (a map keyed by the Go field names).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

struct Maintainer
{
  std::string name, email, url;
};

/// One entry of `dependencies:` (Chart.yaml v2) or requirements.yaml (v1).
struct Dependency
{
  std::string name, version, repository, condition;
  std::vector<std::string> tags;
  bool enabled = false;
  /// import-values entries: strings or {child, parent} maps, as decoded.
  tmpl::ListItems import_values;
  std::string alias;
};

struct Metadata
{
  std::string name, home;
  std::vector<std::string> sources;
  std::string version, description;
  std::vector<std::string> keywords;
  std::vector<Maintainer> maintainers;
  std::string icon, api_version, condition, tags, app_version;
  bool deprecated = false;
  std::vector<std::pair<std::string, std::string>> annotations; ///< sorted by key
  bool has_annotations = false;                                 ///< the map was present (non-nil)
  std::string kube_version;
  /// Shared objects, like Go's []*Dependency: a copy of the metadata (an
  /// alias of a subchart) shares them, and processing one changes the other.
  std::vector<std::shared_ptr<Dependency>> dependencies;
  bool has_dependencies = false; ///< Go's `Dependencies != nil`
  std::string type;
};

/// Decodes a parsed YAML document into `md` like yaml.Unmarshal into
/// *chart.Metadata: only the fields present are overwritten (so
/// requirements.yaml can add dependencies to a loaded Chart.yaml). `file`
/// names the document in errors ("cannot load Chart.yaml: ...").
util::Result<void> decode_metadata(const tmpl::Value& doc, std::string_view file, Metadata& md);

/// Helm's full Metadata.Validate (for lint-like checks; the loader, like
/// helmref, only checks the type): sanitizes the strings (white space to
/// spaces, unprintable runes dropped), then "validation: chart.metadata.name is
/// required", "...version \"x\" is invalid", "...type must be application or
/// library", alias format, duplicate dependency names.
util::Result<void> validate_metadata(Metadata& md);

/// `.Chart` for templates: Helm 4's structToMap of chart.Metadata (keys are
/// Go field names: Name, Version, AppVersion, Dependencies ...).
tmpl::Value metadata_as_map(const Metadata& md);

/// Go's strconv.FormatFloat(f, 'g', -1, 32), used when a YAML number lands in
/// a string field of Chart.yaml (`version: 1.10` becomes "1.1").
std::string format_float32(double f);

} // namespace pave::chart
