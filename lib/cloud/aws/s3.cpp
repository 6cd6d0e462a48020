#include <pave/cloud/aws/s3.hpp>

#include <algorithm>

#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>
#include <pave/cloud/aws/xml.hpp>
#include <pave/util/base64.hpp>

namespace pave::cloud::aws::s3 {

namespace {

constexpr const char* k_ns = "http://s3.amazonaws.com/doc/2006-03-01/";

bool dns_compatible(const std::string& bucket)
{
  if (bucket.size() < 3 || bucket.size() > 63 || bucket.find('.') != std::string::npos) {
    return false;
  }
  for (const char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return bucket.front() != '-' && bucket.back() != '-';
}

ObjectInfo info_from_headers(const http::Response& r, const std::string& key)
{
  ObjectInfo i;
  i.key = key;
  i.etag = std::string(r.header("ETag").value_or(""));
  i.version_id = std::string(r.header("x-amz-version-id").value_or(""));
  i.last_modified = std::string(r.header("Last-Modified").value_or(""));
  if (const auto len = r.header("Content-Length")) {
    i.size = std::stoull(std::string(*len));
  }
  return i;
}

template <typename T> std::unexpected<AwsError> malformed(const std::string& op, const T& what)
{
  AwsError e;
  e.service = "s3";
  e.operation = op;
  e.code = "MalformedResponse";
  e.message = what;
  return std::unexpected(e);
}

pugi::xml_node root(pugi::xml_document& doc, const char* name)
{
  auto r = doc.append_child(name);
  r.append_attribute("xmlns") = k_ns;
  return r;
}

bool is_code(const AwsError& e, std::initializer_list<std::string_view> codes)
{
  for (const auto c : codes) {
    if (e.code == c) {
      return true;
    }
  }
  return false;
}

} // namespace

std::string content_md5(std::string_view data)
{
  unsigned char md[MD5_DIGEST_LENGTH];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  return util::base64_encode(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string checksum_sha256(std::string_view data)
{
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return util::base64_encode(std::string_view(reinterpret_cast<const char*>(md), SHA256_DIGEST_LENGTH));
}

OperationRequest S3::op(std::string operation, std::string method, const std::string& bucket, const std::string& key,
                        std::string query)
{
  OperationRequest o;
  o.operation = std::move(operation);
  o.method = std::move(method);
  o.query = std::move(query);
  const bool virtual_host = !m_client.endpoint(k_s3).custom && dns_compatible(bucket);
  if (virtual_host) {
    o.host_prefix = bucket + ".";
    o.path = "/" + uri_encode(key, true);
  } else {
    o.path = "/" + bucket + (key.empty() ? "" : "/" + uri_encode(key, true));
  }
  return o;
}

AwsResult<http::Response> S3::send(OperationRequest o)
{
  return m_client.send(k_s3, std::move(o));
}

AwsResult<ObjectInfo> S3::put_object(const std::string& bucket, const std::string& key, std::string body,
                                     const PutOptions& options)
{
  auto o = op("PutObject", "PUT", bucket, key);
  // Always a content type: libcurl would send its form-encoded default.
  o.headers.emplace_back("Content-Type", options.content_type.empty() ? "application/octet-stream"
                                                                      : options.content_type);
  if (options.if_none_match) {
    o.headers.emplace_back("If-None-Match", "*");
  }
  if (!options.if_match.empty()) {
    o.headers.emplace_back("If-Match", options.if_match);
  }
  if (!options.sse.empty()) {
    o.headers.emplace_back("x-amz-server-side-encryption", options.sse);
  }
  if (!options.sse_kms_key_id.empty()) {
    o.headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", options.sse_kms_key_id);
  }
  if (options.checksum_sha256) {
    o.headers.emplace_back("x-amz-checksum-sha256", checksum_sha256(body));
  }
  const auto size = body.size();
  o.body = std::move(body);
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  auto info = info_from_headers(resp, key);
  info.size = size;
  return info;
}

AwsResult<Object> S3::get_object(const std::string& bucket, const std::string& key, const std::string& range,
                                 const std::string& if_match)
{
  auto o = op("GetObject", "GET", bucket, key);
  if (!range.empty()) {
    o.headers.emplace_back("Range", range);
  }
  if (!if_match.empty()) {
    o.headers.emplace_back("If-Match", if_match);
  }
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  Object obj;
  obj.info = info_from_headers(resp, key);
  obj.body = std::move(resp.body);
  obj.info.size = obj.body.size();
  return obj;
}

AwsResult<ObjectInfo> S3::get_object_to(const std::string& bucket, const std::string& key, const std::string& range,
                                        const std::string& if_match,
                                        std::function<bool(std::uint64_t offset, std::string_view data)> sink)
{
  auto o = op("GetObject", "GET", bucket, key);
  if (!range.empty()) {
    o.headers.emplace_back("Range", range);
  }
  if (!if_match.empty()) {
    o.headers.emplace_back("If-Match", if_match);
  }
  std::uint64_t delivered = 0; // the furthest byte written, over every attempt
  o.body_sink = [&](std::uint64_t offset, std::string_view data) {
    if (!sink(offset, data)) {
      return false;
    }
    delivered = std::max(delivered, offset + data.size());
    return true;
  };
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  ObjectInfo info = info_from_headers(resp, key);
  info.size = delivered;
  return info;
}

AwsResult<ObjectInfo> S3::head_object(const std::string& bucket, const std::string& key)
{
  PAVE_TRY_ASSIGN(auto resp, send(op("HeadObject", "HEAD", bucket, key)));
  return info_from_headers(resp, key);
}

AwsResult<void> S3::delete_object(const std::string& bucket, const std::string& key, const std::string& version_id,
                                  const std::string& if_match)
{
  auto o = op("DeleteObject", "DELETE", bucket, key, version_id.empty() ? "" : "versionId=" + uri_encode(version_id, false));
  if (!if_match.empty()) {
    o.headers.emplace_back("If-Match", if_match);
  }
  PAVE_TRY(send(std::move(o)));
  return {};
}

AwsResult<std::vector<ObjectInfo>> S3::list_objects(const std::string& bucket, const std::string& prefix, int max_keys)
{
  std::vector<ObjectInfo> out;
  std::string token;
  for (;;) {
    std::string q = "list-type=2&max-keys=" + std::to_string(max_keys);
    if (!prefix.empty()) {
      q += "&prefix=" + uri_encode(prefix, false);
    }
    if (!token.empty()) {
      q += "&continuation-token=" + uri_encode(token, false);
    }
    PAVE_TRY_ASSIGN(auto resp, send(op("ListObjectsV2", "GET", bucket, {}, q)));
    pugi::xml_document doc;
    PAVE_TRY(xml::parse(doc, resp.body, "ListObjectsV2"));
    const auto r = doc.document_element();
    for (auto c = r.child("Contents"); c; c = c.next_sibling("Contents")) {
      ObjectInfo i;
      i.key = xml::text(c, "Key");
      i.size = c.child("Size").text().as_ullong();
      i.etag = xml::text(c, "ETag");
      i.last_modified = xml::text(c, "LastModified");
      out.push_back(std::move(i));
    }
    token = xml::text(r, "NextContinuationToken");
    if (std::string(xml::text(r, "IsTruncated")) != "true" || token.empty()) {
      return out;
    }
  }
}

AwsResult<std::vector<ObjectInfo>> S3::list_object_versions(const std::string& bucket)
{
  std::vector<ObjectInfo> out;
  std::string key_marker, version_marker;
  for (;;) {
    std::string q = "versions";
    if (!key_marker.empty()) {
      q += "&key-marker=" + uri_encode(key_marker, false);
    }
    if (!version_marker.empty()) {
      q += "&version-id-marker=" + uri_encode(version_marker, false);
    }
    PAVE_TRY_ASSIGN(auto resp, send(op("ListObjectVersions", "GET", bucket, {}, q)));
    pugi::xml_document doc;
    PAVE_TRY(xml::parse(doc, resp.body, "ListObjectVersions"));
    const auto r = doc.document_element();
    for (auto c : r.children()) {
      if (std::string_view(c.name()) == "Version" || std::string_view(c.name()) == "DeleteMarker") {
        ObjectInfo i;
        i.key = xml::text(c, "Key");
        i.version_id = xml::text(c, "VersionId");
        i.size = c.child("Size").text().as_ullong();
        out.push_back(std::move(i));
      }
    }
    key_marker = xml::text(r, "NextKeyMarker");
    version_marker = xml::text(r, "NextVersionIdMarker");
    if (xml::text(r, "IsTruncated") != "true" || key_marker.empty()) {
      return out;
    }
  }
}

AwsResult<void> S3::delete_objects(const std::string& bucket, const std::vector<ObjectInfo>& objects)
{
  for (std::size_t start = 0; start < objects.size(); start += 1000) {
    pugi::xml_document doc;
    auto d = root(doc, "Delete");
    for (std::size_t i = start; i < std::min(objects.size(), start + 1000); ++i) {
      auto o = d.append_child("Object");
      xml::add(o, "Key", objects[i].key);
      if (!objects[i].version_id.empty() && objects[i].version_id != "null") {
        xml::add(o, "VersionId", objects[i].version_id);
      }
    }
    xml::add(d, "Quiet", "true");
    auto o = op("DeleteObjects", "POST", bucket, {}, "delete");
    o.body = xml::to_string(doc);
    o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
    PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
    pugi::xml_document res;
    PAVE_TRY(xml::parse(res, resp.body, "DeleteObjects"));
    if (const auto err = res.document_element().child("Error")) {
      AwsError e;
      e.service = "s3";
      e.operation = "DeleteObjects";
      e.code = xml::text(err, "Code");
      e.message = fmt::format("{} (key {})", xml::text(err, "Message"), xml::text(err, "Key"));
      return std::unexpected(e);
    }
  }
  return {};
}

AwsResult<std::string> S3::create_multipart_upload(const std::string& bucket, const std::string& key,
                                                   const PutOptions& options)
{
  auto o = op("CreateMultipartUpload", "POST", bucket, key, "uploads");
  if (!options.content_type.empty()) {
    o.headers.emplace_back("Content-Type", options.content_type);
  }
  if (!options.sse.empty()) {
    o.headers.emplace_back("x-amz-server-side-encryption", options.sse);
  }
  if (!options.sse_kms_key_id.empty()) {
    o.headers.emplace_back("x-amz-server-side-encryption-aws-kms-key-id", options.sse_kms_key_id);
  }
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, resp.body, "CreateMultipartUpload"));
  std::string id = xml::text(doc.document_element(), "UploadId");
  if (id.empty()) {
    return malformed("CreateMultipartUpload", "no UploadId");
  }
  return id;
}

AwsResult<std::string> S3::upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                       int part_number, std::string body)
{
  auto o = op("UploadPart", "PUT", bucket, key,
              fmt::format("partNumber={}&uploadId={}", part_number, uri_encode(upload_id, false)));
  o.body = std::move(body);
  o.headers = {{"Content-Type", "application/octet-stream"}};
  // Over TLS the body cannot change in transit: parts go unsigned, as the AWS SDKs send them, which
  // saves hashing every byte of a large upload once more. Over plain HTTP the signed SHA-256 guards it.
  o.unsigned_payload = m_client.endpoint(k_s3).url.starts_with("https://");
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  const auto etag = resp.header("ETag");
  if (!etag) {
    return malformed("UploadPart", "no ETag");
  }
  return std::string(*etag);
}

AwsResult<ObjectInfo> S3::complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                    const std::string& upload_id, const std::vector<std::string>& etags)
{
  pugi::xml_document doc;
  auto r = root(doc, "CompleteMultipartUpload");
  for (std::size_t i = 0; i < etags.size(); ++i) {
    auto p = r.append_child("Part");
    xml::add(p, "ETag", etags[i]);
    xml::add(p, "PartNumber", std::to_string(i + 1));
  }
  auto o = op("CompleteMultipartUpload", "POST", bucket, key, "uploadId=" + uri_encode(upload_id, false));
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}};
  PAVE_TRY_ASSIGN(auto resp, send(std::move(o)));
  pugi::xml_document res;
  PAVE_TRY(xml::parse(res, resp.body, "CompleteMultipartUpload"));
  if (const auto err = res.child("Error")) { // S3 may fail a complete inside a 200
    AwsError e;
    e.service = "s3";
    e.operation = "CompleteMultipartUpload";
    e.status = 200;
    e.code = xml::text(err, "Code");
    e.message = xml::text(err, "Message");
    return std::unexpected(e);
  }
  ObjectInfo info = info_from_headers(resp, key);
  info.etag = xml::text(res.document_element(), "ETag");
  return info;
}

