#pragma once
/// Go's regexp package (RE2 syntax, leftmost-first Perl semantics, UTF-8),
/// enough for Sprig's regex functions: a parser for Go's syntax with its
/// error texts, compiled to a Pike VM (linear time, no backtracking).
///
/// Supported: literals and escapes (\a \f \t \n \r \v \x41 \x{263a} \123 \Q..\E),
/// . ^ $ \A \z \b \B, classes [...] with ranges, negation, [:alpha:] POSIX
/// classes, \d \s \w (ASCII, like Go), \pL \p{Lu} \p{Ll} \p{Lt} \p{L} \p{N}
/// \p{Nd} \p{P} and their negations, groups ( ) (?: ) (?P<name> ) (?<name> ),
/// flags (?imsU) and (?flags:re), repetition * + ? {n} {n,} {n,m} and lazy forms.
/// Not supported: Unicode scripts (\p{Greek}) and other categories, which fail
/// as an "invalid character class range" like an unknown name in Go.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pave::tmpl::sprig {

class Regexp
{
public:
  /// regexp.Compile: nullopt and `error` ("error parsing regexp: missing closing ): `a(b`") on failure.
  static std::shared_ptr<const Regexp> compile(std::string_view expr, std::string& error);

  /// Submatch byte offsets [2*i, 2*i+1], -1 when group i did not take part.
  using Match = std::vector<int>;

  /// The leftmost-first match starting the search at byte `pos` (the text
  /// before pos still counts for ^ and \b), or nullopt.
  std::optional<Match> find_at(std::string_view s, std::size_t pos) const;
  /// MatchString.
  bool matches(std::string_view s) const { return find_at(s, 0).has_value(); }
  /// FindAllStringIndex(s, n) (n < 0: all), with Go's empty-match rules.
  std::vector<Match> find_all(std::string_view s, int n) const;
  /// ReplaceAllString (literal = ReplaceAllLiteralString).
  std::string replace_all(std::string_view s, std::string_view repl, bool literal) const;
  /// Split(s, n).
  std::vector<std::string> split(std::string_view s, int n) const;
  /// Number of capture groups (without the whole match).
  int groups() const noexcept { return m_groups; }

  struct Inst;
  struct ClassTable;

private:
  void expand(std::string& dst, std::string_view tmpl, std::string_view src, const Match& m) const;

  std::string m_expr;
  std::vector<Inst> m_prog;
  std::shared_ptr<ClassTable> m_classes;
  std::vector<std::string> m_names; ///< group names, index 0 = whole match
  int m_groups = 0;
  friend class RegexpCompiler;
};

/// regexp.QuoteMeta.
std::string regexp_quote_meta(std::string_view s);

} // namespace pave::tmpl::sprig
