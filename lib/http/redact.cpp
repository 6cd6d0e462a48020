#include <pave/http/redact.hpp>

#include <algorithm>
#include <array>
#include <cctype>

#include <pave/http/request.hpp>

namespace pave::http {

namespace {

std::string lower(std::string_view s)
{
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool sensitive_name(std::string_view name)
{
  static constexpr std::array<std::string_view, 9> k_words = {
      "token", "secret", "password", "passwd", "signature", "credential", "api-key", "apikey", "session"};
  const std::string n = lower(name);
  if (n == "sig" || n == "cookie" || n == "set-cookie" || n == "authorization" || n == "proxy-authorization") {
    return true;
  }
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view w) { return n.find(w) != std::string::npos; });
}

} // namespace

std::string redact_header(std::string_view name, std::string_view value)
{
  if (iequals(name, "authorization") || iequals(name, "proxy-authorization")) {
    const auto space = value.find(' ');
    if (space != std::string_view::npos) {
      return std::string(value.substr(0, space + 1)) + std::string(k_redacted);
    }
    return std::string(k_redacted);
  }
  return sensitive_name(name) ? std::string(k_redacted) : std::string(value);
}

std::string redact_url(std::string_view url)
{
  std::string out;
  const auto scheme = url.find("://");
  std::size_t pos = 0;
  if (scheme != std::string_view::npos) {
    const auto host_start = scheme + 3;
    const auto host_end = url.find_first_of("/?#", host_start);
    const auto authority = url.substr(host_start, host_end == std::string_view::npos ? url.npos : host_end - host_start);
    out.append(url.substr(0, host_start));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
      out.append(k_redacted).append("@").append(authority.substr(at + 1));
    } else {
      out.append(authority);
    }
    pos = host_start + authority.size();
  }
  const auto q = url.find('?', pos);
  if (q == std::string_view::npos) {
    out.append(url.substr(pos));
    return out;
  }
  out.append(url.substr(pos, q + 1 - pos));
  auto query = url.substr(q + 1);
  std::string_view fragment;
  if (const auto hash = query.find('#'); hash != std::string_view::npos) {
    fragment = query.substr(hash);
    query = query.substr(0, hash);
  }
  bool first = true;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (!first) {
      out += '&';
    }
    first = false;
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && sensitive_name(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1)).append(k_redacted);
    } else {
      out.append(param);
    }
  }
  out.append(fragment);
  return out;
}

} // namespace pave::http
