#pragma once
/// Large-object transfers between a local file and S3 with bounded memory:
/// an upload holds at most `concurrency` parts of `part_size` bytes at once
/// and a download none (it streams to disk),
/// whatever the object's size.
///  - upload: one PutObject below `multipart_threshold`; above it a
///    multipart upload whose parts are read with pread and sent by
///    `concurrency` threads; any failed part (after its retries) aborts the
///    upload, so no orphaned parts are left behind.
///  - download: HeadObject, then ranged GETs (download_range_size) by
///    `concurrency` threads, each pinned to the ETag (If-Match: a concurrent
///    overwrite fails the download with PreconditionFailed instead of mixing
///    versions), streamed with pwrite into a temporary file as the bytes
///    arrive (no part is held in memory) and renamed into place at the end.
#include <cstdint>
#include <filesystem>
#include <string>

#include <pave/cloud/aws/s3.hpp>

namespace pave::cloud::aws::s3 {

struct TransferOptions
{
  std::uint64_t part_size = 8ull << 20;
  std::uint64_t multipart_threshold = 8ull << 20;
  int concurrency = 8;
  PutOptions put; ///< content type, encryption, conditions (single PUTs)
};

/// The parts of an object of `size` bytes: {offset, length} each, at least
/// 5 MiB per part but the last (S3's minimum), at most 10,000 parts (the
/// part size grows for larger objects).
std::vector<std::pair<std::uint64_t, std::uint64_t>> plan_parts(std::uint64_t size, std::uint64_t part_size);

/// The length of each ranged GET of a download of `size` bytes: the object
/// split evenly over the `concurrency` workers, so each sends one request,
/// but at least `part_size` and at most 64 MiB (a failed range is fetched
/// again whole). Fewer, larger ranges cost fewer requests (each one billed,
/// signed and answered separately); memory does not grow with the range,
/// since ranges are streamed to disk.
std::uint64_t download_range_size(std::uint64_t size, const TransferOptions& options);

struct TransferResult
{
  std::uint64_t bytes = 0;
  int parts = 0;
  std::string etag;
};

AwsResult<TransferResult> upload_file(S3& s3, const std::filesystem::path& file, const std::string& bucket,
                                      const std::string& key, const TransferOptions& options = {});

AwsResult<TransferResult> download_file(S3& s3, const std::string& bucket, const std::string& key,
                                        const std::filesystem::path& file, const TransferOptions& options = {});

} // namespace pave::cloud::aws::s3
