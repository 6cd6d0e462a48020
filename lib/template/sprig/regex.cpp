// Sprig's regex.go over the Go-compatible engine in regexp.hpp. The plain
// variants use regexp.MustCompile (a bad pattern panics with
// "regexp: Compile(`x(`): error parsing regexp: ..."); regexMatch ignores
// the error and returns false; the must* variants return the error.
#include <mutex>
#include <unordered_map>

#include <pave/template/sprig/common.hpp>
#include <pave/template/sprig/regexp.hpp>
#include <pave/template/strconv.hpp>

namespace pave::tmpl::sprig {

namespace {

/// Compiles (and caches) `expr`; nullptr with Go's error text on failure.
std::shared_ptr<const Regexp> compile(std::string_view expr, std::string& error)
{
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Regexp>> cache;
  std::string key(expr);
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) {
      return it->second;
    }
  }
  auto re = Regexp::compile(expr, error);
  if (re) {
    std::lock_guard lock(mutex);
    if (cache.size() > 1000) {
      cache.clear();
    }
    cache.emplace(std::move(key), re);
  }
  return re;
}

/// regexp.MustCompile.
std::shared_ptr<const Regexp> must_compile(std::string_view expr)
{
  std::string error;
  auto re = compile(expr, error);
  if (!re) {
    std::string quoted = go::can_backquote(expr) ? "`" + std::string(expr) + "`" : go::quote(expr);
    fail("regexp: Compile(" + quoted + "): " + error);
  }
  return re;
}

/// regexp.Compile for the must* variants.
std::shared_ptr<const Regexp> compile_or_fail(std::string_view expr)
{
  std::string error;
  auto re = compile(expr, error);
  if (!re) {
    fail(error);
  }
  return re;
}

Value find_all(const Regexp& re, std::string_view s, std::int64_t n)
{
  auto matches = re.find_all(s, static_cast<int>(std::clamp<std::int64_t>(n, -1, INT32_MAX)));
  std::vector<std::string> out;
  for (const auto& m : matches) {
    out.emplace_back(s.substr(static_cast<std::size_t>(m[0]), static_cast<std::size_t>(m[1] - m[0])));
  }
  return string_list(std::move(out));
}

Value find(const Regexp& re, std::string_view s)
{
  auto m = re.find_at(s, 0);
  if (!m) {
    return Value("");
  }
  return Value(s.substr(static_cast<std::size_t>((*m)[0]), static_cast<std::size_t>((*m)[1] - (*m)[0])));
}

using Compiler = std::shared_ptr<const Regexp> (*)(std::string_view);

void add_pair(FunctionTable& t, const char* name, const char* must, Sig sig,
              Value (*impl)(const Regexp&, Args))
{
  def(t, name, sig, [impl](CallContext&, Args a) { return impl(*must_compile(arg_string(a[0])), a); });
  sig.returns_error = true;
  def(t, must, sig, [impl](CallContext&, Args a) { return impl(*compile_or_fail(arg_string(a[0])), a); });
}

} // namespace

void add_regex_functions(FunctionTable& t)
{
  def(t, "regexMatch", {{P::string, P::string}}, [](CallContext&, Args a) {
    std::string error;
    auto re = compile(arg_string(a[0]), error);
    return Value(re != nullptr && re->matches(arg_string(a[1])));
  });
  def(t, "mustRegexMatch", {{P::string, P::string}, false, true},
      [](CallContext&, Args a) { return Value(compile_or_fail(arg_string(a[0]))->matches(arg_string(a[1]))); });
  add_pair(t, "regexFindAll", "mustRegexFindAll", {{P::string, P::string, P::int_}},
           [](const Regexp& re, Args a) { return find_all(re, arg_string(a[1]), arg_int(a[2])); });
  add_pair(t, "regexFind", "mustRegexFind", {{P::string, P::string}},
           [](const Regexp& re, Args a) { return find(re, arg_string(a[1])); });
  add_pair(t, "regexReplaceAll", "mustRegexReplaceAll", {{P::string, P::string, P::string}},
           [](const Regexp& re, Args a) { return Value(re.replace_all(arg_string(a[1]), arg_string(a[2]), false)); });
  add_pair(t, "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", {{P::string, P::string, P::string}},
           [](const Regexp& re, Args a) { return Value(re.replace_all(arg_string(a[1]), arg_string(a[2]), true)); });
  add_pair(t, "regexSplit", "mustRegexSplit", {{P::string, P::string, P::int_}}, [](const Regexp& re, Args a) {
    return string_list(re.split(arg_string(a[1]), static_cast<int>(std::clamp<std::int64_t>(arg_int(a[2]), -1, INT32_MAX))));
  });
  def(t, "regexQuoteMeta", {{P::string}}, [](CallContext&, Args a) { return Value(regexp_quote_meta(arg_string(a[0]))); });
}

} // namespace pave::tmpl::sprig
