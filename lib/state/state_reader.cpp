// The format-2 reader: layout and checksum once, records on demand (state_reader.hpp).
#include <pave/state/state_reader.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <future>
#include <span>

#include <fmt/format.h>

#include <pave/util/xxh3.hpp>

namespace pave::state {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using json_object = simdjson::dom::object;

constexpr std::string_view k_checksum_prefix = "\"checksum\":\"xxh3-128:";
constexpr std::string_view k_header_prefix = "\"format_version\":";

/// Reads the members of one record by name, with errors naming the member's
/// path ("resources[3].kind"), and refuses members nobody asked for. The path
/// is only formatted for an error.
class Fields
{
public:
  Fields(json_object obj, std::string_view list, std::size_t index, std::string_view source)
    : m_obj(obj), m_list(list), m_index(index), m_source(source)
  {
  }

  /// As above for a record whose members are all among `keys` (up to 16):
  /// they are looked up in one pass over the record rather than one a get
  /// (a state holds 100,000 resource records). Same results and errors.
  Fields(json_object obj, std::span<const std::string_view> keys, std::string_view list, std::size_t index,
         std::string_view source)
    : Fields(obj, list, index, source)
  {
    m_keys = keys.first(std::min(keys.size(), m_found.size()));
    std::size_t next = 0; // where the key is when the members come in the order of `keys`
    for (const auto [key, value] : m_obj) {
      const std::size_t slot = next < m_keys.size() && m_keys[next] == key ? next : slot_of(key);
      next = slot + 1;
      if (slot < m_keys.size() && (m_found_mask & (1u << slot)) == 0) { // the first of repeated keys, as at_key()
        m_found[slot] = value;
        m_found_mask |= 1u << slot;
      } else {
        m_extra = true; // an unknown or repeated member: done() looks at each
      }
    }
  }

  util::Result<std::string_view> str(std::string_view key, bool required = true)
  {
    const auto v = get(key);
    if (!v) {
      return required ? missing(key) : util::Result<std::string_view>(std::string_view());
    }
    std::string_view s;
    if (v->get_string().get(s) != simdjson::SUCCESS) {
      return wrong(key, "a string");
    }
    return s;
  }

  util::Result<std::int64_t> integer(std::string_view key, bool required = true)
  {
    const auto v = get(key);
    if (!v) {
      return required ? missing(key) : util::Result<std::int64_t>(0);
    }
    if (v->type() == element_type::UINT64) {
      return INT64_MAX; // beyond int64: larger than any serial or revision
    }
    std::int64_t n = 0;
    if (v->type() != element_type::INT64 || v->get_int64().get(n) != simdjson::SUCCESS) {
      return wrong(key, "an integer");
    }
    return n;
  }

  /// The member, of any type; nullopt when absent.
  std::optional<element> any(std::string_view key) { return get(key); }

  /// The member when it is of `type`; nullopt when absent and not required.
  util::Result<std::optional<element>> member(std::string_view key, element_type type, const char* what,
                                              bool required = true)
  {
    const auto v = get(key);
    if (!v) {
      return required ? util::Result<std::optional<element>>(missing(key)) : std::optional<element>();
    }
    if (v->type() != type) {
      return wrong(key, what);
    }
    return v;
  }

  /// Fails on a member that no getter asked for.
  util::Result<void> done() const
  {
    if (!m_keys.empty() && !m_extra && (m_found_mask & ~m_asked_mask) == 0) {
      return {}; // every member is a first one of `keys` that a getter asked for
    }
    for (const auto [key, value] : m_obj) {
      if (!m_keys.empty()) {
        const std::size_t slot = slot_of(key);
        if (slot < m_keys.size() && (m_asked_mask & (1u << slot)) != 0) {
          continue;
        }
        return invalid("{}unknown field \"{}\"", m_list.empty() ? "" : path() + ": ", key);
      }
      if (std::find(m_seen.begin(), m_seen.begin() + m_seen_count, key) == m_seen.begin() + m_seen_count) {
        return invalid("{}unknown field \"{}\"", m_list.empty() ? "" : path() + ": ", key);
      }
    }
    return {};
  }

