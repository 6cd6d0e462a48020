#pragma once
/// The state file format: versioned JSON with a checksum.
///
/// Format 1 (current) is one JSON object with sorted keys:
///   format_version, serial, lineage, environment, pave_version,
///   resources  [{address, app, api_version, kind, namespace, name, applied, digest, revision}],
///   revisions  [{number, time, operation, status, description, apps, objects}],
///   sections   {feature -> data, kept verbatim},
///   objects    {"sha256:<hex>" -> object}: every distinct applied/revision object once;
///              resources[].applied and revisions[].objects[ADDRESS] hold these keys,
///   checksum   "sha256:<hex>" of canonical_json() of the document without `checksum`.
/// Format 0 is the pre-release draft: no checksum, no sections, no object pool
/// (objects inline), and camelCase resource fields `apiVersion` and `object`.
/// It is read through upgrade_v0_to_v1().
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
  /// A format-1 file without `checksum` is refused unless this is false
  /// (`pave state push --allow-no-checksum` of a hand-written state). A
  /// checksum that is present is always verified.
  bool require_checksum = true;
};

/// The bytes of `s` in the current format (2-space indented JSON, trailing
/// newline), with its checksum. Fails only on strings that are not UTF-8.
util::Result<std::string> serialize_state(const State& s);

/// Reads a state file of any supported format. `source_name` names the file
/// in errors, which are one line:
///   "state file NAME is corrupt: checksum mismatch (truncated or edited by hand)"
///   "state file NAME is corrupt: not JSON (syntax error at byte N; truncated or edited by hand)"
///   "state file NAME was written by a newer pave (format 7; this pave reads formats 0 to 1)"
///   "state file NAME is invalid: resources[2].kind: expected a string"
util::Result<State> parse_state(std::string_view bytes, std::string_view source_name, const ParseOptions& options = {});

/// What a writer checks before replacing a stored state.
struct StateHeader
{
  int format_version = 0;
  std::uint64_t serial = 0;
  std::string lineage;
};

/// The checks of parse_state (syntax, format, checksum) without decoding the
/// resources and revisions: cheaper, for a writer that only compares serials.
util::Result<StateHeader> parse_state_header(std::string_view bytes, std::string_view source_name);

/// The format-1 document of `s` without `checksum`.
nlohmann::json write_v1(const State& s);
/// Decodes a format-1 document (checksum already verified or absent).
util::Result<State> read_v1(const nlohmann::json& doc, std::string_view source_name);
/// Converts a format-0 document to a format-1 document (without checksum).
util::Result<nlohmann::json> upgrade_v0_to_v1(const nlohmann::json& doc, std::string_view source_name);
/// "sha256:<hex>" of canonical_json(doc) with any `checksum` member left out.
std::string document_checksum(const nlohmann::json& doc);

} // namespace pave::state
