#pragma once
/// Reading a state file of the current format without building a State.
///
/// Format 2 is one JSON document laid out one record a line (state_file.hpp
/// shows the layout), with an XXH3-128 checksum of its bytes. StateFile checks
/// a file once (layout, format, checksum) and then decodes records on demand,
/// each from its own line: a 100,000-resource state is never a tree in
/// memory, and several threads (a simdjson parser each) can decode disjoint
/// records at once. parse_state() builds a State with it; cost-report prices
/// the resources straight from it.
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <simdjson.h>

#include <pave/state/state_file.hpp>
#include <pave/util/expected.hpp>

namespace pave::state {

/// One resource record. The views point into the file and into the document
/// of the parser that decoded it: valid until that parser parses again.
struct ResourceView
{
  std::string_view address, app, api_version, kind, namespace_, name, digest;
  int revision = 0;
  std::optional<simdjson::dom::element> applied; ///< nullopt: no object
};

/// One revision record (views valid as for ResourceView).
struct RevisionView
{
  int number = 0;
  std::string_view time, operation, status, description;
  std::optional<simdjson::dom::element> apps;    ///< an object: app -> {chart, chart_version, values_digest}
  std::optional<simdjson::dom::element> objects; ///< an object: address -> true (the resource's applied
                                                 ///< object), "sha256:<hex>" (a key of the pool) or null
};

class StateFile
{
public:
  /// Checks `bytes`, a state file in the format-2 layout (is_layout_v2()):
  /// format version, checksum (verified when present; required unless
  /// options.require_checksum is false), header and layout. Records are
  /// decoded later, by resource() and the others. `bytes` must outlive the
  /// StateFile. Errors are parse_state()'s.
  static util::Result<StateFile> open(std::string_view bytes, std::string_view source, const ParseOptions& options = {});
  /// As open(), owning `bytes`.
  static util::Result<StateFile> open(std::string&& bytes, std::string_view source, const ParseOptions& options = {});
  /// As open(), keeping `owner` (whatever holds `bytes`: a mapped file) alive.
  static util::Result<StateFile> open(std::shared_ptr<const void> owner, std::string_view bytes,
                                      std::string_view source, const ParseOptions& options = {});

  const StateHeader& header() const { return m_header; }
  const std::string& source() const { return m_source; }

  std::size_t resource_count() const { return m_resources.size(); }
  /// Decodes resource `i` with `parser`. Errors: "state file NAME is invalid:
  /// resources[3].kind: expected a string", unknown fields ...
  util::Result<ResourceView> resource(std::size_t i, simdjson::dom::parser& parser) const;
  /// The JSON text of resource record `i` as stored, undecoded (for a quick
  /// look, such as a search for a word before decoding).
  std::string_view resource_text(std::size_t i) const { return text(m_resources[i]); }
  /// The address and api_version of resource record `i`, read from the start
  /// of its text without decoding it (pave writes a record's members in
  /// order, address first), or nullopt when the record does not start so
  /// or either string holds an escape. Use resource() for the checked view.
  std::optional<std::pair<std::string_view, std::string_view>> resource_head(std::size_t i) const;

  std::size_t revision_count() const { return m_revisions.size(); }
  util::Result<RevisionView> revision(std::size_t i, simdjson::dom::parser& parser) const;

  /// The `sections` object.
  util::Result<simdjson::dom::element> sections(simdjson::dom::parser& parser) const;

  /// The pooled object stored under `key`, or an error naming `where`
  /// ("revisions[2].objects[ADDRESS]: no object KEY in `objects`").
  util::Result<simdjson::dom::element> object(std::string_view key, std::string_view where,
                                              simdjson::dom::parser& parser) const;

private:
  struct Line
  {
    std::size_t begin = 0, end = 0; ///< bytes of the record, without its separating comma
  };

  StateFile() = default;
  struct Lines; ///< the file's lines, one at a time, counted (state_reader.cpp)
  util::Result<void> check(const ParseOptions& options);
  /// check() from the header line on: `line` is it, `lines` reads on after it.
  util::Result<void> check_rest(const ParseOptions& options, std::string_view checksum, std::string_view line,
                                Lines& lines);
  std::unexpected<util::Error> corrupt(std::string_view what) const;
  util::Result<simdjson::dom::element> parse_line(const Line& line, simdjson::dom::parser& parser) const;
  std::string_view text(const Line& line) const { return m_bytes.substr(line.begin, line.end - line.begin); }

  std::shared_ptr<const void> m_owner;
  std::string_view m_bytes;
  std::string m_source;
  StateHeader m_header;
  std::vector<Line> m_resources, m_revisions;
  Line m_sections;
  std::unordered_map<std::string_view, Line> m_objects; ///< pool key -> the object's bytes
  std::shared_ptr<const std::deque<std::string>> m_unescaped; ///< pool keys written with escapes, unescaped
};

/// True when `bytes` starts as pave writes format 2 (and later): "{", then a
/// checksum line or the header line. Anything else (formats 0 and 1, a
/// hand-formatted document) is read through the upgrade chain.
bool is_layout_v2(std::string_view bytes);

/// Opens a state file of any supported format: the current layout directly,
/// older formats (and hand-formatted documents) through their upgraders.
util::Result<StateFile> open_state_file(std::string&& bytes, std::string_view source, const ParseOptions& options = {});
/// As above, for `bytes` held by `owner` (a mapped file).
util::Result<StateFile> open_state_file(std::shared_ptr<const void> owner, std::string_view bytes,
                                        std::string_view source, const ParseOptions& options = {});

/// Builds the State of a checked file (decoding every record).
util::Result<State> read_state(const StateFile& file);

/// `value` as nlohmann::json (integers >= 0 unsigned, as nlohmann parses them).
nlohmann::json to_json(simdjson::dom::element value);

/// The record `v` views, copied out of the parser's buffers.
ResourceRecord to_record(const ResourceView& v);

} // namespace pave::state
