// scan_state(): a state file read as a stream of tokens (see state_scan.hpp).
#include <pave/state/state_scan.hpp>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <pave/state/state_file.hpp>
#include <pave/util/sha256.hpp>

namespace pave::state {

namespace {

using nlohmann::json;

/// SHA-256 fed in blocks, as "sha256:<hex>".
class Digest
{
public:
  Digest() : m_ctx(EVP_MD_CTX_new()) { EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr); }
  void update(std::string_view data) { EVP_DigestUpdate(m_ctx.get(), data.data(), data.size()); }
  std::string tagged()
  {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(m_ctx.get(), md, &n);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out = "sha256:";
    for (unsigned int i = 0; i < n; ++i) {
      out += k_hex[md[i] >> 4];
      out += k_hex[md[i] & 0xf];
    }
    return out;
  }

private:
  struct Free
  {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> m_ctx;
};

/// One resource record being read: which members were seen, and their values.
struct ResourceFields
{
  ResourceIdentity id;
  unsigned seen = 0; ///< bit per member of k_resource_members
};

/// The members of a format-1 resource record, in file (sorted) order, and
/// whether each holds a string (else: revision, an integer).
constexpr std::string_view k_resource_members[] = {"address", "api_version", "app",  "applied",
                                                   "digest",  "kind",        "name", "namespace", "revision"};
constexpr unsigned k_required_members = 0x1ff & ~(1u << 3); ///< all but applied

/// The top-level members a format-1 file may have.
constexpr std::string_view k_top_members[] = {"checksum", "environment", "format_version", "lineage", "objects",
                                              "pave_version", "resources", "revisions", "sections", "serial"};

/// The SAX handler: writes the canonical text (canonical_json() of the
/// document without `checksum`) into a digest, and picks out the header and
/// the resources' identities. Any departure from what pave writes makes it
/// stop (`bail`); the caller then reads the file with parse_state().
class Scanner
{
public:
  // nlohmann's SAX interface.
  bool null() { return scalar(Kind::null) && emit("null"); }
  bool boolean(bool v) { return scalar(Kind::other) && emit(v ? "true" : "false"); }
  bool number_integer(json::number_integer_t v) { return integer(v < 0 ? 0 : static_cast<std::uint64_t>(v), v < 0) && emit_int(v); }
  bool number_unsigned(json::number_unsigned_t v) { return integer(v, false) && emit_int(v); }
  bool number_float(json::number_float_t v, const json::string_t& /*text*/)
  {
    return scalar(Kind::other) && emit(json(v).dump()); // the serializer's own float formatting
  }
  bool string(json::string_t& v)
  {
    if (m_checksum_next) {
      m_checksum_next = false;
      m_checksum = std::move(v);
      return true;
    }
    if (!scalar(Kind::string, &v)) {
      return false;
    }
    emit_string(v);
    return true;
  }
  bool binary(json::binary_t& /*v*/) { return bail(); }
  bool start_object(std::size_t /*n*/)
  {
    if (!open(true)) {
      return false;
    }
    return emit("{");
  }
  bool key(json::string_t& k)
  {
    Frame& f = m_stack.back();
    if (f.has_key && !(f.key < k)) {
      return bail(); // out of order or repeated: the canonical text would differ
    }
    f.has_key = true;
    f.key = k;
    if (m_stack.size() == 1) {
      if (std::find(std::begin(k_top_members), std::end(k_top_members), k) == std::end(k_top_members)) {
        return bail();
      }
      if (k == "checksum") {
        m_checksum_next = true;
        return true;
      }
    }
    if (f.emitted) {
      m_out += ',';
    }
    f.emitted = true;
    emit_string(k);
    m_out += ':';
    return true;
  }
  bool end_object()
  {
    if (m_checksum_next) {
      return bail();
    }
    if (m_stack.back().role == Role::resource && !end_resource()) {
      return false;
    }
    m_stack.pop_back();
    return emit("}");
  }
  bool start_array(std::size_t /*n*/)
  {
    if (!open(false)) {
      return false;
    }
    return emit("[");
  }
  bool end_array()
  {
    m_stack.pop_back();
    return emit("]");
  }
  bool parse_error(std::size_t /*pos*/, const std::string& /*token*/, const nlohmann::detail::exception& /*e*/)
  {
    return bail();
  }

