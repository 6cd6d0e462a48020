#include <pave/cloud/aws/s3_transfer.hpp>

#include <fcntl.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace pave::cloud::aws::s3 {

namespace {

std::unexpected<AwsError> local_error(const std::string& op, std::string message)
{
  AwsError e;
  e.service = "s3";
  e.operation = op;
  e.code = "LocalFileError";
  e.message = std::move(message);
  return std::unexpected(e);
}

struct Fd
{
  int fd = -1;
  ~Fd()
  {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

bool read_at(int fd, std::string& buf, std::uint64_t offset, std::uint64_t len)
{
  buf.resize(len);
  std::uint64_t done = 0;
  while (done < len) {
    const auto n = ::pread(fd, buf.data() + done, len - done, static_cast<off_t>(offset + done));
    if (n <= 0) {
      if (n < 0 && errno == EINTR) {
        continue;
      }
      return false;
    }
    done += static_cast<std::uint64_t>(n);
  }
  return true;
}

bool write_at(int fd, std::string_view data, std::uint64_t offset)
{
  std::uint64_t done = 0;
  while (done < data.size()) {
    const auto n = ::pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    done += static_cast<std::uint64_t>(n);
  }
  return true;
}

/// Part buffers are large: keep glibc from raising its mmap threshold after
/// the first one is freed (it would then keep every freed part in the heap
/// of each thread's arena), so freed parts go back to the system at once.
void fix_mmap_threshold()
{
  static const bool once = [] { return mallopt(M_MMAP_THRESHOLD, 1 << 20) == 1; }();
  (void)once;
}

/// Runs `work(i)` for i in [0, count) on `threads` threads; stops handing
/// out work after the first failure, which is returned.
AwsResult<void> parallel(std::size_t count, int threads, const std::function<AwsResult<void>(std::size_t)>& work)
{
  fix_mmap_threshold();
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::optional<AwsError> first;
  const auto worker = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count || failed.load()) {
        return;
      }
      auto r = work(i);
      if (!r) {
        std::lock_guard lock(mutex);
        if (!first) {
          first = r.error();
        }
        failed = true;
        return;
      }
    }
  };
  std::vector<std::jthread> pool;
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), std::max<std::size_t>(count, 1));
  for (std::size_t t = 0; t < n; ++t) {
    pool.emplace_back(worker);
  }
  pool.clear(); // joins
  if (first) {
    return std::unexpected(*first);
  }
  return {};
}

} // namespace

