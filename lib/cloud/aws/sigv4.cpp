#include <pave/cloud/aws/sigv4.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <pave/util/sha256.hpp>

namespace pave::cloud::aws {

namespace {

constexpr std::string_view k_algorithm = "AWS4-HMAC-SHA256";

std::string hmac_raw(std::string_view key, std::string_view data)
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), md, &len);
  return std::string(reinterpret_cast<const char*>(md), len);
}

std::string to_hex(std::string_view raw)
{
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    out += k_hex[c >> 4];
    out += k_hex[c & 15];
  }
  return out;
}

std::string lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct UrlParts
{
  std::string scheme;
  std::string authority; ///< without user info
  std::string path;
  std::string query;
};

UrlParts split_url(std::string_view url)
{
  UrlParts p;
  if (const auto hash = url.find('#'); hash != std::string_view::npos) {
    url = url.substr(0, hash);
  }
  const auto scheme_end = url.find("://");
  std::string_view rest = url;
  if (scheme_end != std::string_view::npos) {
    p.scheme = lower(url.substr(0, scheme_end));
    rest = url.substr(scheme_end + 3);
  }
  const auto auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  p.authority = std::string(authority);
  rest = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  const auto q = rest.find('?');
  p.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) {
    p.query = std::string(rest.substr(q + 1));
  }
  return p;
}

/// The Host header libcurl sends: the authority without a default port, lower case.
std::string canonical_host(const UrlParts& p)
{
  std::string host = p.authority;
  const auto colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
    const std::string_view port = std::string_view(host).substr(colon + 1);
    if ((p.scheme == "http" && port == "80") || (p.scheme == "https" && port == "443")) {
      host.resize(colon);
    }
  }
  return lower(host);
}

/// RFC 3986 5.2.4 dot-segment removal, also dropping empty segments, as the
/// AWS services (and botocore) expect for non-S3 paths.
std::string remove_dot_segments(std::string_view path)
{
  if (path.empty()) {
    return "/";
  }
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const auto seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!out.empty()) {
        out.pop_back();
      }
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    start = end + 1;
  }
  std::string r = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < out.size(); ++i) {
    r += (i == 0 ? "" : "/");
    r += out[i];
  }
  if (path.back() == '/' && !out.empty()) {
    r += '/';
  }
  return r;
}

std::string canonical_uri(const std::string& path, bool s3_rules)
{
  if (s3_rules) {
    return path.empty() ? "/" : path;
  }
  return uri_encode(remove_dot_segments(path), true);
}

/// Query pairs decoded, re-encoded the AWS way and sorted by key, then value.
std::vector<std::pair<std::string, std::string>> query_pairs(std::string_view query)
{
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string_view::npos) {
      end = query.size();
    }
    const auto item = query.substr(start, end - start);
    if (!item.empty()) {
      const auto eq = item.find('=');
      const auto key = item.substr(0, eq);
      const auto value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
      pairs.emplace_back(uri_encode(uri_decode(key), false), uri_encode(uri_decode(value), false));
    }
    start = end + 1;
  }
  return pairs;
}

std::string join_query(std::vector<std::pair<std::string, std::string>> pairs)
{
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) {
    out += fmt::format("{}{}={}", out.empty() ? "" : "&", k, v);
  }
  return out;
}

bool unsigned_header(std::string_view lname)
{
  return lname == "user-agent" || lname == "expect" || lname == "transfer-encoding" || lname == "x-amzn-trace-id" ||
         lname == "authorization";
}

/// Value with surrounding white space trimmed and inner runs collapsed to one space.
std::string collapse(std::string_view v)
{
  std::string out;
  bool space = false;
  for (const char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) {
        out += ' ';
      }
      space = false;
      out += c;
    }
  }
  return out;
}

struct CanonicalHeaders
{
  std::string text;   ///< "name:value\n" lines
  std::string signed_; ///< "a;b;c"
};

CanonicalHeaders canonical_headers(const http::HeaderList& headers, const UrlParts& url)
{
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto& [k, v] : headers) {
    auto lname = lower(k);
    if (!unsigned_header(lname)) {
      by_name[lname].push_back(collapse(v));
    }
  }
  if (by_name.find("host") == by_name.end()) {
    by_name["host"].push_back(canonical_host(url));
  }
  CanonicalHeaders c;
  for (const auto& [name, values] : by_name) {
    c.text += name + ':';
    for (std::size_t i = 0; i < values.size(); ++i) {
      c.text += (i == 0 ? "" : ",") + values[i];
    }
    c.text += '\n';
    c.signed_ += (c.signed_.empty() ? "" : ";") + name;
  }
  return c;
}

