#pragma once
/// Loading charts from a directory, a .tgz archive or in-memory files, like
/// Helm's pkg/chart/loader: Chart.yaml (v1 or v2), requirements.yaml,
/// values.yaml, values.schema.json, templates/, charts/ (directories and
/// archives), .helmignore, and validation of the metadata.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <pave/chart/chart.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// Told of each template file a render of the chart would parse, with the
/// name the render gives it ("top/charts/sub/templates/a.yaml"; a library
/// chart's files other than its partials are left out), as soon as the file
/// and its chart's Chart.yaml are loaded: before values.yaml is decoded and
/// before the subcharts are loaded. A caller can start parsing meanwhile (see
/// tmpl::ParseAhead). Dependency processing may later drop a subchart or
/// rename it after its alias; its files are told under the chart's own name.
using TemplateSink = std::function<void(const std::string& name, const File& file)>;

/// Loads the chart at `path`: a directory (honouring its .helmignore) or a
/// chart archive. Errors are Helm's, e.g. "Chart.yaml file is missing",
/// "validation: chart.metadata.type must be application or library",
/// "error unpacking subchart sub in parent: ...".
util::Result<std::shared_ptr<Chart>> load_chart(const std::filesystem::path& path, const TemplateSink& sink = {});

/// Loads a chart directory.
util::Result<std::shared_ptr<Chart>> load_dir(const std::filesystem::path& dir, const TemplateSink& sink = {});

/// Loads a chart archive from memory.
util::Result<std::shared_ptr<Chart>> load_archive(std::string_view data, const TemplateSink& sink = {});

/// LoadFiles: builds a chart from files named relative to its root.
util::Result<std::shared_ptr<Chart>> load_files(std::vector<File> files, const TemplateSink& sink = {});

} // namespace pave::chart