std::vector<std::pair<std::uint64_t, std::uint64_t>> plan_parts(std::uint64_t size, std::uint64_t part_size)
{
  constexpr std::uint64_t k_min = 5ull << 20;
  constexpr std::uint64_t k_max_parts = 10000;
  part_size = std::max(part_size, k_min);
  if ((size + part_size - 1) / part_size > k_max_parts) {
    part_size = (size + k_max_parts - 1) / k_max_parts;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;
  for (std::uint64_t off = 0; off < size; off += part_size) {
    parts.emplace_back(off, std::min(part_size, size - off));
  }
  if (parts.empty()) {
    parts.emplace_back(0, 0);
  }
  return parts;
}

AwsResult<TransferResult> upload_file(S3& s3, const std::filesystem::path& file, const std::string& bucket,
                                      const std::string& key, const TransferOptions& options)
{
  Fd in{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat st{};
  if (in.fd < 0 || ::fstat(in.fd, &st) != 0) {
    return local_error("PutObject", fmt::format("cannot read {}: {}", file.string(), std::strerror(errno)));
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  TransferResult result;
  result.bytes = size;
  if (size < options.multipart_threshold) {
    std::string body;
    if (!read_at(in.fd, body, 0, size)) {
      return local_error("PutObject", fmt::format("cannot read {}: {}", file.string(), std::strerror(errno)));
    }
    PAVE_TRY_ASSIGN(auto info, s3.put_object(bucket, key, std::move(body), options.put));
    result.parts = 1;
    result.etag = info.etag;
    return result;
  }
  const auto parts = plan_parts(size, options.part_size);
  PAVE_TRY_ASSIGN(const std::string upload_id, s3.create_multipart_upload(bucket, key, options.put));
  std::vector<std::string> etags(parts.size());
  auto sent = parallel(parts.size(), options.concurrency, [&](std::size_t i) -> AwsResult<void> {
    std::string buf;
    if (!read_at(in.fd, buf, parts[i].first, parts[i].second)) {
      return local_error("UploadPart", fmt::format("cannot read {}: {}", file.string(), std::strerror(errno)));
    }
    PAVE_TRY_ASSIGN(etags[i], s3.upload_part(bucket, key, upload_id, static_cast<int>(i + 1), std::move(buf)));
    return {};
  });
  if (!sent) {
    if (auto a = s3.abort_multipart_upload(bucket, key, upload_id); !a) {
      spdlog::warn("s3: cannot abort multipart upload {} of s3://{}/{}: {}", upload_id, bucket, key,
                   a.error().describe());
    }
    return std::unexpected(sent.error());
  }
  auto done = s3.complete_multipart_upload(bucket, key, upload_id, etags);
  if (!done) {
    (void)s3.abort_multipart_upload(bucket, key, upload_id);
    return std::unexpected(done.error());
  }
  result.parts = static_cast<int>(parts.size());
  result.etag = done->etag;
  return result;
}

std::uint64_t download_range_size(std::uint64_t size, const TransferOptions& options)
{
  constexpr std::uint64_t k_mib = 1ull << 20;
  constexpr std::uint64_t k_max_range = 64 * k_mib;
  const auto workers = static_cast<std::uint64_t>(std::max(options.concurrency, 1));
  const auto even = (size + workers - 1) / workers;
  const auto rounded = (even + k_mib - 1) / k_mib * k_mib;
  return std::max(options.part_size, std::min(rounded, k_max_range));
}

AwsResult<TransferResult> download_file(S3& s3, const std::string& bucket, const std::string& key,
                                        const std::filesystem::path& file, const TransferOptions& options)
{
  PAVE_TRY_ASSIGN(const ObjectInfo head, s3.head_object(bucket, key));
  const std::filesystem::path tmp = file.string() + ".pave-part";
  Fd out{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
  if (out.fd < 0 || ::ftruncate(out.fd, static_cast<off_t>(head.size)) != 0) {
    return local_error("GetObject", fmt::format("cannot write {}: {}", tmp.string(), std::strerror(errno)));
  }
  const auto parts = plan_parts(head.size, download_range_size(head.size, options));
  auto got = parallel(parts.size(), options.concurrency, [&](std::size_t i) -> AwsResult<void> {
    const auto [start, length] = parts[i];
    if (length == 0) {
      return {};
    }
    const auto range = fmt::format("bytes={}-{}", start, start + length - 1);
    int write_errno = 0;
    auto got_range = s3.get_object_to(bucket, key, range, head.etag, [&](std::uint64_t offset, std::string_view data) {
      if (offset + data.size() > length) { // more than asked for: refuse rather than spill into the next range
        write_errno = EOVERFLOW;
        return false;
      }
      if (!write_at(out.fd, data, start + offset)) {
        write_errno = errno;
        return false;
      }
      return true;
    });
    if (write_errno != 0) {
      return local_error("GetObject", fmt::format("cannot write {}: {}", tmp.string(), std::strerror(write_errno)));
    }
    PAVE_TRY(got_range);
    if (got_range->size != length) {
      AwsError e;
      e.service = "s3";
      e.operation = "GetObject";
      e.code = "IncompleteBody";
      e.message = fmt::format("range {} returned {} bytes", range, got_range->size);
      return std::unexpected(e);
    }
    return {};
  });
  if (!got || ::fsync(out.fd) != 0 || std::rename(tmp.c_str(), file.c_str()) != 0) {
    ::unlink(tmp.c_str());
    if (!got) {
      return std::unexpected(got.error());
    }
    return local_error("GetObject", fmt::format("cannot write {}: {}", file.string(), std::strerror(errno)));
  }
  TransferResult r;
  r.bytes = head.size;
  r.parts = static_cast<int>(parts.size());
  r.etag = head.etag;
  return r;
}

} // namespace pave::cloud::aws::s3
