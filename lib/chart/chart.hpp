#pragma once
/// A loaded Helm chart: metadata, templates, other files, default values, the
/// values schema and its subcharts (Helm's chart.Chart).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pave/chart/metadata.hpp>
#include <pave/template/value.hpp>
#include <pave/util/shared_bytes.hpp>

namespace pave::chart {

/// A file of a chart, named by its path relative to the chart root ("templates/a.yaml").
struct File
{
  std::string name;
  util::SharedBytes data; ///< large files are mapped, not read (see load_dir)
};

/// A CRD manifest from a chart's crds/ directory (Chart.CRDObjects).
struct Crd
{
  std::string filename; ///< chart full path + file name, e.g. "mychart/charts/sub/crds/a.yaml"
  const File* file;
};

/// A partial: a template whose file name starts with '_' (templates/_helpers.tpl).
/// It is parsed for its definitions but not rendered on its own.
bool is_partial(std::string_view template_name);

/// Whether a render parses template `template_name` of a chart with metadata
/// `md`: all of them, but of a library chart only its partials.
bool renders_template(const Metadata& md, std::string_view template_name);

class Chart
{
public:
  Metadata metadata;
  /// templates/**, in load (sorted path) order; shared by alias copies.
  std::shared_ptr<std::vector<File>> templates = std::make_shared<std::vector<File>>();
  /// Every other file (crds/, files/, README ...), in load order; shared by alias copies.
  std::shared_ptr<std::vector<File>> files = std::make_shared<std::vector<File>>();
  /// values.yaml as a map (empty map when absent).
  tmpl::Value values = tmpl::Value::map();
  /// values.schema.json content; empty when the chart has none.
  util::SharedBytes schema;
  /// Enclosing chart, or nullptr for the root.
  Chart* parent = nullptr;
  std::vector<std::shared_ptr<Chart>> dependencies;
  /// On the root after dependency processing: every chart of the loaded tree
  /// and every alias copy made, kept alive because a subchart shared by alias
  /// copies may still name a dropped chart as its parent.
  std::vector<std::shared_ptr<Chart>> retained;

  const std::string& name() const { return metadata.name; }
  bool is_root() const { return parent == nullptr; }
  bool is_library() const { return metadata.type == "library"; }
  /// "root/charts/sub/charts/subsub": the prefix of template names.
  std::string full_path() const;
  /// Adds `dep` as a subchart and sets its parent.
  void add_dependency(std::shared_ptr<Chart> dep);
  /// CRDs of this chart (crds/*.yaml|yml|json) and then of its dependencies, recursively.
  std::vector<Crd> crd_objects() const;
};

} // namespace pave::chart
