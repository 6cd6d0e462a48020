#pragma once
#include <cstdint>
/// Go text/template, complete: the public interface of the engine.
///
/// A TemplateSet is Go's *template.Template with its associated templates: it
/// parses named template texts (each may {{define}} more), then executes any
/// of them. Options match Helm's: missingkey=zero. Error texts match Go's
/// exactly, e.g. `template: mychart/templates/a.yaml:3:7: executing
/// "mychart/templates/a.yaml" at <.Values.x.y>: nil pointer evaluating interface {}.y`.
#include <functional>
#include <memory>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include <pave/template/function.hpp>
#include <pave/template/value.hpp>
#include <pave/util/expected.hpp>

namespace pave::tmpl {

class ParseAhead;

/// Limits that turn hostile templates into clear errors instead of crashes.
struct Limits
{
  int max_exec_depth = 100000;      ///< Go's maxExecDepth for nested template calls
  int max_parse_depth = 10000;      ///< nesting of parenthesised pipelines / control actions
  std::size_t max_output = std::size_t(1) << 30; ///< bytes one execution may produce
  /// Nodes one execution may walk (each action, text and loop iteration
  /// counts): bounds the time of hostile loops such as nested `range` over
  /// `until 1000000`. Go has no such limit; neither has the default.
  std::uint64_t max_steps = UINT64_MAX;
  /// Bytes of stack parsing and execution may use: they run on a thread with a
  /// stack this large (reserved, committed as used) and fail cleanly near its end.
  std::size_t max_stack = std::size_t(1) << 30;
};

/// Receives, in order, the pieces of a large output as the template writes
/// it (see Exec::run), so they can be used before the template ends.
using Spill = std::function<void(std::string&& piece)>;

class TemplateSet
{
public:
  /// `funcs` must outlive the set. Function names are resolved at parse time
  /// like Go ("function \"x\" not defined").
  explicit TemplateSet(const FunctionTable& funcs, Limits limits = {});
  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;

  /// Parses `text` as template `name` (Go's t.New(name).Parse(text)). Its
  /// {{define}} blocks become templates too; a later definition replaces an
  /// earlier one, like Go's AddParseTree. Error: "template: NAME:LINE: MESSAGE".
  util::Result<void> parse(std::string_view name, std::string_view text);

  struct Source
  {
    std::string_view name;
    std::string_view text;
  };
  /// parse() of each source in order, with the same result, but the parsing
  /// itself (independent per source) runs on up to `threads` (at most two)
  /// threads when there is enough text; the trees are then added in order, so
  /// later definitions still win. On failure no tree is added, and `failed`
  /// (when given) is set to the index of the first source that does not parse.
  /// With `ahead`, what it parsed of the sources (same name, same text) is
  /// taken from it instead, the rest parsed on the calling thread, and then
  /// `ahead` is cancelled; `threads` is not used then.
  util::Result<void> parse_all(std::span<const Source> sources, std::size_t* failed = nullptr, int threads = 2,
                               ParseAhead* ahead = nullptr);

  /// True when a template with this name exists (defined or parsed).
  bool has(std::string_view name) const;

  /// Executes template `name` with `data` as dot and $, appending output to `out`.
  /// Errors are Go's: "template: NAME:LINE:COL: executing \"NAME\" at <...>: ...",
  /// or "template: no template %q associated with template %q".
  /// With `spill`, a large output is handed over in pieces: the strings
  /// passed to *spill as they fill, then `out` (see Exec::run).
  util::Result<void> execute(std::string_view name, const Value& data, std::string& out,
                             const Spill* spill = nullptr);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace pave::tmpl
