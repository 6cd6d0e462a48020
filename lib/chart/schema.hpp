#pragma once
/// values.schema.json validation (Helm's ValidateAgainstSchema): the coalesced
/// values of a chart and, recursively, of each subchart are checked against
/// the chart's JSON schema.
#include <memory>
#include <string>
#include <string_view>

#include <pave/chart/chart.hpp>
#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// Validates `values` against one schema document. Returns the error lines
/// ("- at '/replicaCount': got string, want integer\n"), empty when valid.
/// Error when the schema itself is not valid JSON or not a usable schema.
util::Result<std::string> validate_against_single_schema(const tmpl::Value& values, std::string_view schema_json);

/// A schema validation of a chart tree prepared from a snapshot of the values,
/// so it can run on another thread while the templates (which may change the
/// values) render.
class SchemaCheck
{
public:
  SchemaCheck();
  ~SchemaCheck();
  SchemaCheck(SchemaCheck&&) noexcept;
  SchemaCheck& operator=(SchemaCheck&&) noexcept;

  /// Snapshots the values each schema of `c` and its subcharts will check.
  /// The chart must outlive the check (the schema texts are not copied).
  static SchemaCheck prepare(const Chart& c, const tmpl::Value& values);
  /// True when no chart of the tree has a schema.
  bool empty() const;
  /// Validates; the error is validate_against_schema's.
  util::Result<void> run() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// ValidateAgainstSchema for a chart tree. On failure the message is Helm's:
/// "values don't meet the specifications of the schema(s) in the following
/// chart(s):\nNAME:\n- at '/x': ...".
util::Result<void> validate_against_schema(const Chart& c, const tmpl::Value& values);

} // namespace pave::chart
