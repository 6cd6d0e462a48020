// The S3 destination (s3://BUCKET/PREFIX) and open_destination().
#include <pave/backup/destination.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <future>

#include <pave/cloud/aws/s3.hpp>
#include <pave/cloud/aws/session.hpp>

namespace pave::backup {

std::unique_ptr<Destination> shared_memory_destination(); // file_destination.cpp

namespace {

namespace aws = pave::cloud::aws;

bool not_found(const aws::AwsError& e) { return e.code == "NoSuchKey" || e.code == "NotFound" || e.status == 404; }

/// A multipart upload fed part by part: at most `concurrency` parts of
/// `part_size` bytes are in memory or in flight. Small objects (below one
/// part) go as one PutObject at finish(). Unfinished uploads are aborted.
class S3Upload : public Upload
{
public:
  S3Upload(std::shared_ptr<aws::Session> session, std::string bucket, std::string key, const DestinationOptions& o)
    : m_session(std::move(session)), m_s3(*m_session->client), m_bucket(std::move(bucket)), m_key(std::move(key)),
      m_part_size(std::max<std::uint64_t>(o.part_size, 5ull << 20)), m_concurrency(std::max(1, o.concurrency))
  {
  }

  ~S3Upload() override
  {
    for (auto& f : m_inflight) {
      f.wait();
    }
    if (!m_done && !m_upload_id.empty()) {
      (void)m_s3.abort_multipart_upload(m_bucket, m_key, m_upload_id);
    }
  }

  util::Result<void> write(std::string_view data) override
  {
    while (!data.empty()) {
      const std::uint64_t part = current_part_size();
      const std::size_t n = std::min<std::size_t>(data.size(), part - m_buf.size());
      m_buf.append(data.substr(0, n));
      data.remove_prefix(n);
      if (m_buf.size() == part) {
        PAVE_TRY(send_part());
      }
    }
    return {};
  }

  util::Result<void> finish() override
  {
    if (m_upload_id.empty()) {
      aws::s3::PutOptions po;
      po.content_type = "application/octet-stream";
      auto r = m_s3.put_object(m_bucket, m_key, std::move(m_buf), po);
      if (!r) {
        return std::unexpected(util::Error(r.error()));
      }
      m_done = true;
      return {};
    }
    if (!m_buf.empty()) {
      PAVE_TRY(send_part());
    }
    while (!m_inflight.empty()) {
      PAVE_TRY(wait_oldest());
    }
    auto r = m_s3.complete_multipart_upload(m_bucket, m_key, m_upload_id, m_etags);
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    m_done = true;
    return {};
  }

private:
  /// The size of the part being filled: the base size for the first 1,000
  /// parts, doubling every 1,000 parts up to 128 MiB, so that S3's limit of
  /// 10,000 parts allows archives of about 900 GiB (with an 8 MiB base)
  /// while small archives keep small parts.
  std::uint64_t current_part_size() const
  {
    const std::size_t number = m_etags.size() + m_inflight.size();
    const unsigned shift = static_cast<unsigned>(std::min<std::size_t>(number / 1000, 8));
    return std::max(m_part_size, std::min<std::uint64_t>(m_part_size << shift, 128ull << 20));
  }

  util::Result<void> send_part()
  {
    if (m_upload_id.empty()) {
      aws::s3::PutOptions po;
      po.content_type = "application/octet-stream";
      auto id = m_s3.create_multipart_upload(m_bucket, m_key, po);
      if (!id) {
        return std::unexpected(util::Error(id.error()));
      }
      m_upload_id = *id;
    }
    while (static_cast<int>(m_inflight.size()) >= m_concurrency) {
      PAVE_TRY(wait_oldest());
    }
    const int number = static_cast<int>(m_etags.size()) + static_cast<int>(m_inflight.size()) + 1;
    if (number > 10000) {
      return util::fail("s3://{}/{}: the archive needs more than 10,000 parts (S3's limit)", m_bucket, m_key);
    }
    m_inflight.push_back(std::async(std::launch::async, [this, number, body = std::move(m_buf)]() mutable {
      return m_s3.upload_part(m_bucket, m_key, m_upload_id, number, std::move(body));
    }));
    m_buf = std::string();
    m_buf.reserve(current_part_size());
    return {};
  }

