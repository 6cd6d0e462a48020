#pragma once
/// S3 over REST-XML: objects (put, get, head, list v2, batch delete,
/// multipart parts, conditional writes, server-side encryption, checksums)
/// and the bucket configuration pave manages (bucket resources and remote
/// state). Transfers of large files are in s3_transfer.hpp.
///
/// Addressing: path-style (ENDPOINT/BUCKET/KEY) on configured endpoints
/// (moto, MinIO, LocalStack), virtual-hosted (BUCKET.s3.REGION...) on AWS's
/// own for DNS-compatible names. Keys are encoded once and never normalised.
/// Every payload's SHA-256 is signed, so S3 rejects a corrupted body
/// (XAmzContentSHA256Mismatch), except multipart parts over HTTPS: TLS
/// already protects them, and they are sent UNSIGNED-PAYLOAD as the AWS
/// SDKs send them (a large upload is not hashed once more).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <pave/cloud/aws/client.hpp>

namespace pave::cloud::aws::s3 {

struct PutOptions
{
  std::string content_type;
  bool if_none_match = false; ///< If-None-Match: * (create only; PreconditionFailed when the key exists)
  std::string if_match;       ///< If-Match: ETAG (PreconditionFailed when the object changed)
  std::string sse;            ///< x-amz-server-side-encryption: "AES256" or "aws:kms"
  std::string sse_kms_key_id;
  bool checksum_sha256 = false; ///< send x-amz-checksum-sha256 (stored and verified by S3)
};

struct ObjectInfo
{
  std::string key;
  std::uint64_t size = 0;
  std::string etag; ///< with its quotes, as S3 returns it
  std::string last_modified;
  std::string version_id;
};

struct Object
{
  ObjectInfo info;
  std::string body;
};

class S3
{
public:
  explicit S3(Client& client) : m_client(client) {}

  // Objects.
  AwsResult<ObjectInfo> put_object(const std::string& bucket, const std::string& key, std::string body,
                                   const PutOptions& options = {});
  /// `range`: "bytes=0-99" or empty; `if_match`: ETag or empty.
  AwsResult<Object> get_object(const std::string& bucket, const std::string& key, const std::string& range = {},
                               const std::string& if_match = {});
  /// GetObject streamed: the bytes (of `range` when not empty) are handed to
  /// `sink` as they arrive, `offset` counting from the first byte returned
  /// (a retried request starts again at 0), and never held in memory. The
  /// result's `size` is the number of bytes delivered. A sink returning
  /// false stops the transfer with a network error of kind cancelled.
  AwsResult<ObjectInfo> get_object_to(const std::string& bucket, const std::string& key, const std::string& range,
                                      const std::string& if_match,
                                      std::function<bool(std::uint64_t offset, std::string_view data)> sink);
  /// Error code "NotFound" when the key does not exist.
  AwsResult<ObjectInfo> head_object(const std::string& bucket, const std::string& key);
  /// `if_match`: delete only while the object has that ETag (PreconditionFailed otherwise).
  AwsResult<void> delete_object(const std::string& bucket, const std::string& key, const std::string& version_id = {},
                                const std::string& if_match = {});
  /// All keys under `prefix` (ListObjectsV2, following continuation tokens).
  AwsResult<std::vector<ObjectInfo>> list_objects(const std::string& bucket, const std::string& prefix = {},
                                                  int max_keys = 1000);
  /// Every version and delete marker (ListObjectVersions, paginated).
  AwsResult<std::vector<ObjectInfo>> list_object_versions(const std::string& bucket);
  /// DeleteObjects in batches of 1000 (with Content-MD5). A key S3 could not
  /// delete fails the call naming it.
  AwsResult<void> delete_objects(const std::string& bucket, const std::vector<ObjectInfo>& objects);

  // Multipart.
  AwsResult<std::string> create_multipart_upload(const std::string& bucket, const std::string& key,
                                                 const PutOptions& options = {});
  /// Returns the part's ETag.
  AwsResult<std::string> upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                     int part_number, std::string body);
  /// `etags[i]` is part i+1. Errors S3 reports inside a 200 answer are errors.
  AwsResult<ObjectInfo> complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                  const std::string& upload_id, const std::vector<std::string>& etags);
  AwsResult<void> abort_multipart_upload(const std::string& bucket, const std::string& key,
                                         const std::string& upload_id);

  // Buckets.
  /// Creates in the client's region; BucketAlreadyOwnedByYou is success (a retried create).
  AwsResult<void> create_bucket(const std::string& bucket);
  AwsResult<void> delete_bucket(const std::string& bucket);
  /// Error "NotFound" when the bucket does not exist.
  AwsResult<void> head_bucket(const std::string& bucket);
  /// The bucket's region ("us-east-1" for the empty LocationConstraint).
  AwsResult<std::string> bucket_region(const std::string& bucket);
  /// "Enabled", "Suspended" or "" (never enabled).
  AwsResult<std::string> get_versioning(const std::string& bucket);
  AwsResult<void> put_versioning(const std::string& bucket, bool enabled);
  /// {"algorithm": "AES256"|"aws:kms", "kms_key_id": ..., "bucket_key": bool} or null.
  AwsResult<nlohmann::json> get_encryption(const std::string& bucket);
  AwsResult<void> put_encryption(const std::string& bucket, const nlohmann::json& encryption);
  AwsResult<void> delete_encryption(const std::string& bucket);
  /// Tags as {key: value}; empty when the bucket has none.
  AwsResult<std::map<std::string, std::string>> get_tags(const std::string& bucket);
  AwsResult<void> put_tags(const std::string& bucket, const std::map<std::string, std::string>& tags);
  /// Lifecycle rules in pave's shape (see cloud docs) or an empty array.
  AwsResult<nlohmann::json> get_lifecycle(const std::string& bucket);
  AwsResult<void> put_lifecycle(const std::string& bucket, const nlohmann::json& rules);
  /// {"block_public_acls": b, "ignore_public_acls": b, "block_public_policy": b, "restrict_public_buckets": b} or null.
  AwsResult<nlohmann::json> get_public_access_block(const std::string& bucket);
  AwsResult<void> put_public_access_block(const std::string& bucket, const nlohmann::json& block);
  AwsResult<void> delete_subresource(const std::string& bucket, const std::string& subresource);

  Client& client() { return m_client; }

private:
  OperationRequest op(std::string operation, std::string method, const std::string& bucket,
                      const std::string& key = {}, std::string query = {});
  AwsResult<http::Response> send(OperationRequest op);
  Client& m_client;
};

/// Base64 MD5 of `data` (Content-MD5).
std::string content_md5(std::string_view data);
/// Base64 SHA-256 of `data` (x-amz-checksum-sha256).
std::string checksum_sha256(std::string_view data);

} // namespace pave::cloud::aws::s3
