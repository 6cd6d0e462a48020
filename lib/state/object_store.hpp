#pragma once
/// An object store as the remote state backend needs it: whole-object get,
/// conditional put and delete, and listing by prefix. S3 implements it in
/// lib/cloud/aws/s3_object_store.hpp, MemoryObjectStore in memory (tests, and
/// any store that several S3StateStores share in one process). Keys are
/// plain strings; the bucket (or its equivalent) is the store's own.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::state {

/// An object's bytes and the tag of that version (S3: the ETag, quotes kept).
struct StoredObject
{
  std::string bytes;
  std::string etag;
};

/// A listed object.
struct ObjectEntry
{
  std::string key;
  std::uint64_t size = 0;
  std::string last_modified; ///< RFC 3339 as the store gives it
};

/// When a put may happen. Both empty: always.
struct PutCondition
{
  bool if_absent = false; ///< only when no object has the key (S3: If-None-Match: *)
  std::string if_match;   ///< only when the stored version has this tag (S3: If-Match)

  static PutCondition absent() { return {true, {}}; }
  static PutCondition matching(std::string etag) { return {false, std::move(etag)}; }
};

/// The outcome of a conditional put or delete that reached the store.
struct PutOutcome
{
  bool done = false; ///< false: the condition did not hold (S3: 412 PreconditionFailed), nothing changed
  std::string etag;  ///< the new version's tag (puts that were done)
};

class ObjectStore
{
public:
  virtual ~ObjectStore() = default;
  /// "s3://bucket", "memory://": prefixes keys in messages.
  virtual std::string describe() const = 0;
  /// The object, or nullopt when there is none. Errors: network, permissions.
  virtual util::Result<std::optional<StoredObject>> get(const std::string& key) = 0;
  /// Stores `bytes` under `key` when `condition` holds (done = false when not).
  virtual util::Result<PutOutcome> put(const std::string& key, std::string bytes, const PutCondition& condition) = 0;
  /// Deletes `key`; with `if_match`, only while the stored version has that
  /// tag (done = false when it has another, or is gone). Deleting a key that
  /// does not exist without `if_match` is done.
  virtual util::Result<PutOutcome> remove(const std::string& key, const std::string& if_match = {}) = 0;
  /// Every key that starts with `prefix`, in key order.
  virtual util::Result<std::vector<ObjectEntry>> list(const std::string& prefix) = 0;
};

/// Opens the object store of a bucket ("s3://BUCKET/..." -> BUCKET). Given to
/// open_store() by callers that have cloud credentials (lib/actions), so that
/// lib/state needs no cloud client.
using ObjectStoreFactory = std::function<util::Result<std::shared_ptr<ObjectStore>>(const std::string& bucket)>;

} // namespace pave::state
