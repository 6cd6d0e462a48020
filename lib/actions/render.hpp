#pragma once
/// `pave render`: Helm's `helm template` as a library action. Loads a chart,
/// merges user values, processes dependencies, validates values against the
/// schemas, renders every template and orders the manifests, producing
/// exactly what `helm template` (Helm 4.2, as helmref reproduces it) prints.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pave/chart/functions.hpp>
#include <pave/util/expected.hpp>

namespace pave::actions {

struct RenderOptions
{
  std::string chart;                      ///< chart directory or .tgz
  std::string release_name = "release-name";
  std::string namespace_ = "default";
  std::vector<std::string> values_files;  ///< -f, merged in order ("-" reads stdin)
  std::vector<std::string> set;           ///< --set a.b=c,d[0]=e
  std::vector<std::string> set_string;    ///< --set-string
  std::vector<std::string> set_file;      ///< --set-file key=path
  std::vector<std::string> set_json;      ///< --set-json key=JSON or a JSON object
  std::vector<std::string> api_versions;  ///< --api-versions (comma-separated lists allowed)
  std::vector<std::string> show_only;     ///< --show-only path patterns ("templates/x.yaml")
  std::string kube_version;               ///< --kube-version; empty = default (v1.20.0)
  bool include_crds = false;              ///< --include-crds
  bool skip_tests = false;                ///< --skip-tests
  bool is_upgrade = false;                ///< --is-upgrade
  bool use_release_name = false;          ///< --release-name (output-dir/<release>/...)
  std::string output_dir;                 ///< --output-dir; empty = print to stdout
  chart::LookupFn lookup;                 ///< live `lookup` (plan/deploy); empty = offline, like helm template
  /// For a process that exits after this render: the chart, values and parsed
  /// templates are never freed (the exit frees them) instead of being freed
  /// on a background thread. The memory stays reachable, so leak checkers do
  /// not report it.
  bool leave_garbage_to_exit = false;
};

/// One rendered YAML document, for plan/deploy.
struct RenderedDocument
{
  std::string source;        ///< "mychart/templates/deployment.yaml" (CRDs: "mychart/crds/x.yaml")
  std::string kind;
  std::string name;          ///< metadata.name
  std::string_view content;  ///< the document text (kept alive by the RenderResult)
  bool crd = false;          ///< a file from crds/ (only with include_crds), content is the whole file
  bool hook = false;
  std::vector<std::string> hook_events; ///< "pre-install", "test" ...
  int hook_weight = 0;
};

class RenderResult
{
public:
  /// Resources in install order (CRDs first when included), then hooks in
  /// hook order (test hooks dropped with skip_tests).
  std::vector<RenderedDocument> documents;

  /// What `helm template` prints on stdout (with --output-dir: the "wrote
  /// PATH" lines and a final empty line).
  std::string manifest() const;
  /// Writes manifest() to `out` without building it in memory. Returns false on a write error.
  bool write(std::FILE* out) const;

  // Output is a sequence of pieces referring to the buffers below.
  std::vector<std::string_view> pieces;
  std::vector<std::shared_ptr<const std::string>> buffers;
};

/// Runs the whole pipeline. Errors are Helm's one-line messages (without the
/// "Error: " prefix), e.g. "execution error in mychart/templates/a.yaml: x is
/// required", "could not find template templates/nope.yaml in chart".
util::Result<RenderResult> render(const RenderOptions& opts);

} // namespace pave::actions