AwsResult<void> S3::abort_multipart_upload(const std::string& bucket, const std::string& key,
                                           const std::string& upload_id)
{
  auto r = send(op("AbortMultipartUpload", "DELETE", bucket, key, "uploadId=" + uri_encode(upload_id, false)));
  if (!r && r.error().code != "NoSuchUpload") {
    return std::unexpected(r.error());
  }
  return {};
}

AwsResult<void> S3::create_bucket(const std::string& bucket)
{
  auto o = op("CreateBucket", "PUT", bucket);
  const std::string& region = m_client.config().region;
  if (region != "us-east-1") {
    pugi::xml_document doc;
    xml::add(root(doc, "CreateBucketConfiguration"), "LocationConstraint", region);
    o.body = xml::to_string(doc);
    o.headers = {{"Content-Type", "application/xml"}};
  }
  auto r = send(std::move(o));
  if (!r && r.error().code != "BucketAlreadyOwnedByYou") {
    return std::unexpected(r.error());
  }
  return {};
}

AwsResult<void> S3::delete_bucket(const std::string& bucket)
{
  auto r = send(op("DeleteBucket", "DELETE", bucket));
  if (!r && r.error().code != "NoSuchBucket") {
    return std::unexpected(r.error());
  }
  return {};
}

AwsResult<void> S3::head_bucket(const std::string& bucket)
{
  PAVE_TRY(send(op("HeadBucket", "HEAD", bucket)));
  return {};
}