  /// The index, when the whole file was scanned and its checksum matches.
  std::optional<StateIndex> result()
  {
    if (m_bailed || m_format != 1 || !m_checksum || !m_have_lineage || !m_have_environment || !m_have_serial ||
        !m_have_resources || !m_have_revisions) {
      return std::nullopt;
    }
    m_digest.update(m_out);
    if (m_digest.tagged() != *m_checksum) {
      return std::nullopt;
    }
    m_index.streamed = true;
    return std::move(m_index);
  }

private:
  enum class Role { other, top, resources, resource };
  enum class Kind { null, string, integer, other };

  struct Frame
  {
    bool object = false;
    Role role = Role::other;
    bool emitted = false; ///< a member or element was written (a comma precedes the next)
    bool has_key = false;
    std::string key; ///< the current member (objects)
  };

  bool bail()
  {
    m_bailed = true;
    return false;
  }

  /// Separates a value from the previous element of an array.
  void element()
  {
    if (!m_stack.empty() && !m_stack.back().object) {
      if (m_stack.back().emitted) {
        m_out += ',';
      }
      m_stack.back().emitted = true;
    }
  }

  bool open(bool object)
  {
    Role role = Role::other;
    if (m_stack.empty()) {
      if (!object) {
        return bail();
      }
      role = Role::top;
    } else {
      const Frame& parent = m_stack.back();
      if (parent.role == Role::top) {
        const std::string& k = parent.key;
        const bool want_array = k == "resources" || k == "revisions";
        const bool want_object = k == "objects" || k == "sections";
        if ((want_array && object) || (want_object && !object) || (!want_array && !want_object)) {
          return bail(); // a header member that is not a scalar, or a collection of the wrong type
        }
        if (k == "resources") {
          m_have_resources = true;
          role = Role::resources;
        }
        m_have_revisions = m_have_revisions || k == "revisions";
      } else if (parent.role == Role::resources) {
        if (!object) {
          return bail();
        }
        role = Role::resource;
        m_resource = ResourceFields{};
      } else if (parent.role == Role::resource) {
        return bail(); // every member of a record is a scalar
      }
    }
    element();
    m_stack.push_back(Frame{object, role, false, false, {}});
    return true;
  }

  /// Checks a scalar's place: header members and record fields have types.
  bool scalar(Kind kind, json::string_t* text = nullptr)
  {
    if (m_stack.empty()) {
      return bail(); // a document that is not an object
    }
    element();
    const Frame& f = m_stack.back();
    if (f.role == Role::top) {
      const std::string& k = f.key;
      if (k == "lineage" || k == "environment" || k == "pave_version") {
        if (kind != Kind::string) {
          return bail();
        }
        if (k == "lineage") {
          m_index.lineage = *text;
          m_have_lineage = true;
        } else if (k == "environment") {
          m_index.environment = *text;
          m_have_environment = true;
        }
        return true;
      }
      if (k == "format_version" || k == "serial") {
        return kind == Kind::integer || bail();
      }
      return bail(); // resources, revisions, objects, sections are collections; checksum was taken
    }
    if (f.role == Role::resources) {
      return bail();
    }
    if (f.role == Role::resource) {
      const auto it = std::find(std::begin(k_resource_members), std::end(k_resource_members), f.key);
      if (it == std::end(k_resource_members)) {
        return bail();
      }
      const auto bit = static_cast<unsigned>(it - std::begin(k_resource_members));
      const bool is_revision = *it == "revision";
      if ((is_revision && kind != Kind::integer) || (!is_revision && kind != Kind::string)) {
        return bail();
      }
      m_resource.seen |= 1u << bit;
      ResourceIdentity& id = m_resource.id;
      if (*it == "address") {
        id.address = *text;
      } else if (*it == "api_version") {
        id.api_version = *text;
      } else if (*it == "kind") {
        id.kind = *text;
      } else if (*it == "namespace") {
        id.namespace_ = *text;
      } else if (*it == "name") {
        id.name = *text;
      }
    }
    return true;
  }

