#include <pave/backup/archive.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <pave/backup/tar.hpp>
#include <pave/util/time.hpp>

namespace pave::backup {

namespace {

constexpr std::size_t k_max_json_entry = 64u << 20; ///< a resource or state entry larger than this is refused

/// Whether a text is one JSON object, read as tokens (no document is built).
class ObjectCheck
{
public:
  static bool is_object(std::string_view text)
  {
    ObjectCheck c;
    return nlohmann::json::sax_parse(text, &c) && c.m_object;
  }
  bool null() { return top(); }
  bool boolean(bool) { return top(); }
  bool number_integer(nlohmann::json::number_integer_t) { return top(); }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return top(); }
  bool number_float(nlohmann::json::number_float_t, const std::string&) { return top(); }
  bool string(std::string&) { return top(); }
  bool binary(nlohmann::json::binary_t&) { return top(); }
  bool start_object(std::size_t)
  {
    m_object = m_object || m_depth == 0;
    ++m_depth;
    return true;
  }
  bool key(std::string&) { return true; }
  bool end_object()
  {
    --m_depth;
    return true;
  }
  bool start_array(std::size_t)
  {
    ++m_depth;
    return m_depth > 1; // a top-level array is not an object
  }
  bool end_array()
  {
    --m_depth;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
  bool top() const { return m_depth > 0; } // a top-level scalar is not an object
  int m_depth = 0;
  bool m_object = false;
};

/// What was read of an entry.
struct Seen
{
  std::uint64_t size = 0;
  std::string sha256;
  bool object = false; ///< verify_only: the body is a JSON object
};

} // namespace

util::Result<ArchiveContents> read_tar_stream(Source& tar_source, const FileHandler& on_file, ReadMode mode)
{
  PAVE_TRY_ASSIGN(auto tar, TarReader::open(tar_source));
  ArchiveContents out;
  std::map<std::string, Seen> seen; // path -> what was read
  std::map<std::string, std::string> json_bodies;
  std::optional<std::string> manifest_text;
  std::string buf(256 * 1024, '\0');
  for (;;) {
    PAVE_TRY_ASSIGN(auto entry, tar->next());
    if (!entry) {
      break;
    }
    if (manifest_text) {
      return util::fail("archive corrupted: entry {} follows the manifest", entry->path);
    }
    if (seen.contains(entry->path)) {
      return util::fail("archive corrupted: entry {} appears twice", entry->path);
    }
    const bool is_file = entry->path.starts_with("files/");
    // verify_only keeps an object's body only until it is checked, and never the state's.
    const bool keep = !is_file && (mode == ReadMode::contents || entry->path.starts_with("resources/") ||
                                   entry->path == k_manifest_entry);
    if (!is_file && entry->size > k_max_json_entry) {
      return util::fail("archive corrupted: entry {} is too large ({} bytes)", entry->path, entry->size);
    }
    Sha256 h;
    std::string body;
    std::uint64_t size = 0;
    auto read = [&](char* b, std::size_t n) -> util::Result<std::size_t> {
      PAVE_TRY_ASSIGN(const std::size_t got, tar->read(b, n));
      h.update(std::string_view(b, got));
      size += got;
      return got;
    };
    if (is_file && on_file) {
      ManifestEntry e{entry->path, "file", "", entry->size, ""};
      PAVE_TRY(on_file(e, read));
    }
    for (;;) {
      PAVE_TRY_ASSIGN(const std::size_t n, read(buf.data(), buf.size()));
      if (n == 0) {
        break;
      }
      if (keep) {
        body.append(buf.data(), n);
      }
    }
    if (size != entry->size) {
      return util::fail("archive corrupted: entry {} is truncated", entry->path);
    }
    if (entry->path == k_manifest_entry) {
      manifest_text = std::move(body);
      continue;
    }
    Seen& e = seen[entry->path];
    e.size = size;
    e.sha256 = h.hex();
    if (keep && mode == ReadMode::contents) {
      json_bodies[entry->path] = std::move(body);
    } else if (keep) {
      e.object = ObjectCheck::is_object(body); // checked now, so that no body is kept
    }
  }
  if (!manifest_text) {
    return util::fail("archive corrupted: it has no manifest (it may be truncated)");
  }
  PAVE_TRY_ASSIGN(out.manifest, parse_manifest(*manifest_text));
  std::set<std::string> listed;
  for (const auto& e : out.manifest.entries) {
    const auto it = seen.find(e.path);
    if (it == seen.end()) {
      return util::fail("archive corrupted: entry {} of the manifest is missing", e.path);
    }
    if (!listed.insert(e.path).second) {
      return util::fail("archive corrupted: the manifest lists {} twice", e.path);
    }
    if (it->second.size != e.size || it->second.sha256 != e.sha256) {
      return util::fail("archive corrupted: entry {} does not match its SHA-256 in the manifest", e.path);
    }
    if (e.type == "resource" && !e.path.starts_with("resources/")) {
      return util::fail("archive corrupted: resource entry {} is not under resources/", e.path);
    }
    if (e.type == "resource" && mode == ReadMode::verify_only) {
      if (!it->second.object) {
        return util::fail("archive corrupted: entry {} is not a JSON object", e.path);
      }
    } else if (e.type == "resource") {
      const auto obj = nlohmann::json::parse(json_bodies[e.path], nullptr, false);
      if (obj.is_discarded() || !obj.is_object()) {
        return util::fail("archive corrupted: entry {} is not a JSON object", e.path);
      }
      ResourceItem r;
      r.address = e.address;
      r.object = obj;
      r.api_version = obj.value("apiVersion", "");
      r.kind = obj.value("kind", "");
      if (obj.contains("metadata") && obj["metadata"].is_object()) {
        r.namespace_ = obj["metadata"].value("namespace", "");
        r.name = obj["metadata"].value("name", "");
      }
      out.resources.push_back(std::move(r));
    } else if (e.type == "state") {
      if (mode == ReadMode::contents) {
        out.state = std::move(json_bodies[e.path]);
      }
    } else {
      out.files.push_back(e);
    }
  }
  for (const auto& [path, e] : seen) {
    if (!listed.contains(path)) {
      return util::fail("archive corrupted: entry {} is not in the manifest", path);
    }
  }
  return out;
}

util::Result<ArchiveContents> read_backup(Destination& dest, const BackupInfo& info, const KeyMaterial& key,
                                          const FileHandler& on_file, ReadMode mode)
{
  PAVE_TRY_ASSIGN(auto raw, dest.open(object_key(info.id, k_archive_object)));
  HashingSource hashed(*raw);
  auto plain = make_decrypting_source(key, hashed);
  auto tar = make_decompressing_source(*plain);
  HashingSource counted(*tar);
  PAVE_TRY_ASSIGN(auto contents, read_tar_stream(counted, on_file, mode));
  // Drain whatever follows the tar end (the zstd frame end and the final GCM chunk must still be read and checked).
  char buf[4096];
  for (;;) {
    PAVE_TRY_ASSIGN(const std::size_t n, counted.read(buf, sizeof buf));
    if (n == 0) {
      break;
    }
  }
  contents.plaintext_bytes = counted.bytes();
  if (hashed.bytes() != info.size) {
    return util::fail("archive corrupted: {} bytes, its record says {}", hashed.bytes(), info.size);
  }
  if (hashed.sha256() != info.sha256) {
    return util::fail("archive corrupted: its SHA-256 does not match its record");
  }
  if (contents.manifest.header.id != info.id || contents.manifest.header.environment != info.environment ||
      !(contents.manifest.header.counts == info.counts)) {
    return util::fail("archive corrupted: its manifest does not match its record (id, environment or counts)");
  }
  return contents;
}

} // namespace pave::backup
