#pragma once
/// Go's regexp package for Sprig's regex functions, over RE2 (Go's regexp
/// implements RE2's syntax and leftmost-first semantics, in linear time).
/// This adds what differs in Go: its error texts ("error parsing regexp:
/// missing closing ): `a(`"), no `\C`, and the empty-match rules of FindAll,
/// ReplaceAll (with `$1`/`${name}` expansion) and Split. Like the Go of the
/// helmref oracle (and RE2), `(?<name>re)` is an error; only `(?P<name>re)`
/// names a group.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace pave::tmpl::sprig {

class Regexp
{
public:
  /// regexp.Compile: nullptr and `error` ("error parsing regexp: missing closing ): `a(`") on failure.
  static std::shared_ptr<const Regexp> compile(std::string_view expr, std::string& error);

  ~Regexp();

  /// Submatch byte offsets [2*i, 2*i+1], -1 when group i did not take part.
  using Match = std::vector<int>;

  /// The leftmost-first match starting the search at byte `pos` (the text
  /// before pos still counts for ^ and \b), or nullopt.
  std::optional<Match> find_at(std::string_view s, std::size_t pos) const;
  /// MatchString.
  bool matches(std::string_view s) const;
  /// FindAllStringIndex(s, n) (n < 0: all), with Go's empty-match rules.
  std::vector<Match> find_all(std::string_view s, int n) const;
  /// ReplaceAllString (literal = ReplaceAllLiteralString).
  std::string replace_all(std::string_view s, std::string_view repl, bool literal) const;
  /// Split(s, n).
  std::vector<std::string> split(std::string_view s, int n) const;
  /// Number of capture groups (without the whole match).
  int groups() const noexcept { return m_groups; }

private:
  Regexp() = default;
  /// Regexp.expand: appends `tmpl` to `dst` with $1, ${1}, $name, ${name} and $$ replaced.
  void expand(std::string& dst, std::string_view tmpl, std::string_view src, const Match& m) const;

  std::string m_expr;
  std::unique_ptr<re2::RE2> m_re;
  std::vector<std::string> m_names; ///< group names, index 0 = whole match
  int m_groups = 0;
};

/// regexp.QuoteMeta.
std::string regexp_quote_meta(std::string_view s);

} // namespace pave::tmpl::sprig
