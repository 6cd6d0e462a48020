#pragma once
/// .helmignore rules (Helm's pkg/ignore): shell globs matched with Go's
/// filepath.Match, `!` negation, trailing `/` for directories only, a
/// leading `/` anchoring at the chart root, no `**`.
#include <string>
#include <string_view>
#include <vector>

#include <pave/util/expected.hpp>

namespace pave::chart {

class IgnoreRules
{
public:
  /// ignore.Parse: one rule per line; blank lines and # comments skipped.
  /// Errors: "double-star (**) syntax is not supported", "syntax error in pattern".
  static util::Result<IgnoreRules> parse(std::string_view text);

  /// AddDefaults: ignore dot files directly in templates/.
  void add_defaults();

  /// Ignore(path, fi): true when `path` (relative, '/'-separated) is ignored.
  bool ignore(std::string_view path, bool is_dir) const;

private:
  enum class Anchor { root, structural, basename };
  /// Most .helmignore lines are a plain name (".git") or a star and a suffix
  /// ("*.swp"): those are matched directly, with the result filepath.Match
  /// gives; the others go through go_path_match.
  enum class Form { literal, star_suffix, glob };
  struct Pattern
  {
    std::string rule; ///< without '!', trailing '/' and leading '/'
    Anchor anchor;
    Form form = Form::glob;
    bool negate = false;
    bool must_dir = false;
  };
  util::Result<void> parse_rule(std::string_view rule);
  static bool match(const Pattern& p, std::string_view path);

  std::vector<Pattern> m_patterns;
};

} // namespace pave::chart
