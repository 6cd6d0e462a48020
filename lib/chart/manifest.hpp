#pragma once
/// Rendered manifests: splitting template output into YAML documents, telling
/// hooks from resources, and ordering them for install (Helm's
/// releaseutil.SortManifests with InstallOrder, as helmref reproduces it).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <pave/chart/heads_ahead.hpp>
#include <pave/util/expected.hpp>

namespace pave::chart {

/// One YAML document of a rendered template.
struct Manifest
{
  std::string_view source;  ///< template path, e.g. "mychart/templates/svc.yaml"
  std::string_view content; ///< document text, leading white space removed (a view into the render output)
  std::string kind;
  std::string name;          ///< metadata.name
  bool is_hook = false;      ///< has a helm.sh/hook annotation
  std::vector<std::string> hook_events; ///< lower-cased, trimmed: "pre-install", "test" ...
  int hook_weight = 0;       ///< helm.sh/hook-weight, 0 when absent or not an integer
  int order = -1;            ///< install_order(kind)
};

struct SortedManifests
{
  std::vector<Manifest> generic; ///< resources in install order
  std::vector<Manifest> hooks;   ///< hooks by kind, then by weight
};

/// A rendered template (or a piece of one): its path and output.
struct RenderedFile
{
  std::string_view name;
  std::string_view content;
  /// content's documents and their heads, decoding ahead (HeadsAhead), or null.
  std::shared_ptr<PieceHeads> heads = nullptr;
};

/// Splits one template's output into documents the way helmref does: after
/// trimming leading white space, on lines starting with "---" (plus trailing
/// blanks); blank documents are dropped and each keeps its text from its first
/// non-blank character.
std::vector<std::string_view> split_documents(std::string_view content);

/// Where `content` can be cut without changing what split_documents finds:
/// the start of its last line, other than the first, that begins with "---"
/// (std::string_view::npos when there is none). split_documents of the text
/// before the cut, then of the text from it, yields the documents of the whole.
std::size_t last_document_cut(std::string_view content);

/// Helm's releaseutil.SplitManifests (used by --show-only): documents split on
/// "---" lines and trimmed of white space at both ends, in order.
std::vector<std::string_view> split_manifests_trimmed(std::string_view content);

/// SortManifests: `files` sorted by path; partials ("_*") and blank files are
/// skipped. Documents and heads decoded ahead are taken from
/// RenderedFile::heads. Documents with a helm.sh/hook annotation become hooks.
/// Error "YAML parse error on PATH: ..." when a document's head does not parse.
util::Result<SortedManifests> sort_manifests(const std::vector<RenderedFile>& files);

/// Install-order rank of a kind (PriorityClass=0 ... ValidatingWebhookConfiguration);
/// -1 for kinds not in Helm's InstallOrder.
int install_order(std::string_view kind);

/// Go's unicode.IsSpace for the rune at the start of s; returns its byte width or 0.
std::size_t leading_space_width(std::string_view s);
/// strings.TrimLeftFunc(s, unicode.IsSpace).
std::string_view trim_left_space(std::string_view s);
/// strings.TrimRightFunc(s, unicode.IsSpace).
std::string_view trim_right_space(std::string_view s);
/// strings.TrimSpace.
std::string_view trim_space(std::string_view s);

} // namespace pave::chart
