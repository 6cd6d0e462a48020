// Sprig's url.go: urlParse and urlJoin over a port of Go 1.19's net/url
// Parse and URL.String.
#include <algorithm>

#include <pave/template/sprig/common.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

namespace {

enum class Enc { path, path_segment, host, zone, user_password, query_component, fragment };

bool should_escape(unsigned char c, Enc mode)
{
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return false;
  }
  if (mode == Enc::host || mode == Enc::zone) {
    switch (c) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
    case ':': case '[': case ']': case '<': case '>': case '"': return false;
    default: break;
    }
  }
  switch (c) {
  case '-': case '_': case '.': case '~': return false;
  case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?': case '@':
    switch (mode) {
    case Enc::path: return c == '?';
    case Enc::path_segment: return c == '/' || c == ';' || c == ',' || c == '?';
    case Enc::user_password: return c == '@' || c == '/' || c == '?' || c == ':';
    case Enc::query_component: return true;
    case Enc::fragment: return false;
    default: break;
    }
    break;
  default: break;
  }
  if (mode == Enc::fragment && (c == '!' || c == '(' || c == ')' || c == '*')) {
    return false;
  }
  return true;
}

bool ishex(char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int unhex(char c)
{
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  return (c | 0x20) - 'a' + 10;
}

/// Thrown for a parse failure: Go's error text (without the "parse URL:" wrapper).
struct UrlError
{
  std::string message;
};

std::string unescape(std::string_view s, Enc mode)
{
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !ishex(s[i + 1]) || !ishex(s[i + 2])) {
        throw UrlError{"invalid URL escape " + go::quote(s.substr(i, 3))};
      }
      if (mode == Enc::host && unhex(s[i + 1]) < 8 && s.substr(i, 3) != "%25") {
        throw UrlError{"invalid URL escape " + go::quote(s.substr(i, 3))};
      }
      if (mode == Enc::zone) {
        auto v = static_cast<unsigned char>(unhex(s[i + 1]) << 4 | unhex(s[i + 2]));
        if (s.substr(i, 3) != "%25" && v != ' ' && should_escape(v, Enc::host)) {
          throw UrlError{"invalid URL escape " + go::quote(s.substr(i, 3))};
        }
      }
      i += 3;
    } else {
      if ((mode == Enc::host || mode == Enc::zone) && static_cast<unsigned char>(c) < 0x80
          && should_escape(static_cast<unsigned char>(c), mode)) {
        throw UrlError{"invalid character " + go::quote(s.substr(i, 1)) + " in host name"};
      }
      ++i;
    }
  }
  std::string t;
  t.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      t.push_back(static_cast<char>(unhex(s[i + 1]) << 4 | unhex(s[i + 2])));
      i += 2;
    } else if (s[i] == '+' && mode == Enc::query_component) {
      t.push_back(' ');
    } else {
      t.push_back(s[i]);
    }
  }
  return t;
}

std::string escape(std::string_view s, Enc mode)
{
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string t;
  t.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' && mode == Enc::query_component) {
      t.push_back('+');
    } else if (should_escape(c, mode)) {
      t.push_back('%');
      t.push_back(k_hex[c >> 4]);
      t.push_back(k_hex[c & 15]);
    } else {
      t.push_back(ch);
    }
  }
  return t;
}

bool valid_encoded(std::string_view s, Enc mode)
{
  for (char ch : s) {
    switch (ch) {
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';': case '=':
    case ':': case '@': case '[': case ']': case '%': break;
    default:
      if (should_escape(static_cast<unsigned char>(ch), mode)) {
        return false;
      }
    }
  }
  return true;
}

