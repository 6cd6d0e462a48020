#pragma once
/// Dependency processing before rendering (Helm's ProcessDependencies):
/// aliases, enabling by tags and conditions, and import-values.
#include <pave/chart/chart.hpp>
#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// processDependencyEnabled: matches Chart.yaml dependencies to loaded
/// subcharts (name and version constraint), applies aliases (a renamed copy of
/// the subchart), evaluates `tags` and `condition` against the coalesced user
/// values, and removes disabled subcharts, recursively.
util::Result<void> process_dependency_enabled(Chart& c, const tmpl::Value& values);

/// processDependencyImportValues with merge, for charts whose dependencies
/// declare import-values: children first, each chart's
/// import-values (`- child: a.b` / `parent: x.y` maps, or `- name` for
/// exports.name) are merged under the chart's own values, which win.
util::Result<void> process_import_values(Chart& c);

/// ProcessDependencies: enabled, then import values.
util::Result<void> process_dependencies(Chart& c, const tmpl::Value& values);

} // namespace pave::chart