  util::Result<void> wait_oldest()
  {
    auto r = m_inflight.front().get();
    m_inflight.pop_front();
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    m_etags.push_back(*r);
    return {};
  }

  std::shared_ptr<aws::Session> m_session;
  aws::s3::S3 m_s3;
  std::string m_bucket, m_key;
  std::uint64_t m_part_size;
  int m_concurrency;
  std::string m_buf;
  std::string m_upload_id;
  std::deque<std::future<aws::AwsResult<std::string>>> m_inflight;
  std::vector<std::string> m_etags;
  bool m_done = false;
};

/// Reads an object with ranged GETs of one part each, pinned to its ETag
/// (If-Match: a concurrent overwrite fails the read instead of mixing
/// versions), keeping up to `ahead` ranges in flight while the current one
/// is consumed: memory is (ahead + 1) parts whatever the object's size.
class S3Source : public Source
{
public:
  S3Source(std::shared_ptr<aws::Session> session, std::string bucket, std::string key, aws::s3::ObjectInfo info,
           std::uint64_t part, int ahead)
    : m_session(std::move(session)), m_s3(*m_session->client), m_bucket(std::move(bucket)), m_key(std::move(key)),
      m_info(std::move(info)), m_part(part), m_ahead(std::max(1, ahead))
  {
  }
  ~S3Source() override
  {
    for (auto& f : m_next) {
      f.wait();
    }
  }

  util::Result<std::size_t> read(char* buf, std::size_t size) override
  {
    if (m_pos == m_buf.size()) {
      while (static_cast<int>(m_next.size()) < m_ahead && m_requested < m_info.size) {
        m_next.push_back(fetch(m_requested));
        m_requested = std::min(m_info.size, m_requested + m_part);
      }
      if (m_next.empty()) {
        return 0;
      }
      auto r = m_next.front().get();
      m_next.pop_front();
      if (!r) {
        return std::unexpected(util::Error(r.error()));
      }
      m_buf = std::move(r->body);
      m_pos = 0;
      if (m_buf.empty()) {
        return util::fail("s3://{}/{}: empty range at byte {}", m_bucket, m_key, m_offset);
      }
      m_offset += m_buf.size();
    }
    const std::size_t n = std::min(size, m_buf.size() - m_pos);
    std::memcpy(buf, m_buf.data() + m_pos, n);
    m_pos += n;
    return n;
  }

private:
  std::future<aws::AwsResult<aws::s3::Object>> fetch(std::uint64_t offset)
  {
    const std::uint64_t last = std::min(m_info.size, offset + m_part) - 1;
    return std::async(std::launch::async, [this, offset, last] {
      return m_s3.get_object(m_bucket, m_key, fmt::format("bytes={}-{}", offset, last), m_info.etag);
    });
  }

  std::shared_ptr<aws::Session> m_session;
  aws::s3::S3 m_s3;
  std::string m_bucket, m_key;
  aws::s3::ObjectInfo m_info;
  std::uint64_t m_part;
  int m_ahead;
  std::string m_buf;
  std::size_t m_pos = 0;
  std::uint64_t m_offset = 0;    ///< bytes handed out so far (for messages)
  std::uint64_t m_requested = 0; ///< bytes requested so far
  std::deque<std::future<aws::AwsResult<aws::s3::Object>>> m_next;
};

class S3Destination : public Destination
{
public:
  S3Destination(std::shared_ptr<aws::Session> session, std::string bucket, std::string prefix, DestinationOptions o)
    : m_session(std::move(session)), m_s3(*m_session->client), m_bucket(std::move(bucket)),
      m_prefix(std::move(prefix)), m_options(o)
  {
  }

  std::string describe() const override
  {
    return m_prefix.empty() ? "s3://" + m_bucket : "s3://" + m_bucket + "/" + m_prefix.substr(0, m_prefix.size() - 1);
  }

