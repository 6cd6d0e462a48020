#pragma once
/// state::ObjectStore on an S3 bucket: the remote state backend's storage.
/// Puts are encrypted at rest (x-amz-server-side-encryption: AES256) and
/// conditional through If-None-Match: * and If-Match; a 412
/// PreconditionFailed (or 409 ConditionalRequestConflict, a concurrent
/// conditional write) is the outcome done = false, not an error.
#include <memory>

#include <pave/cloud/aws/s3.hpp>
#include <pave/cloud/aws/session.hpp>
#include <pave/state/object_store.hpp>

namespace pave::cloud::aws {

class S3ObjectStore final : public state::ObjectStore
{
public:
  /// `session` keeps the client alive; `bucket` is the bucket name.
  S3ObjectStore(std::shared_ptr<Session> session, std::string bucket);

  std::string describe() const override { return "s3://" + m_bucket; }
  util::Result<std::optional<state::StoredObject>> get(const std::string& key) override;
  util::Result<state::PutOutcome> put(const std::string& key, std::string bytes,
                                      const state::PutCondition& condition) override;
  util::Result<state::PutOutcome> remove(const std::string& key, const std::string& if_match = {}) override;
  util::Result<std::vector<state::ObjectEntry>> list(const std::string& prefix) override;

private:
  std::shared_ptr<Session> m_session;
  s3::S3 m_s3;
  std::string m_bucket;
};

/// A factory for open_store(): opens one AWS session (region, profile,
/// endpoint from `options`) on first use and S3ObjectStores on it.
state::ObjectStoreFactory s3_object_store_factory(SessionOptions options);

} // namespace pave::cloud::aws