  template <typename... Args> std::unexpected<util::Error> invalid(fmt::format_string<Args...> f, Args&&... args) const
  {
    return util::fail("state file {} is invalid: {}", m_source, fmt::format(f, std::forward<Args>(args)...));
  }

private:
  /// The index of `key` in m_keys; m_keys.size() when it is not there.
  std::size_t slot_of(std::string_view key) const
  {
    for (std::size_t i = 0; i < m_keys.size(); ++i) {
      if (m_keys[i].size() == key.size() && !key.empty() && m_keys[i].back() == key.back() && m_keys[i] == key) {
        return i;
      }
    }
    return m_keys.size();
  }

  std::optional<element> get(std::string_view key)
  {
    if (!m_keys.empty()) {
      const std::size_t slot = slot_of(key);
      if (slot < m_keys.size()) {
        m_asked_mask |= 1u << slot;
        return (m_found_mask & (1u << slot)) != 0 ? std::optional<element>(m_found[slot]) : std::nullopt;
      }
      // A key outside the list: looked up as usual, but done() refuses it if present.
      element v;
      return m_obj.at_key(key).get(v) == simdjson::SUCCESS ? std::optional<element>(v) : std::nullopt;
    }
    if (m_seen_count < m_seen.size()) {
      m_seen[m_seen_count++] = key;
    }
    element v;
    if (m_obj.at_key(key).get(v) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    return v;
  }
  std::string path() const { return fmt::format("{}[{}]", m_list, m_index); }
  std::string where(std::string_view key) const { return m_list.empty() ? std::string(key) : path() + "." + std::string(key); }
  std::unexpected<util::Error> missing(std::string_view key) const { return invalid("{}: missing", where(key)); }
  std::unexpected<util::Error> wrong(std::string_view key, const char* what) const
  {
    return invalid("{}: expected {}", where(key), what);
  }

  json_object m_obj;
  std::string_view m_list;
  std::size_t m_index;
  std::string_view m_source;
  std::array<std::string_view, 12> m_seen{};
  std::size_t m_seen_count = 0;
  std::span<const std::string_view> m_keys; ///< one-pass mode: the record's possible members
  std::array<element, 16> m_found{};
  std::uint32_t m_found_mask = 0; ///< bit i: m_found[i] holds member m_keys[i]
  std::uint32_t m_asked_mask = 0; ///< bit i: a getter asked for m_keys[i]
  bool m_extra = false;           ///< a member outside m_keys, or a repeated one
};

/// The members of a resource record, in the order pave writes them.
constexpr std::array<std::string_view, 9> k_resource_keys{"address", "api_version", "app",       "applied", "digest",
                                                          "kind",    "name",        "namespace", "revision"};

util::Result<json_object> as_object(element e, std::string_view list, std::size_t i, std::string_view source)
{
  json_object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) {
    return util::fail("state file {} is invalid: {}[{}]: expected an object", source, list, i);
  }
  return o;
}

/// The raw text of the JSON string that starts `text` (quotes excluded), and
/// where the string ends; npos when there is none.
std::pair<std::string_view, std::size_t> leading_string(std::string_view text)
{
  if (text.empty() || text.front() != '"') {
    return {{}, std::string_view::npos};
  }
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return {text.substr(1, i - 1), i + 1};
    }
  }
  return {{}, std::string_view::npos};
}

} // namespace

bool is_layout_v2(std::string_view bytes)
{
  if (!bytes.starts_with("{\n")) {
    return false;
  }
  const std::string_view rest = bytes.substr(2);
  return rest.starts_with(k_checksum_prefix) || rest.starts_with(k_header_prefix);
}

util::Result<StateFile> StateFile::open(std::string_view bytes, std::string_view source, const ParseOptions& options)
{
  StateFile f;
  f.m_bytes = bytes;
  f.m_source = std::string(source);
  PAVE_TRY(f.check(options));
  return f;
}

util::Result<StateFile> StateFile::open(std::string&& bytes, std::string_view source, const ParseOptions& options)
{
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  const std::string_view view = *owned;
  return open(std::move(owned), view, source, options);
}

util::Result<StateFile> StateFile::open(std::shared_ptr<const void> owner, std::string_view bytes,
                                        std::string_view source, const ParseOptions& options)
{
  StateFile f;
  f.m_owner = std::move(owner);
  f.m_bytes = bytes;
  f.m_source = std::string(source);
  PAVE_TRY(f.check(options));
  return f;
}

