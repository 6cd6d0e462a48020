#pragma once
/// Path pattern matching the way Helm does it: Go's path/filepath.Match (for
/// .helmignore and --show-only) and gobwas/glob with '/' as separator (for
/// .Files.Glob).
#include <string_view>

#include <pave/util/expected.hpp>

namespace pave::chart {

/// Go's filepath.Match(pattern, name) on a '/' system: `*` matches any run of
/// non-'/' bytes, `?` one non-'/' character, `[a-z]`/`[^a-z]` classes, `\`
/// escapes. Error "syntax error in pattern" for a malformed pattern.
util::Result<bool> go_path_match(std::string_view pattern, std::string_view name);

/// gobwas/glob.Compile(pattern, '/').Match(name): `*` any run of non-'/'
/// characters, `**` any run, `?` one non-'/' character, `[abc]`/`[!a-z]`
/// classes, `{a,b}` alternatives, `\` escapes. Returns nullopt-like false
/// result through `ok` when the pattern does not compile.
struct GlobResult
{
  bool compiled = true; ///< false when the pattern is malformed
  bool matched = false;
};
GlobResult glob_match(std::string_view pattern, std::string_view name);

} // namespace pave::chart
