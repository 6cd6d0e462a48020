#pragma once
/// The rendering engine (Helm's pkg/engine): builds each chart's template
/// context (.Values scoped to the chart, .Chart, .Files, .Release,
/// .Capabilities, .Subcharts, .Template), parses every template of the chart
/// and its subcharts into one template set, and executes the non-partial ones
/// in Helm's order.
#include <memory>
#include <string>
#include <vector>

#include <pave/chart/chart.hpp>
#include <pave/chart/heads_ahead.hpp>
#include <pave/template/function.hpp>
#include <pave/template/parse_ahead.hpp>
#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

struct EngineInput
{
  tmpl::Value values;       ///< coalesced values of the root chart (a map)
  tmpl::Value release;      ///< .Release (a map)
  tmpl::Value capabilities; ///< .Capabilities
  /// Templates parsed ahead of the render (see chart::TemplateSink), or null.
  tmpl::ParseAhead* parse_ahead = nullptr;
  /// Where the finished pieces of a large output go to have their document
  /// heads decoded while the render goes on (RenderedTemplate::heads), or null.
  HeadsAhead* heads_ahead = nullptr;
};

struct RenderedTemplate
{
  std::string name; ///< "root/charts/sub/templates/a.yaml"
  /// The output with "<no value>" removed, in one piece, or for a large output
  /// in pieces of about 256 KiB that each end where a document ends
  /// (last_document_cut), so that it is never copied whole to grow it.
  std::vector<std::shared_ptr<const std::string>> output;
  /// With EngineInput::heads_ahead: heads[i] decodes output[i]'s document
  /// heads, for the pieces finished while the template executed; null for
  /// the others (the last piece at least).
  std::vector<std::shared_ptr<PieceHeads>> heads;
};

/// Helm's sortTemplates: deeper paths first, then reverse lexical order.
void sort_templates(std::vector<std::string>& names);

/// Renders the templates of `c` and its subcharts with `funcs` (which must
/// contain include/tpl: see make_function_table). Returns the rendered
/// non-partial templates sorted by name; NOTES.txt files are rendered (their
/// errors count) but left out. Errors: "parse error in NAME: ..." and
/// "execution error in NAME: ...". When `parsed` is given it receives the
/// parsed templates instead of their being freed here, so the caller can free
/// them later (freeing tens of thousands of nodes takes a tenth of a render).
util::Result<std::vector<RenderedTemplate>> render_templates(const Chart& c, const EngineInput& in,
                                                             const tmpl::FunctionTable& funcs,
                                                             std::shared_ptr<void>* parsed = nullptr);

} // namespace pave::chart
