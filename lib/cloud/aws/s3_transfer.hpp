#pragma once
/// Large-object transfers between a local file and S3 with bounded memory:
/// at most `concurrency` parts of `part_size` bytes are in memory at once,
/// whatever the object's size.
///  - upload: one PutObject below `multipart_threshold`; above it a
///    multipart upload whose parts are read with pread and sent by
///    `concurrency` threads; any failed part (after its retries) aborts the
///    upload, so no orphaned parts are left behind.
///  - download: HeadObject, then ranged GETs of `part_size` by `concurrency`
///    threads, each pinned to the ETag (If-Match: a concurrent overwrite
///    fails the download with PreconditionFailed instead of mixing
///    versions), written with pwrite into a temporary file renamed into
///    place at the end.
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
