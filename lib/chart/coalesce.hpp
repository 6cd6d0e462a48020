#pragma once
/// Values coalescing, following Helm 4.2's pkg/chart/common/util/coalesce.go
/// as helmref reproduces it: user values override chart defaults, maps merge,
/// a null user value deletes the key (coalesce) or is kept (merge), subcharts
/// see their own section plus the parent's `global`.
#include <pave/chart/chart.hpp>
#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

struct CoalesceOptions
{
  /// MergeValues instead of CoalesceValues: null values are preserved.
  bool merge = false;
  /// Deep-copy the input values first (Helm always does). Off when the caller
  /// hands over values it will not use again.
  bool copy_input = true;
  /// Deep-copy each chart's default values before merging them in (Helm
  /// always does). Off for the last coalesce of a render, which may then
  /// consume (mutate) the charts' default values; a values map several charts
  /// share (alias copies of one chart) is still copied.
  bool copy_chart_values = true;
};

/// CoalesceValues(chart, vals) / MergeValues: the values every template of
/// `c` and its subcharts will see. Error "type mismatch on NAME" when the
/// section of a subchart is not a map.
util::Result<tmpl::Value> coalesce_values(const Chart& c, const tmpl::Value& vals, CoalesceOptions opts = {});

/// CoalesceTables(dst, src): merges src into dst (dst wins), deleting keys
/// dst sets to null when src has a value for them; returns dst (src when dst
/// is not a map). Both maps may be modified.
tmpl::Value coalesce_tables(const tmpl::Value& dst, const tmpl::Value& src);

/// MergeTables(dst, src): like coalesce_tables but nulls in dst are kept.
tmpl::Value merge_tables(const tmpl::Value& dst, const tmpl::Value& src);

/// Helm's loader.MergeMaps / values.mergeMaps for -f files: a new map with b's
/// keys over a's, maps merged recursively, everything else replaced.
tmpl::Value merge_maps(const tmpl::Value& a, const tmpl::Value& b);

/// Values.PathValue-like lookup of "a.b.c" in nested maps; nullptr when a
/// step is missing or not a map.
const tmpl::Value* path_value(const tmpl::Value& v, std::string_view path);

} // namespace pave::chart