AwsResult<std::string> S3::bucket_region(const std::string& bucket)
{
  PAVE_TRY_ASSIGN(auto resp, send(op("GetBucketLocation", "GET", bucket, {}, "location")));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, resp.body, "GetBucketLocation"));
  std::string region = doc.document_element().text().as_string();
  return region.empty() ? std::string("us-east-1") : region == "EU" ? std::string("eu-west-1") : region;
}

AwsResult<std::string> S3::get_versioning(const std::string& bucket)
{
  PAVE_TRY_ASSIGN(auto resp, send(op("GetBucketVersioning", "GET", bucket, {}, "versioning")));
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, resp.body, "GetBucketVersioning"));
  return xml::text(doc.document_element(), "Status");
}

AwsResult<void> S3::put_versioning(const std::string& bucket, bool enabled)
{
  pugi::xml_document doc;
  xml::add(root(doc, "VersioningConfiguration"), "Status", enabled ? "Enabled" : "Suspended");
  auto o = op("PutBucketVersioning", "PUT", bucket, {}, "versioning");
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
  PAVE_TRY(send(std::move(o)));
  return {};
}

AwsResult<nlohmann::json> S3::get_encryption(const std::string& bucket)
{
  auto r = send(op("GetBucketEncryption", "GET", bucket, {}, "encryption"));
  if (!r) {
    if (is_code(r.error(), {"ServerSideEncryptionConfigurationNotFoundError"})) {
      return nlohmann::json(nullptr);
    }
    return std::unexpected(r.error());
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r->body, "GetBucketEncryption"));
  const auto rule = doc.document_element().child("Rule");
  const auto def = rule.child("ApplyServerSideEncryptionByDefault");
  nlohmann::json j = {{"algorithm", xml::text(def, "SSEAlgorithm")}};
  if (const auto key = xml::text(def, "KMSMasterKeyID"); !key.empty()) {
    j["kms_key_id"] = key;
  }
  j["bucket_key"] = xml::text(rule, "BucketKeyEnabled") == "true";
  return j;
}

