#pragma once
/// The state file format: versioned JSON with a checksum.
///
/// Format 2 (current) is one JSON document, laid out one record a line so
/// that a reader can check it with one pass over its bytes and decode any
/// record on its own (state_reader.hpp):
///
///   {
///   "checksum":"xxh3-128:<32 hex>",
///   "format_version":2,"serial":7,"lineage":"<uuid>","environment":"dev","pave_version":"0.1.0",
///   "resources":[
///   {"address":...,"api_version":...,"app":...,"applied":{...},"digest":...,"kind":...,"name":...,"namespace":...,"revision":3},
///   {...}
///   ],
///   "revisions":[
///   {"apps":{...},"description":...,"number":3,"objects":{"ADDRESS":true,...},"operation":...,"status":...,"time":...}
///   ],
///   "sections":{...},
///   "objects":{
///   "sha256:<hex>":{...}
///   }}
///
/// - checksum: XXH3-128 (canonical, big-endian hex) of every byte after its
///   line, i.e. `tail -n +3 FILE | xxhsum -H2`. Deleting the line leaves a
///   valid document without checksum (a state written by hand).
/// - resources: sorted by address, one a line, each with its `applied`
///   object inline (absent: none).
/// - revisions: oldest first; objects[ADDRESS] is `true` for the applied
///   object of the resource at ADDRESS, a key of `objects` for any other
///   object (older versions), or null.
/// - objects: "sha256:<hex>" of the object's canonical JSON -> object; every
///   object a revision refers to that is not a current applied object, once.
/// Records are compact JSON with sorted keys; each line but the last of a
/// list ends with a comma; the file ends with a newline.
///
/// Format 1 was one JSON object with sorted keys and 2-space indentation, all
/// objects in the `objects` pool (resources[].applied a key of it), and
/// `checksum` the "sha256:<hex>" of canonical_json() of the document without
/// `checksum`. Format 0 is the pre-release draft: no checksum, no sections,
/// no object pool (objects inline), and camelCase resource fields
/// `apiVersion` and `object`. Both are read through upgraders (0 -> 1 -> 2).
///
/// Fields are closed: an unknown field is an error (a hand edit or a newer
/// pave), never silently dropped. Data of later features goes in `sections`,
/// anything else needs a new format_version and an upgrader.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <pave/state/state.hpp>
#include <pave/util/expected.hpp>

namespace pave::state {

struct ParseOptions
{
  /// A file without `checksum` is refused unless this is false (`pave state
  /// push --allow-no-checksum` of a hand-written state). A checksum that is
  /// present is always verified.
  bool require_checksum = true;
};

/// The bytes of `s` in the current format, with its checksum. Fails only on
/// strings that are not UTF-8.
util::Result<std::string> serialize_state(const State& s);

/// Reads a state file of any supported format. `source_name` names the file
/// in errors, which are one line:
///   "state file NAME is corrupt: checksum mismatch (truncated or edited by hand)"
///   "state file NAME is corrupt: not JSON (syntax error at byte N; truncated or edited by hand)"
///   "state file NAME was written by a newer pave (format 7; this pave reads formats 0 to 2)"
///   "state file NAME is invalid: resources[2].kind: expected a string"
util::Result<State> parse_state(std::string_view bytes, std::string_view source_name, const ParseOptions& options = {});

/// What a writer checks before replacing a stored state.
struct StateHeader
{
  int format_version = 0;
  std::uint64_t serial = 0;
  std::string lineage;
  std::string environment;
  std::string pave_version;
};

/// The checks of parse_state (syntax, format, checksum) without decoding the
/// resources and revisions: cheaper, for a writer that only compares serials.
util::Result<StateHeader> parse_state_header(std::string_view bytes, std::string_view source_name);

/// The format-2 document of `s` (without checksum).
nlohmann::json write_v2(const State& s);
/// The bytes of a format-2 document in the format-2 layout, with a checksum
/// line when `checksum`. Errors: the document's shape ("state file NAME is
/// invalid: resources: expected an array"), strings that are not UTF-8.
util::Result<std::string> lay_out_v2(const nlohmann::json& doc, std::string_view source_name, bool checksum);

/// Converts a format-0 document to a format-1 document (without checksum).
util::Result<nlohmann::json> upgrade_v0_to_v1(const nlohmann::json& doc, std::string_view source_name);
/// Converts a format-1 document to a format-2 document: applied objects move
/// from the pool into their resources, revisions refer to them with `true`.
util::Result<nlohmann::json> upgrade_v1_to_v2(const nlohmann::json& doc, std::string_view source_name);
/// The format-1 checksum: "sha256:<hex>" of canonical_json(doc) with any
/// `checksum` member left out.
std::string document_checksum(const nlohmann::json& doc);

} // namespace pave::state