util::Result<element> StateFile::parse_line(const Line& line, simdjson::dom::parser& parser) const
{
  element e;
  // simdjson reads up to SIMDJSON_PADDING bytes past a document: a record
  // followed by that many bytes of the file is parsed where it is, the last
  // ones are copied into the parser's padded buffer (a few hundred bytes).
  const bool padded = line.end + simdjson::SIMDJSON_PADDING <= m_bytes.size();
  if (const auto error = parser.parse(m_bytes.data() + line.begin, line.end - line.begin, !padded).get(e);
      error != simdjson::SUCCESS) {
    const auto line_no = std::count(m_bytes.begin(), m_bytes.begin() + static_cast<std::ptrdiff_t>(line.begin), '\n') + 1;
    return util::fail("state file {} is corrupt: not JSON (line {}: {}; edited by hand)", m_source, line_no,
                      simdjson::error_message(error));
  }
  return e;
}

/// The lines of a state file without their newlines, one at a time, counted.
struct StateFile::Lines
{
  std::string_view bytes;
  std::size_t pos = 0;     ///< where the next line starts
  std::size_t line_no = 0; ///< of the line last read
  /// The next line; false at the end of the bytes.
  bool next(std::string_view& out)
  {
    if (pos >= bytes.size()) {
      return false;
    }
    const std::size_t nl = bytes.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
    out = bytes.substr(pos, end - pos);
    pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
    ++line_no;
    return true;
  }
};

std::unexpected<util::Error> StateFile::corrupt(std::string_view what) const
{
  return util::fail("state file {} is corrupt: {}", m_source, what);
}

util::Result<void> StateFile::check(const ParseOptions& options)
{
  const std::string_view b = m_bytes;
  Lines lines{b};
  std::string_view line;
  auto mismatch = [&] { return corrupt("checksum mismatch (truncated or edited by hand)"); };
  lines.next(line); // "{" (is_layout_v2)
  std::string_view checksum;
  lines.next(line);
  // A flipped byte anywhere, the format version included, is corruption
  // before anything else. (A later format with another checksum would tag it
  // otherwise.) The sum of a large file is taken on another thread while this
  // one reads the layout; its verdict comes first all the same.
  std::future<bool> sum_matches;
  if (line.starts_with(k_checksum_prefix)) {
    checksum = line;
    const std::size_t body = lines.pos; // what the checksum covers: every byte after its line
    constexpr std::size_t k_size = 12 + 9 + 32 + 2; // "checksum":"xxh3-128:<32 hex>",
    if (checksum.size() != k_size || !checksum.ends_with("\",") || !lines.next(line)) {
      return mismatch();
    }
    const auto matches = [covered = b.substr(body), expected = checksum.substr(12, k_size - 14)] {
      return util::xxh3_128_tagged(covered) == expected;
    };
    constexpr std::size_t k_threaded = 4 << 20;
    sum_matches = std::async(b.size() - body >= k_threaded ? std::launch::async : std::launch::deferred, matches);
  }
  auto r = check_rest(options, checksum, line, lines);
  if (sum_matches.valid() && !sum_matches.get()) {
    return mismatch();
  }
  return r;
}