void set_header(http::HeaderList& headers, std::string_view name, std::string value)
{
  std::erase_if(headers, [&](const auto& h) { return http::iequals(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

std::string scope_of(std::string_view date, const SigningParams& p)
{
  return fmt::format("{}/{}/{}/aws4_request", date, p.region, p.service);
}

void finish(Signature& s, std::string_view amzdate, std::string_view scope, const Credentials& creds,
            const SigningParams& p)
{
  s.string_to_sign = fmt::format("{}\n{}\n{}\n{}", k_algorithm, amzdate, scope, util::sha256_hex(s.canonical_request));
  const std::string key = signing_key(creds.secret_access_key, amzdate.substr(0, 8), p.region, p.service);
  s.signature = to_hex(hmac_raw(key, s.string_to_sign));
}

} // namespace

std::string amz_date(std::chrono::system_clock::time_point t)
{
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string uri_encode(std::string_view s, bool keep_slash)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string uri_decode(std::string_view s)
{
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service)
{
  const std::string k_date = hmac_raw("AWS4" + std::string(secret), date);
  const std::string k_region = hmac_raw(k_date, region);
  const std::string k_service = hmac_raw(k_region, service);
  return hmac_raw(k_service, "aws4_request");
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data)
{
  return to_hex(hmac_raw(key, data));
}

Signature sign_request(http::Request& req, const Credentials& creds, const SigningParams& params)
{
  const std::string amzdate = amz_date(params.time);
  std::erase_if(req.headers, [](const auto& h) { return http::iequals(h.first, "Authorization"); });
  set_header(req.headers, "X-Amz-Date", amzdate);
  if (!creds.session_token.empty()) {
    set_header(req.headers, "X-Amz-Security-Token", creds.session_token);
  }
  std::string payload_hash;
  if (const auto h = http::find_header(req.headers, "x-amz-content-sha256")) {
    payload_hash = std::string(*h);
  } else {
    payload_hash = params.unsigned_payload ? std::string(k_unsigned_payload) : util::sha256_hex(req.body);
    if (params.add_content_sha256) {
      req.headers.emplace_back("x-amz-content-sha256", payload_hash);
    }
  }
  const UrlParts url = split_url(req.url);
  const CanonicalHeaders headers = canonical_headers(req.headers, url);
  Signature s;
  s.signed_headers = headers.signed_;
  s.canonical_request = fmt::format("{}\n{}\n{}\n{}\n{}\n{}", req.method, canonical_uri(url.path, params.s3_rules),
                                    join_query(query_pairs(url.query)), headers.text, headers.signed_, payload_hash);
  const std::string scope = scope_of(std::string_view(amzdate).substr(0, 8), params);
  finish(s, amzdate, scope, creds, params);
  s.authorization = fmt::format("{} Credential={}/{}, SignedHeaders={}, Signature={}", k_algorithm,
                                creds.access_key_id, scope, s.signed_headers, s.signature);
  req.headers.emplace_back("Authorization", s.authorization);
  return s;
}

Signature presign_url(const http::Request& req, const Credentials& creds, const SigningParams& params,
                      std::chrono::seconds expires)
{
  const std::string amzdate = amz_date(params.time);
  const std::string scope = scope_of(std::string_view(amzdate).substr(0, 8), params);
  const UrlParts url = split_url(req.url);
  const CanonicalHeaders headers = canonical_headers(req.headers, url);
  auto pairs = query_pairs(url.query);
  std::vector<std::pair<std::string, std::string>> auth = {
    {"X-Amz-Algorithm", std::string(k_algorithm)},
    {"X-Amz-Credential", uri_encode(creds.access_key_id + "/" + scope, false)},
    {"X-Amz-Date", amzdate},
    {"X-Amz-Expires", std::to_string(expires.count())},
    {"X-Amz-SignedHeaders", uri_encode(headers.signed_, false)},
  };
  if (!creds.session_token.empty()) {
    auth.emplace_back("X-Amz-Security-Token", uri_encode(creds.session_token, false));
  }
  pairs.insert(pairs.end(), auth.begin(), auth.end());
  const std::string query = join_query(pairs);
  Signature s;
  s.signed_headers = headers.signed_;
  const std::string payload =
      params.s3_rules || params.unsigned_payload ? std::string(k_unsigned_payload) : util::sha256_hex("");
  s.canonical_request = fmt::format("{}\n{}\n{}\n{}\n{}\n{}", req.method, canonical_uri(url.path, params.s3_rules),
                                    query, headers.text, headers.signed_, payload);
  finish(s, amzdate, scope, creds, params);
  s.url = fmt::format("{}://{}{}?{}&X-Amz-Signature={}", url.scheme, url.authority, url.path.empty() ? "/" : url.path,
                      query, s.signature);
  return s;
}

} // namespace pave::cloud::aws
