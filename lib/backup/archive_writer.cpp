#include <pave/backup/archive_writer.hpp>

#include <cstring>
#include <sstream>

#include <openssl/evp.h>

#include <pave/backup/tar.hpp>
#include <pave/util/time.hpp>

namespace pave::backup {

namespace {

ArchiveWriter::Fingerprint fingerprint(std::string_view path)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(path.data(), path.size(), md, &n, EVP_sha256(), nullptr);
  ArchiveWriter::Fingerprint f;
  std::memcpy(&f.a, md, 8);
  std::memcpy(&f.b, md + 8, 8);
  return f;
}

} // namespace

ArchiveWriter::ArchiveWriter(Destination& dest, const BackupHeader& header, const KeyMaterial& key)
  : m_dest(dest), m_header(header), m_key_kind(key.key.empty() ? "passphrase" : "key")
{
  m_header.counts = Counts{};
}

ArchiveWriter::~ArchiveWriter()
{
  // The stages go first (the tar writer flushes into them), the unfinished upload last: it is discarded.
  m_tar.reset();
  m_threaded.reset();
  m_compressed.reset();
  m_encrypted.reset();
  m_hashed.reset();
  m_upload.reset();
}

util::Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::open(Destination& dest, const BackupHeader& header,
                                                                 const KeyMaterial& key, const ArchiveOptions& options)
{
  PAVE_TRY_ASSIGN(const auto existing, dest.get(object_key(header.id, k_record_object)));
  if (existing) {
    return util::fail("backup {} exists already in {}", header.id, dest.describe());
  }
  const auto created = util::parse_rfc3339(header.created);
  if (!created) {
    return util::fail("backup {}: bad creation time {}", header.id, header.created);
  }
  std::unique_ptr<ArchiveWriter> w(new ArchiveWriter(dest, header, key));
  w->m_created = *created;
  PAVE_TRY_ASSIGN(w->m_upload, dest.create(object_key(header.id, k_archive_object)));
  w->m_hashed = std::make_unique<HashingSink>(*w->m_upload);
  PAVE_TRY_ASSIGN(w->m_encrypted, make_encrypting_sink(key, *w->m_hashed, options.encrypt));
  PAVE_TRY_ASSIGN(w->m_compressed, make_compressing_sink(*w->m_encrypted, options.compress));
  Sink* tar_out = w->m_compressed.get();
  if (options.threaded) {
    w->m_threaded = std::make_unique<ThreadedSink>(*w->m_compressed);
    tar_out = w->m_threaded.get();
  }
  PAVE_TRY_ASSIGN(w->m_tar, TarWriter::open(*tar_out, *created));
  return w;
}

util::Result<void> ArchiveWriter::check(util::Result<void> r)
{
  if (!r && !m_error) {
    m_error = r.error();
  }
  return r;
}

util::Result<void> ArchiveWriter::record(const Fingerprint& path, const ManifestEntry& entry)
{
  m_paths.insert(path);
  return check(m_manifest.add(entry));
}

SerializedResource serialize(ResourceItem item)
{
  SerializedResource out{std::move(item.address), std::move(item.api_version), std::move(item.kind),
                         std::move(item.namespace_), std::move(item.name), item.object.dump(2) + "\n", {}};
  Sha256 h;
  h.update(out.body);
  out.sha256 = h.hex();
  return out;
}

util::Result<void> ArchiveWriter::add_resource(const ResourceItem& r)
{
  return add_serialized(serialize(r));
}