  util::Result<std::unique_ptr<Upload>> create(const std::string& key) override
  {
    return std::unique_ptr<Upload>(std::make_unique<S3Upload>(m_session, m_bucket, m_prefix + key, m_options));
  }

  util::Result<void> put(const std::string& key, std::string_view data) override
  {
    aws::s3::PutOptions po;
    po.content_type = "application/json";
    auto r = m_s3.put_object(m_bucket, m_prefix + key, std::string(data), po);
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    return {};
  }

  util::Result<std::optional<std::string>> get(const std::string& key) override
  {
    auto r = m_s3.get_object(m_bucket, m_prefix + key);
    if (!r) {
      if (not_found(r.error())) {
        return std::optional<std::string>();
      }
      return std::unexpected(util::Error(r.error()));
    }
    return std::optional<std::string>(std::move(r->body));
  }

  util::Result<std::unique_ptr<Source>> open(const std::string& key) override
  {
    auto info = m_s3.head_object(m_bucket, m_prefix + key);
    if (!info) {
      if (not_found(info.error())) {
        return util::fail("{}/{}: no such backup object", describe(), key);
      }
      return std::unexpected(util::Error(info.error()));
    }
    return std::unique_ptr<Source>(
        std::make_unique<S3Source>(m_session, m_bucket, m_prefix + key, *info, m_options.part_size, 4));
  }

  util::Result<std::vector<StoredEntry>> list(const std::string& prefix) override
  {
    auto r = m_s3.list_objects(m_bucket, m_prefix + prefix);
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    std::vector<StoredEntry> out;
    for (const auto& o : *r) {
      out.push_back({o.key.substr(m_prefix.size()), o.size});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
  }

  util::Result<void> remove(const std::string& key) override
  {
    auto r = m_s3.delete_object(m_bucket, m_prefix + key);
    if (!r && !not_found(r.error())) {
      return std::unexpected(util::Error(r.error()));
    }
    return {};
  }

private:
  std::shared_ptr<aws::Session> m_session;
  aws::s3::S3 m_s3;
  std::string m_bucket;
  std::string m_prefix; ///< "" or "a/b/"
  DestinationOptions m_options;
};

} // namespace

util::Result<std::unique_ptr<Destination>> open_destination(const std::string& url, const std::string& base_dir,
                                                            const DestinationOptions& options)
{
  if (url.starts_with("s3://")) {
    std::string rest = url.substr(5);
    const auto slash = rest.find('/');
    const std::string bucket = rest.substr(0, slash);
    std::string prefix = slash == std::string::npos ? "" : rest.substr(slash + 1);
    while (!prefix.empty() && prefix.back() == '/') {
      prefix.pop_back();
    }
    if (bucket.empty()) {
      return util::fail("backup destination {}: expected s3://BUCKET[/PREFIX]", url);
    }
    if (!prefix.empty()) {
      prefix += '/';
    }
    aws::SessionOptions so;
    so.region = options.region;
    so.profile = options.profile;
    so.endpoint_url = options.endpoint_url;
    PAVE_TRY_ASSIGN(auto session, aws::open_session(so));
    return std::unique_ptr<Destination>(std::make_unique<S3Destination>(
        std::make_shared<aws::Session>(std::move(session)), bucket, prefix, options));
  }
  if (url == "memory://") {
    return shared_memory_destination();
  }
  if (url.starts_with("file://")) {
    const std::string dir = url.substr(7);
    if (dir.empty()) {
      return util::fail("backup destination {}: expected file://DIRECTORY", url);
    }
    return make_file_destination(std::filesystem::path(base_dir) / dir);
  }
  if (url.find("://") != std::string::npos) {
    return util::fail("backup destination {}: unknown scheme (use s3://BUCKET/PREFIX, file://DIR or a directory)", url);
  }
  if (url.empty()) {
    return util::fail("no backup destination: set [backup] destination in pave.toml or pass --destination");
  }
  return make_file_destination((std::filesystem::path(base_dir) / url).string());
}

} // namespace pave::backup