AwsResult<void> S3::put_encryption(const std::string& bucket, const nlohmann::json& encryption)
{
  pugi::xml_document doc;
  auto rule = root(doc, "ServerSideEncryptionConfiguration").append_child("Rule");
  auto def = rule.append_child("ApplyServerSideEncryptionByDefault");
  xml::add(def, "SSEAlgorithm", encryption.value("algorithm", "AES256"));
  if (encryption.contains("kms_key_id")) {
    xml::add(def, "KMSMasterKeyID", encryption["kms_key_id"].get<std::string>());
  }
  xml::add(rule, "BucketKeyEnabled", encryption.value("bucket_key", false) ? "true" : "false");
  auto o = op("PutBucketEncryption", "PUT", bucket, {}, "encryption");
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
  PAVE_TRY(send(std::move(o)));
  return {};
}

AwsResult<void> S3::delete_encryption(const std::string& bucket)
{
  return delete_subresource(bucket, "encryption");
}

AwsResult<void> S3::delete_subresource(const std::string& bucket, const std::string& subresource)
{
  PAVE_TRY(send(op("DeleteBucket" + subresource, "DELETE", bucket, {}, subresource)));
  return {};
}

AwsResult<std::map<std::string, std::string>> S3::get_tags(const std::string& bucket)
{
  std::map<std::string, std::string> tags;
  auto r = send(op("GetBucketTagging", "GET", bucket, {}, "tagging"));
  if (!r) {
    if (is_code(r.error(), {"NoSuchTagSet", "NoSuchTagSetError"})) {
      return tags;
    }
    return std::unexpected(r.error());
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r->body, "GetBucketTagging"));
  for (auto t : doc.document_element().child("TagSet").children("Tag")) {
    tags[xml::text(t, "Key")] = xml::text(t, "Value");
  }
  return tags;
}