bool valid_optional_port(std::string_view port)
{
  if (port.empty()) {
    return true;
  }
  if (port[0] != ':') {
    return false;
  }
  for (char c : port.substr(1)) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

struct Url
{
  std::string scheme, opaque, host, path, raw_path, raw_query, fragment, raw_fragment;
  bool has_user = false, password_set = false, force_query = false, omit_host = false;
  std::string username, password;

  std::string user_string() const
  {
    std::string s = escape(username, Enc::user_password);
    if (password_set) {
      s += ":" + escape(password, Enc::user_password);
    }
    return s;
  }
  std::string hostname() const
  {
    std::string_view h = host;
    auto colon = h.rfind(':');
    if (colon != std::string_view::npos && valid_optional_port(h.substr(colon))) {
      h = h.substr(0, colon);
    }
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
      h = h.substr(1, h.size() - 2);
    }
    return std::string(h);
  }
  std::string escaped_path() const
  {
    if (!raw_path.empty() && valid_encoded(raw_path, Enc::path)) {
      try {
        if (unescape(raw_path, Enc::path) == path) {
          return raw_path;
        }
      } catch (const UrlError&) {
      }
    }
    if (path == "*") {
      return "*";
    }
    return escape(path, Enc::path);
  }
  std::string escaped_fragment() const
  {
    if (!raw_fragment.empty() && valid_encoded(raw_fragment, Enc::fragment)) {
      try {
        if (unescape(raw_fragment, Enc::fragment) == fragment) {
          return raw_fragment;
        }
      } catch (const UrlError&) {
      }
    }
    return escape(fragment, Enc::fragment);
  }
  std::string str() const
  {
    std::string buf;
    if (!scheme.empty()) {
      buf += scheme + ":";
    }
    if (!opaque.empty()) {
      buf += opaque;
    } else {
      if (!scheme.empty() || !host.empty() || has_user) {
        if (!(omit_host && host.empty() && !has_user)) {
          if (!host.empty() || !path.empty() || has_user) {
            buf += "//";
          }
          if (has_user) {
            buf += user_string() + "@";
          }
          if (!host.empty()) {
            buf += escape(host, Enc::host);
          }
        }
      }
      std::string p = escaped_path();
      if (!p.empty() && p[0] != '/' && !host.empty()) {
        buf.push_back('/');
      }
      if (buf.empty()) {
        std::string_view segment = std::string_view(p).substr(0, p.find('/'));
        if (segment.find(':') != std::string_view::npos) {
          buf += "./";
        }
      }
      buf += p;
    }
    if (force_query || !raw_query.empty()) {
      buf += "?" + raw_query;
    }
    if (!fragment.empty()) {
      buf += "#" + escaped_fragment();
    }
    return buf;
  }
};

std::string parse_host(std::string_view host)
{
  if (!host.empty() && host[0] == '[') {
    auto i = host.rfind(']');
    if (i == std::string_view::npos) {
      throw UrlError{"missing ']' in host"};
    }
    std::string_view colon_port = host.substr(i + 1);
    if (!valid_optional_port(colon_port)) {
      throw UrlError{"invalid port " + go::quote(colon_port) + " after host"};
    }
    auto zone = host.substr(0, i).find("%25");
    if (zone != std::string_view::npos) {
      return unescape(host.substr(0, zone), Enc::host) + unescape(host.substr(zone, i - zone), Enc::zone)
             + unescape(host.substr(i), Enc::host);
    }
  } else if (auto i = host.rfind(':'); i != std::string_view::npos) {
    std::string_view colon_port = host.substr(i);
    if (!valid_optional_port(colon_port)) {
      throw UrlError{"invalid port " + go::quote(colon_port) + " after host"};
    }
  }
  return unescape(host, Enc::host);
}

