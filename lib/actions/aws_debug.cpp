#include <pave/actions/aws_debug.hpp>

#include <fmt/format.h>

#include <pave/codec/json_integer.hpp>
#include <pave/cloud/aws/s3_transfer.hpp>
#include <pave/cloud/aws/session.hpp>
#include <pave/cloud/aws/sigv4.hpp>
#include <pave/cloud/aws/sts.hpp>
#include <pave/util/time.hpp>

namespace pave::actions {

namespace aws = cloud::aws;

namespace {

struct S3Url
{
  std::string bucket;
  std::string key;
};

std::optional<S3Url> parse_s3_url(std::string_view url)
{
  if (!url.starts_with("s3://")) {
    return std::nullopt;
  }
  url.remove_prefix(5);
  const auto slash = url.find('/');
  S3Url u{std::string(url.substr(0, slash)), slash == std::string_view::npos ? "" : std::string(url.substr(slash + 1))};
  if (u.bucket.empty()) {
    return std::nullopt;
  }
  return u;
}

util::Result<void> run_s3(aws::Client& client, const AwsDebugOptions& o, AwsDebugResult& out)
{
  aws::s3::S3 s3(client);
  if (o.args.empty()) {
    return util::fail("pave __aws s3: expected cp, ls, rm, mb or rb");
  }
  const std::string& cmd = o.args[0];
  const auto need = [&](std::size_t n) -> util::Result<void> {
    if (o.args.size() != n + 1) {
      return util::fail("pave __aws s3 {}: expected {} argument(s)", cmd, n);
    }
    return {};
  };
  if (cmd == "cp") {
    PAVE_TRY(need(2));
    aws::s3::TransferOptions t;
    t.part_size = o.part_size_mib << 20;
    t.multipart_threshold = t.part_size;
    t.concurrency = o.concurrency;
    const auto src = parse_s3_url(o.args[1]);
    const auto dst = parse_s3_url(o.args[2]);
    if ((src != std::nullopt) == (dst != std::nullopt)) {
      return util::fail("pave __aws s3 cp: exactly one of SRC and DST must be s3://BUCKET/KEY");
    }
    aws::AwsResult<aws::s3::TransferResult> r =
        dst ? aws::s3::upload_file(s3, o.args[1], dst->bucket, dst->key.empty() ? std::filesystem::path(o.args[1]).filename().string() : dst->key, t)
            : aws::s3::download_file(s3, src->bucket, src->key, o.args[2], t);
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    out.data = {{"bytes", r->bytes}, {"parts", r->parts}, {"etag", r->etag}};
    out.lines.push_back(fmt::format("{}: {} -> {} ({} bytes, {} parts)", dst ? "upload" : "download", o.args[1],
                                    o.args[2], r->bytes, r->parts));
    return {};
  }
  PAVE_TRY(need(1));
  const auto url = parse_s3_url(o.args[1]);
  if (!url) {
    return util::fail("pave __aws s3 {}: expected s3://BUCKET[/KEY], got {}", cmd, o.args[1]);
  }
  const auto check = [](auto r) -> util::Result<void> {
    if (!r) {
      return std::unexpected(util::Error(r.error()));
    }
    return {};
  };
  if (cmd == "ls") {
    auto r = s3.list_objects(url->bucket, url->key);
    PAVE_TRY(check(r));
    out.data = nlohmann::ordered_json::array();
    for (const auto& i : *r) {
      out.data.push_back({{"key", i.key}, {"size", i.size}, {"etag", i.etag}});
      out.lines.push_back(fmt::format("{:>12} {}", i.size, i.key));
    }
  } else if (cmd == "rm") {
    PAVE_TRY(check(s3.delete_object(url->bucket, url->key)));
  } else if (cmd == "mb") {
    PAVE_TRY(check(s3.create_bucket(url->bucket)));
  } else if (cmd == "rb") {
    PAVE_TRY(check(s3.delete_bucket(url->bucket)));
  } else {
    return util::fail("pave __aws s3: unknown command {} (cp, ls, rm, mb, rb)", cmd);
  }
  return {};
}

} // namespace

util::Result<nlohmann::ordered_json> sign_spec(const nlohmann::json& spec)
{
  try {
    http::Request req;
    req.method = spec.value("method", "GET");
    req.url = spec.at("url").get<std::string>();
    req.body = spec.value("body", "");
    for (const auto& h : spec.value("headers", nlohmann::json::array())) {
      req.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
    }
    aws::Credentials creds;
    creds.access_key_id = spec.at("access_key").get<std::string>();
    creds.secret_access_key = spec.at("secret_key").get<std::string>();
    creds.session_token = spec.value("token", "");
    aws::SigningParams p;
    p.service = spec.at("service").get<std::string>();
    p.region = spec.at("region").get<std::string>();
    p.time = std::chrono::system_clock::time_point(std::chrono::seconds(codec::json_integer_at(spec, "time", 0, codec::k_max_epoch_seconds)));
    p.s3_rules = spec.value("s3", false);
    p.unsigned_payload = spec.value("unsigned", false);
    nlohmann::ordered_json out;
    const long long presign = spec.contains("presign") ? codec::json_integer_at(spec, "presign", 0, 604800) : 0;
    const aws::Signature s = presign > 0 ? aws::presign_url(req, creds, p, std::chrono::seconds(presign))
                                         : aws::sign_request(req, creds, p);
    out["signature"] = s.signature;
    if (presign > 0) {
      out["url"] = s.url;
    } else {
      out["authorization"] = s.authorization;
    }
    out["canonical_request"] = s.canonical_request;
    out["string_to_sign"] = s.string_to_sign;
    return out;
  } catch (const nlohmann::json::exception& e) {
    return util::fail("bad request spec: {}", e.what());
  }
}

util::Result<AwsDebugResult> aws_debug(const AwsDebugOptions& o)
{
  AwsDebugResult out;
  const auto start = std::chrono::steady_clock::now();
  if (o.op == "sign") {
    std::string line;
    int n = 0;
    out.data = nlohmann::ordered_json::array();
    while (o.input != nullptr && std::getline(*o.input, line)) {
      ++n;
      if (line.empty()) {
        continue;
      }
      const auto spec = nlohmann::json::parse(line, nullptr, false);
      if (spec.is_discarded()) {
        return util::fail("stdin:{}: not JSON", n);
      }
      auto r = sign_spec(spec);
      if (!r) {
        return util::fail("stdin:{}: {}", n, r.error().message);
      }
      out.lines.push_back(r->dump());
      out.data.push_back(std::move(*r));
    }
    return out;
  }
  aws::SessionOptions so;
  so.region = o.region;
  so.profile = o.profile;
  so.endpoint_url = o.endpoint_url;
  if (!o.timeout.empty()) {
    PAVE_TRY_ASSIGN(so.timeout, util::parse_duration(o.timeout));
  }
  PAVE_TRY_ASSIGN(auto session, aws::open_session(so));
  if (o.op == "whoami") {
    auto id = aws::get_caller_identity(*session.client);
    if (!id) {
      return std::unexpected(util::Error(id.error()));
    }
    out.data = {{"account", id->account}, {"arn", id->arn}, {"user_id", id->user_id}};
    out.lines.push_back(fmt::format("{} {}", id->account, id->arn));
  } else if (o.op == "s3") {
    PAVE_TRY(run_s3(*session.client, o, out));
  } else {
    return util::fail("pave __aws: unknown operation {}", o.op);
  }
  out.requests = session.client->attempts();
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return out;
}

} // namespace pave::actions
