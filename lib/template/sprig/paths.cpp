// Sprig's path functions: Go's path.Base/Dir/Clean/Ext/IsAbs and the
// filepath.* variants (identical on Linux, where the separator is '/').
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

/// path.Clean: lexical shortest equivalent path.
std::string clean(std::string_view p)
{
  if (p.empty()) {
    return ".";
  }
  const bool rooted = p[0] == '/';
  const std::size_t n = p.size();
  std::string out;
  std::size_t r = 0;
  std::size_t dotdot = 0;
  if (rooted) {
    out.push_back('/');
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (p[r] == '/') {
      ++r;
    } else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
      ++r;
    } else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        std::size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') {
          --w;
        }
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) {
          out.push_back('/');
        }
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) {
        out.push_back('/');
      }
      for (; r < n && p[r] != '/'; ++r) {
        out.push_back(p[r]);
      }
    }
  }
  if (out.empty()) {
    return ".";
  }
  return out;
}

std::string base(std::string_view p)
{
  if (p.empty()) {
    return ".";
  }
  while (!p.empty() && p.back() == '/') {
    p.remove_suffix(1);
  }
  if (auto i = p.rfind('/'); i != std::string_view::npos) {
    p.remove_prefix(i + 1);
  }
  if (p.empty()) {
    return "/";
  }
  return std::string(p);
}

std::string dir(std::string_view p)
{
  auto i = p.rfind('/');
  return clean(p.substr(0, i == std::string_view::npos ? 0 : i + 1));
}

std::string ext(std::string_view p)
{
  for (std::size_t i = p.size(); i > 0 && p[i - 1] != '/'; --i) {
    if (p[i - 1] == '.') {
      return std::string(p.substr(i - 1));
    }
  }
  return "";
}

} // namespace

void add_path_functions(FunctionTable& t)
{
  for (const char* prefix : {"", "os"}) {
    std::string pre = prefix;
    auto name = [&](const char* n) {
      std::string s = n;
      if (!pre.empty()) {
        s[0] = static_cast<char>(s[0] - 32);
        s = pre + s;
      }
      return s;
    };
    def(t, name("base"), {{P::string}}, [](CallContext&, Args a) { return Value(base(arg_string(a[0]))); });
    def(t, name("dir"), {{P::string}}, [](CallContext&, Args a) { return Value(dir(arg_string(a[0]))); });
    def(t, name("clean"), {{P::string}}, [](CallContext&, Args a) { return Value(clean(arg_string(a[0]))); });
    def(t, name("ext"), {{P::string}}, [](CallContext&, Args a) { return Value(ext(arg_string(a[0]))); });
    def(t, name("isAbs"), {{P::string}}, [](CallContext&, Args a) {
      std::string_view p = arg_string(a[0]);
      return Value(!p.empty() && p[0] == '/');
    });
  }
}

} // namespace pave::tmpl::sprig