  bool integer(std::uint64_t magnitude, bool negative)
  {
    if (!scalar(Kind::integer)) {
      return false;
    }
    const Frame& f = m_stack.back();
    if (f.role == Role::top) {
      if (f.key == "format_version") {
        m_format = negative || magnitude > 1000 ? -1 : static_cast<int>(magnitude);
      } else if (f.key == "serial") {
        if (negative || magnitude > static_cast<std::uint64_t>(INT64_MAX)) {
          return bail();
        }
        m_index.serial = magnitude;
        m_have_serial = true;
      }
    }
    return true;
  }

  bool end_resource()
  {
    if ((m_resource.seen & k_required_members) != k_required_members) {
      return bail();
    }
    if (!m_index.resources.empty() && !(m_index.resources.back().address < m_resource.id.address)) {
      return bail();
    }
    m_index.resources.push_back(std::move(m_resource.id));
    return true;
  }

  bool emit(std::string_view text)
  {
    m_out += text;
    flush();
    return true;
  }

  template <typename T> bool emit_int(T v)
  {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return emit(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }

  /// A string as nlohmann's serializer writes it: as is between quotes when
  /// nothing in it needs escaping (nearly always), else through the serializer.
  void emit_string(std::string_view s)
  {
    const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
      return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    });
    if (plain) {
      m_out += '"';
      m_out += s;
      m_out += '"';
    } else {
      m_out += json(s).dump();
    }
    flush();
  }

  void flush()
  {
    if (m_out.size() >= 64 * 1024) {
      m_digest.update(m_out);
      m_out.clear();
    }
  }

  std::vector<Frame> m_stack;
  std::string m_out;
  Digest m_digest;
  StateIndex m_index;
  ResourceFields m_resource;
  std::optional<std::string> m_checksum;
  bool m_checksum_next = false;
  bool m_bailed = false;
  int m_format = -1;
  bool m_have_serial = false, m_have_lineage = false, m_have_environment = false;
  bool m_have_resources = false, m_have_revisions = false;
};

/// The index of a state parse_state() reads (the slow path).
util::Result<StateIndex> index_by_parsing(std::string_view bytes, std::string_view source)
{
  PAVE_TRY_ASSIGN(const State s, parse_state(bytes, source));
  StateIndex out;
  out.serial = s.serial;
  out.lineage = s.lineage;
  out.environment = s.environment;
  out.resources.reserve(s.resources.size());
  for (const auto& r : s.resources) {
    out.resources.push_back(ResourceIdentity{r.address, r.api_version, r.kind, r.namespace_, r.name});
  }
  return out;
}

} // namespace

util::Result<StateIndex> scan_state(std::string_view bytes, std::string_view source_name)
{
  Scanner scanner;
  if (json::sax_parse(bytes.begin(), bytes.end(), &scanner)) {
    if (auto index = scanner.result()) {
      return std::move(*index);
    }
  }
  return index_by_parsing(bytes, source_name);
}

util::Result<StateIndex> scan_state(std::istream& in, std::string_view source_name)
{
  const auto start = in.tellg();
  {
    Scanner scanner;
    if (json::sax_parse(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), &scanner)) {
      if (auto index = scanner.result()) {
        return std::move(*index);
      }
    }
  }
  in.clear();
  in.seekg(start);
  const std::string all{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    return util::fail("cannot read the state file {}", source_name);
  }
  return index_by_parsing(all, source_name);
}

} // namespace pave::state