bool valid_userinfo(std::string_view s)
{
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      continue;
    }
    if (std::string_view("-._:~!$&'()*+,;=%@").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

void parse_authority(Url& u, std::string_view authority)
{
  auto i = authority.rfind('@');
  u.host = parse_host(i == std::string_view::npos ? authority : authority.substr(i + 1));
  if (i == std::string_view::npos) {
    return;
  }
  std::string_view userinfo = authority.substr(0, i);
  if (!valid_userinfo(userinfo)) {
    throw UrlError{"net/url: invalid userinfo"};
  }
  u.has_user = true;
  auto colon = userinfo.find(':');
  if (colon == std::string_view::npos) {
    u.username = unescape(userinfo, Enc::user_password);
  } else {
    u.username = unescape(userinfo.substr(0, colon), Enc::user_password);
    u.password = unescape(userinfo.substr(colon + 1), Enc::user_password);
    u.password_set = true;
  }
}

/// url.Parse; throws UrlError with Go's full message ("parse \"x\": ...").
Url parse_url(std::string_view raw)
{
  auto hash = raw.find('#');
  std::string_view rest_all = raw.substr(0, hash);
  Url u;
  try {
    for (char c : rest_all) {
      if (static_cast<unsigned char>(c) < ' ' || c == 0x7F) {
        throw UrlError{"net/url: invalid control character in URL"};
      }
    }
    std::string_view rest = rest_all;
    if (rest == "*") {
      u.path = "*";
    } else {
      // getScheme
      for (std::size_t i = 0; i < rest.size(); ++i) {
        char c = rest[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          continue;
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
          if (i == 0) {
            break;
          }
          continue;
        }
        if (c == ':') {
          if (i == 0) {
            throw UrlError{"missing protocol scheme"};
          }
          u.scheme = std::string(rest.substr(0, i));
          rest.remove_prefix(i + 1);
        }
        break;
      }
      for (char& c : u.scheme) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      }
      if (!rest.empty() && rest.back() == '?' && std::count(rest.begin(), rest.end(), '?') == 1) {
        u.force_query = true;
        rest.remove_suffix(1);
      } else if (auto q = rest.find('?'); q != std::string_view::npos) {
        u.raw_query = std::string(rest.substr(q + 1));
        rest = rest.substr(0, q);
      }
      bool done = false;
      if (rest.empty() || rest[0] != '/') {
        if (!u.scheme.empty()) {
          u.opaque = std::string(rest);
          done = true;
        } else if (rest.substr(0, rest.find('/')).find(':') != std::string_view::npos) {
          throw UrlError{"first path segment in URL cannot contain colon"};
        }
      }
      if (!done) {
        if ((!u.scheme.empty() || !rest.starts_with("///")) && rest.starts_with("//")) {
          std::string_view authority = rest.substr(2);
          rest = {};
          if (auto i = authority.find('/'); i != std::string_view::npos) {
            rest = authority.substr(i);
            authority = authority.substr(0, i);
          }
          parse_authority(u, authority);
        } else if (!u.scheme.empty() && !rest.empty() && rest[0] == '/') {
          u.omit_host = true;
        }
        u.path = unescape(rest, Enc::path);
        u.raw_path = escape(u.path, Enc::path) == rest ? "" : std::string(rest);
      }
    }
  } catch (const UrlError& e) {
    throw UrlError{"parse " + go::quote(rest_all) + ": " + e.message};
  }
  if (hash != std::string_view::npos) {
    std::string_view frag = raw.substr(hash + 1);
    try {
      u.fragment = unescape(frag, Enc::fragment);
      u.raw_fragment = escape(u.fragment, Enc::fragment) == frag ? "" : std::string(frag);
    } catch (const UrlError& e) {
      throw UrlError{"parse " + go::quote(raw) + ": " + e.message};
    }
  }
  return u;
}

std::string dict_get_or_empty(const MapItems* d, const std::string& key)
{
  if (d == nullptr) {
    return "";
  }
  auto it = d->find(key);
  if (it == d->end()) {
    return "";
  }
  if (it->second.is_nil()) {
    fail_nil_deref();
  }
  if (!it->second.is_string()) {
    fail("unable to parse " + key + " key, must be of type string, but " + it->second.kind_name() + " found");
  }
  return it->second.as_string();
}

} // namespace

void add_url_functions(FunctionTable& t)
{
  def(t, "urlParse", {{P::string}}, [](CallContext&, Args a) {
    Url u;
    try {
      u = parse_url(arg_string(a[0]));
    } catch (const UrlError& e) {
      fail("unable to parse url: " + e.message);
    }
    MapItems m;
    m.emplace("scheme", Value(u.scheme));
    m.emplace("host", Value(u.host));
    m.emplace("hostname", Value(u.hostname()));
    m.emplace("path", Value(u.path));
    m.emplace("query", Value(u.raw_query));
    m.emplace("opaque", Value(u.opaque));
    m.emplace("fragment", Value(u.fragment));
    m.emplace("userinfo", Value(u.has_user ? u.user_string() : std::string()));
    return Value::map(std::move(m));
  });
  def(t, "urlJoin", {{P::map}}, [](CallContext&, Args a) {
    const MapItems* d = arg_map(a[0]);
    Url u;
    u.scheme = dict_get_or_empty(d, "scheme");
    u.host = dict_get_or_empty(d, "host");
    u.path = dict_get_or_empty(d, "path");
    u.raw_query = dict_get_or_empty(d, "query");
    u.opaque = dict_get_or_empty(d, "opaque");
    u.fragment = dict_get_or_empty(d, "fragment");
    std::string userinfo = dict_get_or_empty(d, "userinfo");
    if (!userinfo.empty()) {
      Url tmp;
      try {
        tmp = parse_url("proto://" + userinfo + "@host");
      } catch (const UrlError& e) {
        fail("unable to parse userinfo in dict: " + e.message);
      }
      u.has_user = tmp.has_user;
      u.username = tmp.username;
      u.password = tmp.password;
      u.password_set = tmp.password_set;
    }
    return Value(u.str());
  });
}

} // namespace pave::tmpl::sprig
