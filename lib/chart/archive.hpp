#pragma once
/// Chart archives (.tgz): reading the files of a gzipped tarball the way
/// Helm's loader/archive.LoadArchiveFiles does.
#include <string_view>
#include <vector>

#include <pave/chart/chart.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// The regular files of a chart archive, named relative to the archive's top
/// directory (the first path component is dropped), UTF-8 BOMs removed,
/// sorted by name. Errors are Helm's: "chart illegally references parent
/// directory", "chart yaml not in base directory", "no files in chart archive",
/// or the decompression error.
util::Result<std::vector<File>> read_chart_archive(std::string_view data);

} // namespace pave::chart