util::Result<void> ArchiveWriter::add_serialized(const SerializedResource& r)
{
  if (m_error) {
    return std::unexpected(*m_error);
  }
  std::string path = resource_entry_path(r.api_version, r.kind, r.namespace_, r.name);
  const Fingerprint fp = fingerprint(path);
  if (m_paths.contains(fp)) {
    return util::fail("backup: {} is listed twice", r.address);
  }
  PAVE_TRY(check(m_tar->begin_entry(path, r.body.size())));
  PAVE_TRY(check(m_tar->write_data(r.body)));
  PAVE_TRY(check(m_tar->end_entry()));
  PAVE_TRY(record(fp, ManifestEntry{std::move(path), "resource", r.address, r.body.size(), r.sha256}));
  ++m_header.counts.resources;
  ++m_header.counts.kinds[r.kind];
  if (r.kind == "Namespace") {
    m_namespaces.insert(r.name);
  } else if (!r.namespace_.empty()) {
    m_namespaces.insert(r.namespace_);
  }
  return {};
}

util::Result<void> ArchiveWriter::add_state(std::istream& in, std::uint64_t size)
{
  if (m_error) {
    return std::unexpected(*m_error);
  }
  const std::string path(k_state_entry);
  const Fingerprint fp = fingerprint(path);
  if (m_paths.contains(fp)) {
    return util::fail("backup: the state is added twice");
  }
  auto sha = m_tar->add_stream(path, in, size, "the state file");
  if (!sha) {
    return check(std::unexpected(sha.error()));
  }
  PAVE_TRY(record(fp, ManifestEntry{path, "state", "", size, std::move(*sha)}));
  m_header.counts.state = true;
  return {};
}

util::Result<void> ArchiveWriter::add_file(const FileItem& f)
{
  if (m_error) {
    return std::unexpected(*m_error);
  }
  const std::string path = "files/" + f.name;
  const Fingerprint fp = fingerprint(path);
  if (f.name.empty() || f.name.find("..") != std::string::npos || m_paths.contains(fp)) {
    return util::fail("backup: file name {:?} is empty, unsafe or used twice", f.name);
  }
  auto done = m_tar->add_file(path, f.source);
  if (!done) {
    return check(std::unexpected(done.error()));
  }
  PAVE_TRY(record(fp, ManifestEntry{path, "file", "", done->second, std::move(done->first)}));
  ++m_header.counts.files;
  return {};
}

util::Result<BackupInfo> ArchiveWriter::finish()
{
  if (m_error) {
    return std::unexpected(*m_error);
  }
  if (m_finished) {
    return util::fail("backup {}: finished already", m_header.id);
  }
  m_finished = true;
  m_header.counts.namespaces = static_cast<int>(m_namespaces.size());
  const std::string manifest_path(k_manifest_entry);
  PAVE_TRY(check(m_tar->begin_entry(manifest_path, m_manifest.size(m_header))));
  PAVE_TRY(check(m_manifest.write(m_header, [this](std::string_view d) { return m_tar->write_data(d); })));
  PAVE_TRY(check(m_tar->end_entry()));
  PAVE_TRY(check(m_tar->close())); // finishes zstd, the last GCM chunk and the upload: the archive is now complete

  BackupInfo info;
  info.id = m_header.id;
  info.environment = m_header.environment;
  info.created = m_created;
  info.created_text = m_header.created;
  info.size = m_hashed->bytes();
  info.sha256 = m_hashed->sha256();
  info.counts = m_header.counts;
  info.cluster = m_header.cluster;
  info.pave_version = m_header.pave_version;
  info.scope = m_header.scope;
  info.key_kind = m_key_kind;
  PAVE_TRY(m_dest.put(object_key(info.id, k_record_object), to_json(info).dump(2) + "\n")); // written last: now listed
  return info;
}

util::Result<BackupInfo> write_backup(Destination& dest, const WriteInputs& in, const KeyMaterial& key)
{
  PAVE_TRY_ASSIGN(auto w, ArchiveWriter::open(dest, in.header, key, ArchiveOptions{in.compress, in.encrypt}));
  for (const auto& f : in.files) {
    PAVE_TRY(w->add_file(f));
  }
  if (in.state) {
    std::istringstream s(*in.state);
    PAVE_TRY(w->add_state(s, in.state->size()));
  }
  for (const auto& r : in.resources) {
    PAVE_TRY(w->add_resource(r));
  }
  return w->finish();
}

} // namespace pave::backup
