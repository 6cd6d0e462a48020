#pragma once
/// Loading charts from a directory, a .tgz archive or in-memory files, like
/// Helm's pkg/chart/loader: Chart.yaml (v1 or v2), requirements.yaml,
/// values.yaml, values.schema.json, templates/, charts/ (directories and
/// archives), .helmignore, and validation of the metadata.
#include <filesystem>
#include <memory>
#include <vector>

#include <pave/chart/chart.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// Loads the chart at `path`: a directory (honouring its .helmignore) or a
/// chart archive. Errors are Helm's, e.g. "Chart.yaml file is missing",
/// "validation: chart.metadata.type must be application or library",
/// "error unpacking subchart sub in parent: ...".
util::Result<std::shared_ptr<Chart>> load_chart(const std::filesystem::path& path);

/// Loads a chart directory.
util::Result<std::shared_ptr<Chart>> load_dir(const std::filesystem::path& dir);

/// Loads a chart archive from memory.
util::Result<std::shared_ptr<Chart>> load_archive(std::string_view data);

/// LoadFiles: builds a chart from files named relative to its root.
util::Result<std::shared_ptr<Chart>> load_files(std::vector<File> files);

} // namespace pave::chart