util::Result<void> StateFile::check_rest(const ParseOptions& options, std::string_view checksum, std::string_view line,
                                         Lines& lines)
{
  const std::string_view b = m_bytes;
  // The header line: its format before the rest, so that a newer format is named as such.
  const std::size_t header_line = lines.line_no;
  element header;
  simdjson::dom::parser header_parser;
  const bool header_ok = line.starts_with(k_header_prefix) && line.ends_with(',') && [&] {
    std::string text(1, '{'); // appended, not "{" + ... + "}" (GCC 12's false -Wrestrict)
    text.append(line.substr(0, line.size() - 1));
    text += '}';
    return header_parser.parse(text).get(header) == simdjson::SUCCESS && header.is_object();
  }();
  if (header_ok) {
    std::int64_t format = 0;
    if (header["format_version"].get_int64().get(format) == simdjson::SUCCESS && format > State::k_current_format) {
      return util::fail("state file {} was written by a newer pave (format {}; this pave reads formats {} to {})",
                        m_source, format, State::k_oldest_format, State::k_current_format);
    }
  }
  if (checksum.empty() && options.require_checksum) {
    return corrupt("it has no checksum (truncated or written by hand)");
  }
  if (!header_ok) {
    return corrupt(fmt::format("line {} is not the header line of format {} (edited by hand)", header_line,
                               State::k_current_format));
  }

  // Header fields.
  json_object h;
  if (header.get_object().get(h) != simdjson::SUCCESS) {
    return corrupt("the header line is not a JSON object");
  }
  Fields f(h, "", 0, m_source);
  PAVE_TRY_ASSIGN(const auto format, f.integer("format_version"));
  if (format != State::k_current_format) {
    return f.invalid("format_version: expected {}, got {}", State::k_current_format, format);
  }
  PAVE_TRY_ASSIGN(const auto serial, f.integer("serial"));
  if (serial < 0) {
    return f.invalid("serial: expected a non-negative integer");
  }
  m_header.format_version = static_cast<int>(format);
  m_header.serial = static_cast<std::uint64_t>(serial);
  PAVE_TRY_ASSIGN(const auto lineage, f.str("lineage"));
  PAVE_TRY_ASSIGN(const auto environment, f.str("environment"));
  PAVE_TRY_ASSIGN(const auto pave_version, f.str("pave_version", false));
  m_header.lineage = std::string(lineage);
  m_header.environment = std::string(environment);
  m_header.pave_version = std::string(pave_version);
  PAVE_TRY(f.done());

  // The layout: the lists, one record a line.
  auto off_layout = [&] {
    return corrupt(fmt::format("line {} is not in the layout of format {} (edited by hand)", lines.line_no,
                               State::k_current_format));
  };
  auto offset = [&](std::string_view part) { return static_cast<std::size_t>(part.data() - b.data()); };
  // Lines after `open` up to `close`, each a record followed by a comma but the last.
  auto list = [&](std::string_view open, std::string_view close, auto&& add) -> util::Result<void> {
    if (!lines.next(line) || line != open) {
      return off_layout();
    }
    bool more = true; // the previous record ended with a comma (or there was none)
    bool first = true;
    while (lines.next(line)) {
      if (line == close) {
        return more && !first ? off_layout() : util::Result<void>();
      }
      if (!more || line.empty()) {
        return off_layout();
      }
      more = line.ends_with(',');
      first = false;
      PAVE_TRY(add(line.substr(0, line.size() - (more ? 1 : 0))));
    }
    return off_layout();
  };
  auto record = [&](std::vector<Line>& into) {
    return [&](std::string_view text) -> util::Result<void> {
      into.push_back({offset(text), offset(text) + text.size()});
      return {};
    };
  };
  PAVE_TRY(list("\"resources\":[", "],", record(m_resources)));
  PAVE_TRY(list("\"revisions\":[", "],", record(m_revisions)));
  if (!lines.next(line) || !line.starts_with("\"sections\":") || !line.ends_with(',')) {
    return off_layout();
  }
  const std::string_view sections = line.substr(11, line.size() - 12);
  m_sections = {offset(sections), offset(sections) + sections.size()};
  auto unescaped = std::make_shared<std::deque<std::string>>();
  PAVE_TRY(list("\"objects\":{", "}}", [&](std::string_view text) -> util::Result<void> {
    auto [key, end] = leading_string(text);
    if (end == std::string_view::npos || end >= text.size() || text[end] != ':') {
      return off_layout();
    }
    if (key.find('\\') != std::string_view::npos) { // a key with escapes (a hand-written format-1 pool)
      simdjson::dom::parser p;
      std::string_view k;
      std::string array(1, '['); // appended, not "[" + ... + "]" (GCC 12's false -Wrestrict)
      array.append(text.substr(0, end));
      array += ']';
      if (p.parse(array).at(0).get_string().get(k) != simdjson::SUCCESS) {
        return off_layout();
      }
      unescaped->push_back(std::string(k));
      key = unescaped->back();
    }
    const std::string_view value = text.substr(end + 1);
    m_objects[key] = {offset(value), offset(value) + value.size()};
    return {};
  }));
  m_unescaped = std::move(unescaped);
  if (lines.pos != b.size() || !b.ends_with('\n')) {
    return off_layout();
  }
  return {};
}