AwsResult<void> S3::put_tags(const std::string& bucket, const std::map<std::string, std::string>& tags)
{
  if (tags.empty()) {
    return delete_subresource(bucket, "tagging");
  }
  pugi::xml_document doc;
  auto set = root(doc, "Tagging").append_child("TagSet");
  for (const auto& [k, v] : tags) {
    auto t = set.append_child("Tag");
    xml::add(t, "Key", k);
    xml::add(t, "Value", v);
  }
  auto o = op("PutBucketTagging", "PUT", bucket, {}, "tagging");
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
  PAVE_TRY(send(std::move(o)));
  return {};
}

AwsResult<nlohmann::json> S3::get_lifecycle(const std::string& bucket)
{
  auto rules = nlohmann::json::array();
  auto r = send(op("GetBucketLifecycleConfiguration", "GET", bucket, {}, "lifecycle"));
  if (!r) {
    if (is_code(r.error(), {"NoSuchLifecycleConfiguration"})) {
      return rules;
    }
    return std::unexpected(r.error());
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r->body, "GetBucketLifecycleConfiguration"));
  for (auto rule : doc.document_element().children("Rule")) {
    nlohmann::json j = {{"id", xml::text(rule, "ID")}, {"enabled", xml::text(rule, "Status") == "Enabled"}};
    std::string prefix = xml::text(rule.child("Filter"), "Prefix");
    if (prefix.empty()) {
      prefix = xml::text(rule, "Prefix");
    }
    j["prefix"] = prefix;
    if (const auto d = rule.child("Expiration").child("Days")) {
      j["expiration_days"] = d.text().as_int();
    }
    if (const auto d = rule.child("NoncurrentVersionExpiration").child("NoncurrentDays")) {
      j["noncurrent_expiration_days"] = d.text().as_int();
    }
    if (const auto d = rule.child("AbortIncompleteMultipartUpload").child("DaysAfterInitiation")) {
      j["abort_incomplete_days"] = d.text().as_int();
    }
    rules.push_back(std::move(j));
  }
  return rules;
}

