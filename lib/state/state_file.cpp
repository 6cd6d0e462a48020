// State file entry points: the current layout, and older formats through
// syntax, checksum, format version and the upgrade chain.
#include <pave/state/state_file.hpp>

#include <cstdint>
#include <iterator>

#include <pave/state/state_reader.hpp>
#include <pave/util/sha256.hpp>

namespace pave::state {

namespace {

using nlohmann::json;

/// One upgrader per format step; index i upgrades format i to i+1.
using Upgrader = util::Result<json> (*)(const json&, std::string_view);
constexpr Upgrader k_upgraders[] = {upgrade_v0_to_v1, upgrade_v1_to_v2};
static_assert(std::size(k_upgraders) == static_cast<std::size_t>(State::k_current_format - State::k_oldest_format));

util::Result<json> upgrade_chain(json doc, int from, std::string_view source)
{
  for (int v = from; v < State::k_current_format; ++v) {
    PAVE_TRY_ASSIGN(doc, k_upgraders[v - State::k_oldest_format](doc, source));
  }
  return doc;
}

/// Syntax, format version and checksum of a state file that is not in the
/// current layout: formats 0 and 1, or a document formatted by hand. Returns
/// the document (with `checksum` removed) and its format.
util::Result<std::pair<json, int>> check_document(std::string_view bytes, std::string_view source,
                                                  const ParseOptions& options)
{
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return util::fail("state file {} is corrupt: it is empty (truncated)", source);
  }
  json doc;
  try {
    doc = json::parse(bytes);
  } catch (const json::parse_error& e) {
    return util::fail("state file {} is corrupt: not JSON (syntax error at byte {}; truncated or edited by hand)", source,
                      e.byte);
  } catch (const json::exception& e) { // a number out of range (out_of_range.406)
    return util::fail("state file {} is corrupt: not JSON ({}; edited by hand)", source, e.what());
  }
  if (!doc.is_object()) {
    return util::fail("state file {} is corrupt: not a JSON object", source);
  }
  const auto fv = doc.find("format_version");
  if (fv == doc.end() || !fv->is_number_integer()) {
    return util::fail("state file {} is not a pave state file: no integer format_version", source);
  }
  const std::int64_t format =
    fv->is_number_unsigned() && fv->get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX) ? INT32_MAX
                                                                                                  : fv->get<std::int64_t>();
  if (format > State::k_current_format) {
    return util::fail("state file {} was written by a newer pave (format {}; this pave reads formats {} to {})", source,
                      format, State::k_oldest_format, State::k_current_format);
  }
  if (format < State::k_oldest_format) {
    return util::fail("state file {} has format {}, older than this pave reads ({} to {})", source, format,
                      State::k_oldest_format, State::k_current_format);
  }
  if (format >= 1) {
    const auto cs = doc.find("checksum");
    if (cs == doc.end()) {
      if (options.require_checksum) {
        return util::fail("state file {} is corrupt: it has no checksum (truncated or written by hand)", source);
      }
    } else if (!cs->is_string()) {
      return util::fail("state file {} is corrupt: checksum is not a string", source);
    } else {
      const std::string want = cs->get<std::string>();
      doc.erase(cs); // in place: copying a large document costs more than hashing it
      // From format 2 the checksum is of the bytes as laid out (is_layout_v2()):
      // a reformatted document no longer has them.
      if (format >= 2 || util::sha256_tagged(canonical_json(doc)) != want) {
        return util::fail("state file {} is corrupt: checksum mismatch (truncated or edited by hand)", source);
      }
    }
  }
  return std::pair<json, int>(std::move(doc), static_cast<int>(format));
}

/// The current layout of an older or hand-formatted state file.
util::Result<std::string> upgraded_layout(std::string_view bytes, std::string_view source, const ParseOptions& options)
{
  PAVE_TRY_ASSIGN(auto checked, check_document(bytes, source, options));
  PAVE_TRY_ASSIGN(const auto doc, upgrade_chain(std::move(checked.first), checked.second, source));
  return lay_out_v2(doc, source, false);
}

ParseOptions checked_already()
{
  ParseOptions o;
  o.require_checksum = false; // verified by check_document()
  return o;
}

} // namespace

std::string document_checksum(const json& doc)
{
  if (doc.is_object() && doc.contains("checksum")) {
    json copy = doc;
    copy.erase("checksum");
    return util::sha256_tagged(canonical_json(copy));
  }
  return util::sha256_tagged(canonical_json(doc));
}

util::Result<StateFile> open_state_file(std::string&& bytes, std::string_view source, const ParseOptions& options)
{
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  const std::string_view view = *owned;
  return open_state_file(std::move(owned), view, source, options);
}

util::Result<StateFile> open_state_file(std::shared_ptr<const void> owner, std::string_view bytes,
                                        std::string_view source, const ParseOptions& options)
{
  if (is_layout_v2(bytes)) {
    return StateFile::open(std::move(owner), bytes, source, options);
  }
  PAVE_TRY_ASSIGN(std::string laid_out, upgraded_layout(bytes, source, options));
  return StateFile::open(std::move(laid_out), source, checked_already());
}

util::Result<State> parse_state(std::string_view bytes, std::string_view source, const ParseOptions& options)
{
  if (is_layout_v2(bytes)) {
    PAVE_TRY_ASSIGN(const StateFile file, StateFile::open(bytes, source, options));
    return read_state(file);
  }
  PAVE_TRY_ASSIGN(std::string laid_out, upgraded_layout(bytes, source, options));
  PAVE_TRY_ASSIGN(const StateFile file, StateFile::open(std::move(laid_out), source, checked_already()));
  return read_state(file);
}

util::Result<StateHeader> parse_state_header(std::string_view bytes, std::string_view source)
{
  if (is_layout_v2(bytes)) {
    PAVE_TRY_ASSIGN(const StateFile file, StateFile::open(bytes, source));
    return file.header();
  }
  PAVE_TRY_ASSIGN(auto checked, check_document(bytes, source, {}));
  const json& doc = checked.first;
  StateHeader h;
  h.format_version = checked.second;
  const auto serial = doc.find("serial");
  const auto lineage = doc.find("lineage");
  if (serial == doc.end() || !serial->is_number_unsigned() || lineage == doc.end() || !lineage->is_string()) {
    return util::fail("state file {} is invalid: no serial or lineage", source);
  }
  h.serial = serial->get<std::uint64_t>();
  h.lineage = lineage->get<std::string>();
  if (const auto env = doc.find("environment"); env != doc.end() && env->is_string()) {
    h.environment = env->get<std::string>();
  }
  if (const auto version = doc.find("pave_version"); version != doc.end() && version->is_string()) {
    h.pave_version = version->get<std::string>();
  }
  return h;
}

} // namespace pave::state
