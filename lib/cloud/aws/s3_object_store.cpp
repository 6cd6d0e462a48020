#include <pave/cloud/aws/s3_object_store.hpp>

namespace pave::cloud::aws {

namespace {

bool condition_failed(const AwsError& e)
{
  return e.code == "PreconditionFailed" || e.code == "ConditionalRequestConflict" || e.status == 412;
}

bool not_found(const AwsError& e)
{
  return e.code == "NoSuchKey" || e.code == "NotFound" || e.status == 404;
}

} // namespace

S3ObjectStore::S3ObjectStore(std::shared_ptr<Session> session, std::string bucket)
  : m_session(std::move(session)), m_s3(*m_session->client), m_bucket(std::move(bucket))
{
}

util::Result<std::optional<state::StoredObject>> S3ObjectStore::get(const std::string& key)
{
  auto obj = m_s3.get_object(m_bucket, key);
  if (!obj) {
    if (obj.error().code == "NoSuchKey") {
      return std::optional<state::StoredObject>();
    }
    return std::unexpected(util::Error(obj.error()));
  }
  return std::optional<state::StoredObject>(state::StoredObject{std::move(obj->body), std::move(obj->info.etag)});
}

util::Result<state::PutOutcome> S3ObjectStore::put(const std::string& key, std::string bytes,
                                                   const state::PutCondition& condition)
{
  s3::PutOptions o;
  o.content_type = "application/json";
  o.sse = "AES256";
  o.if_none_match = condition.if_absent;
  o.if_match = condition.if_match;
  auto r = m_s3.put_object(m_bucket, key, std::move(bytes), o);
  if (!r) {
    if ((condition.if_absent || !condition.if_match.empty()) &&
        (condition_failed(r.error()) || (!condition.if_match.empty() && not_found(r.error())))) {
      return state::PutOutcome{};
    }
    return std::unexpected(util::Error(r.error()));
  }
  return state::PutOutcome{true, std::move(r->etag)};
}

util::Result<state::PutOutcome> S3ObjectStore::remove(const std::string& key, const std::string& if_match)
{
  auto r = m_s3.delete_object(m_bucket, key, {}, if_match);
  if (!r) {
    if (!if_match.empty() && (condition_failed(r.error()) || not_found(r.error()))) {
      return state::PutOutcome{};
    }
    return std::unexpected(util::Error(r.error()));
  }
  return state::PutOutcome{true, {}};
}

util::Result<std::vector<state::ObjectEntry>> S3ObjectStore::list(const std::string& prefix)
{
  auto r = m_s3.list_objects(m_bucket, prefix);
  if (!r) {
    return std::unexpected(util::Error(r.error()));
  }
  std::vector<state::ObjectEntry> out;
  out.reserve(r->size());
  for (auto& i : *r) {
    out.push_back({std::move(i.key), i.size, std::move(i.last_modified)});
  }
  return out;
}

state::ObjectStoreFactory s3_object_store_factory(SessionOptions options)
{
  auto session = std::make_shared<std::shared_ptr<Session>>();
  return [options = std::move(options), session](const std::string& bucket)
           -> util::Result<std::shared_ptr<state::ObjectStore>> {
    if (!*session) {
      PAVE_TRY_ASSIGN(auto s, open_session(options));
      *session = std::make_shared<Session>(std::move(s));
    }
    return std::shared_ptr<state::ObjectStore>(std::make_shared<S3ObjectStore>(*session, bucket));
  };
}

} // namespace pave::cloud::aws