AwsResult<void> S3::put_lifecycle(const std::string& bucket, const nlohmann::json& rules)
{
  if (rules.empty()) {
    return delete_subresource(bucket, "lifecycle");
  }
  pugi::xml_document doc;
  auto cfg = root(doc, "LifecycleConfiguration");
  for (const auto& r : rules) {
    auto rule = cfg.append_child("Rule");
    xml::add(rule, "ID", r.value("id", ""));
    xml::add(rule.append_child("Filter"), "Prefix", r.value("prefix", ""));
    xml::add(rule, "Status", r.value("enabled", true) ? "Enabled" : "Disabled");
    if (r.contains("expiration_days")) {
      xml::add(rule.append_child("Expiration"), "Days", std::to_string(codec::json_integer_at(r, "expiration_days")));
    }
    if (r.contains("noncurrent_expiration_days")) {
      xml::add(rule.append_child("NoncurrentVersionExpiration"), "NoncurrentDays",
               std::to_string(codec::json_integer_at(r, "noncurrent_expiration_days")));
    }
    if (r.contains("abort_incomplete_days")) {
      xml::add(rule.append_child("AbortIncompleteMultipartUpload"), "DaysAfterInitiation",
               std::to_string(codec::json_integer_at(r, "abort_incomplete_days")));
    }
  }
  auto o = op("PutBucketLifecycleConfiguration", "PUT", bucket, {}, "lifecycle");
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
  PAVE_TRY(send(std::move(o)));
  return {};
}

AwsResult<nlohmann::json> S3::get_public_access_block(const std::string& bucket)
{
  auto r = send(op("GetPublicAccessBlock", "GET", bucket, {}, "publicAccessBlock"));
  if (!r) {
    if (is_code(r.error(), {"NoSuchPublicAccessBlockConfiguration"})) {
      return nlohmann::json(nullptr);
    }
    return std::unexpected(r.error());
  }
  pugi::xml_document doc;
  PAVE_TRY(xml::parse(doc, r->body, "GetPublicAccessBlock"));
  const auto c = doc.document_element();
  return nlohmann::json{{"block_public_acls", xml::text(c, "BlockPublicAcls") == "true"},
                        {"ignore_public_acls", xml::text(c, "IgnorePublicAcls") == "true"},
                        {"block_public_policy", xml::text(c, "BlockPublicPolicy") == "true"},
                        {"restrict_public_buckets", xml::text(c, "RestrictPublicBuckets") == "true"}};
}

AwsResult<void> S3::put_public_access_block(const std::string& bucket, const nlohmann::json& block)
{
  if (block.is_null()) {
    return delete_subresource(bucket, "publicAccessBlock");
  }
  pugi::xml_document doc;
  auto c = root(doc, "PublicAccessBlockConfiguration");
  xml::add(c, "BlockPublicAcls", block.value("block_public_acls", false) ? "true" : "false");
  xml::add(c, "IgnorePublicAcls", block.value("ignore_public_acls", false) ? "true" : "false");
  xml::add(c, "BlockPublicPolicy", block.value("block_public_policy", false) ? "true" : "false");
  xml::add(c, "RestrictPublicBuckets", block.value("restrict_public_buckets", false) ? "true" : "false");
  auto o = op("PutPublicAccessBlock", "PUT", bucket, {}, "publicAccessBlock");
  o.body = xml::to_string(doc);
  o.headers = {{"Content-Type", "application/xml"}, {"Content-MD5", content_md5(o.body)}};
  PAVE_TRY(send(std::move(o)));
  return {};
}

} // namespace pave::cloud::aws::s3