std::optional<std::pair<std::string_view, std::string_view>> StateFile::resource_head(std::size_t i) const
{
  std::string_view t = resource_text(i);
  // A JSON string without escapes that starts `t` after `prefix`; it is removed from `t`.
  const auto take = [&t](std::string_view prefix) -> std::optional<std::string_view> {
    if (!t.starts_with(prefix)) {
      return std::nullopt;
    }
    t.remove_prefix(prefix.size());
    const std::size_t end = t.find('"');
    if (end == std::string_view::npos || t.substr(0, end).find('\\') != std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view s = t.substr(0, end);
    t.remove_prefix(end + 1);
    return s;
  };
  const auto address = take("{\"address\":\"");
  if (!address) {
    return std::nullopt;
  }
  const auto api_version = take(",\"api_version\":\"");
  if (!api_version) {
    return std::nullopt;
  }
  return std::pair{*address, *api_version};
}

util::Result<ResourceView> StateFile::resource(std::size_t i, simdjson::dom::parser& parser) const
{
  PAVE_TRY_ASSIGN(const element e, parse_line(m_resources[i], parser));
  PAVE_TRY_ASSIGN(const json_object o, as_object(e, "resources", i, m_source));
  Fields f(o, k_resource_keys, "resources", i, m_source);
  ResourceView r;
  PAVE_TRY_ASSIGN(r.address, f.str("address"));
  PAVE_TRY_ASSIGN(r.app, f.str("app"));
  PAVE_TRY_ASSIGN(r.api_version, f.str("api_version"));
  PAVE_TRY_ASSIGN(r.kind, f.str("kind"));
  PAVE_TRY_ASSIGN(r.namespace_, f.str("namespace"));
  PAVE_TRY_ASSIGN(r.name, f.str("name"));
  PAVE_TRY_ASSIGN(r.digest, f.str("digest"));
  PAVE_TRY_ASSIGN(const auto revision, f.integer("revision"));
  r.revision = static_cast<int>(revision);
  if (const auto applied = f.any("applied"); applied && !applied->is_null()) {
    r.applied = *applied;
  }
  PAVE_TRY(f.done());
  return r;
}

util::Result<RevisionView> StateFile::revision(std::size_t i, simdjson::dom::parser& parser) const
{
  PAVE_TRY_ASSIGN(const element e, parse_line(m_revisions[i], parser));
  PAVE_TRY_ASSIGN(const json_object o, as_object(e, "revisions", i, m_source));
  Fields f(o, "revisions", i, m_source);
  RevisionView r;
  PAVE_TRY_ASSIGN(const auto number, f.integer("number"));
  r.number = static_cast<int>(number);
  PAVE_TRY_ASSIGN(r.time, f.str("time"));
  PAVE_TRY_ASSIGN(r.operation, f.str("operation"));
  PAVE_TRY_ASSIGN(r.status, f.str("status"));
  PAVE_TRY_ASSIGN(r.description, f.str("description", false));
  PAVE_TRY_ASSIGN(const auto apps, f.member("apps", element_type::OBJECT, "an object", false));
  r.apps = apps;
  PAVE_TRY_ASSIGN(r.objects, f.member("objects", element_type::OBJECT, "an object", false));
  PAVE_TRY(f.done());
  return r;
}

util::Result<element> StateFile::sections(simdjson::dom::parser& parser) const
{
  PAVE_TRY_ASSIGN(const element e, parse_line(m_sections, parser));
  if (!e.is_object()) {
    return util::fail("state file {} is invalid: sections: expected an object", m_source);
  }
  return e;
}

util::Result<element> StateFile::object(std::string_view key, std::string_view where,
                                        simdjson::dom::parser& parser) const
{
  const auto it = m_objects.find(key);
  if (it == m_objects.end()) {
    return util::fail("state file {} is invalid: {}: no object {} in `objects`", m_source, where, key);
  }
  return parse_line(it->second, parser);
}

ResourceRecord to_record(const ResourceView& v)
{
  ResourceRecord r;
  r.address = std::string(v.address);
  r.app = std::string(v.app);
  r.api_version = std::string(v.api_version);
  r.kind = std::string(v.kind);
  r.namespace_ = std::string(v.namespace_);
  r.name = std::string(v.name);
  r.digest = std::string(v.digest);
  r.revision = v.revision;
  if (v.applied) {
    r.applied = to_json(*v.applied);
  }
  return r;
}

nlohmann::json to_json(element value)
{
  switch (value.type()) {
  case element_type::OBJECT: {
    nlohmann::json out = nlohmann::json::object();
    json_object o;
    if (value.get_object().get(o) == simdjson::SUCCESS) {
      for (const auto [key, v] : o) {
        out[std::string(key)] = to_json(v);
      }
    }
    return out;
  }
  case element_type::ARRAY: {
    nlohmann::json out = nlohmann::json::array();
    simdjson::dom::array a;
    if (value.get_array().get(a) == simdjson::SUCCESS) {
      for (const element v : a) {
        out.push_back(to_json(v));
      }
    }
    return out;
  }
  case element_type::STRING:
    return std::string(value.get_string().value_unsafe());
  case element_type::INT64: {
    const std::int64_t n = value.get_int64().value_unsafe();
    return n >= 0 ? nlohmann::json(static_cast<std::uint64_t>(n)) : nlohmann::json(n);
  }
  case element_type::UINT64:
    return value.get_uint64().value_unsafe();
  case element_type::DOUBLE:
    return value.get_double().value_unsafe();
  case element_type::BOOL:
    return value.get_bool().value_unsafe();
  case element_type::NULL_VALUE:
    break;
  }
  return nullptr;
}

util::Result<State> read_state(const StateFile& file)
{
  State s;
  const StateHeader& h = file.header();
  s.format_version = State::k_current_format;
  s.serial = h.serial;
  s.lineage = h.lineage;
  s.environment = h.environment;
  s.pave_version = h.pave_version;
  simdjson::dom::parser parser;
  simdjson::dom::parser pool_parser;
  s.resources.reserve(file.resource_count());
  for (std::size_t i = 0; i < file.resource_count(); ++i) {
    PAVE_TRY_ASSIGN(const ResourceView v, file.resource(i, parser));
    if (!s.resources.empty() && s.resources.back().address >= v.address) {
      return util::fail("state file {} is invalid: resources[{}]: address \"{}\" is out of order or repeated",
                        file.source(), i, v.address);
    }
    s.resources.push_back(to_record(v));
  }
  for (std::size_t i = 0; i < file.revision_count(); ++i) {
    PAVE_TRY_ASSIGN(const RevisionView v, file.revision(i, parser));
    Revision& r = s.revisions.emplace_back();
    r.number = v.number;
    r.time = std::string(v.time);
    r.operation = std::string(v.operation);
    r.status = std::string(v.status);
    r.description = std::string(v.description);
    if (v.apps) {
      r.apps = to_json(*v.apps);
    }
    json_object objects;
    if (!v.objects || v.objects->get_object().get(objects) != simdjson::SUCCESS) {
      continue;
    }
    for (const auto [address, ref] : objects) {
      const auto where = [&] { return fmt::format("revisions[{}].objects[{}]", i, address); };
      nlohmann::json& object = r.objects[std::string(address)];
      bool marker = false;
      std::string_view key;
      if (ref.is_null()) {
        object = nullptr;
      } else if (ref.get_bool().get(marker) == simdjson::SUCCESS && marker) {
        const ResourceRecord* current = s.find(address);
        if (current == nullptr || current->applied.is_null()) {
          return util::fail("state file {} is invalid: {}: no applied object of {} in `resources`", file.source(),
                            where(), address);
        }
        object = current->applied;
      } else if (ref.get_string().get(key) == simdjson::SUCCESS) {
        PAVE_TRY_ASSIGN(const element pooled, file.object(key, where(), pool_parser));
        object = to_json(pooled);
      } else {
        return util::fail("state file {} is invalid: {}: expected an object reference", file.source(), where());
      }
    }
  }
  PAVE_TRY_ASSIGN(const element sections, file.sections(parser));
  s.sections = to_json(sections);
  return s;
}

} // namespace pave::state
