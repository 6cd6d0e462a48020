// filepath.Match expectations checked with Go 1.19; glob expectations follow
// gobwas/glob semantics with '/' as separator.
#include <doctest/doctest.h>

#include <pave/chart/ignore.hpp>
#include <pave/chart/path_match.hpp>

namespace {

std::string m(std::string_view pattern, std::string_view name)
{
  auto r = pave::chart::go_path_match(pattern, name);
  return r ? (*r ? "true" : "false") : r.error().message;
}

std::string g(std::string_view pattern, std::string_view name)
{
  auto r = pave::chart::glob_match(pattern, name);
  return !r.compiled ? "bad" : (r.matched ? "true" : "false");
}

} // namespace

TEST_CASE("chart::go_path_match")
{
  CHECK(m("*.yaml", "a.yaml") == "true");
  CHECK(m("*.yaml", "x/a.yaml") == "false");
  CHECK(m("templates/*", "templates/a.yaml") == "true");
  CHECK(m("templates/*", "templates/x/a.yaml") == "false");
  CHECK(m("a?c", "abc") == "true");
  CHECK(m("a?c", "a/c") == "false");
  CHECK(m("[a-c]x", "bx") == "true");
  CHECK(m("[^a-c]x", "bx") == "false");
  CHECK(m("[!a]x", "bx") == "false");
  CHECK(m("a\\*b", "a*b") == "true");
  CHECK(m("*", "") == "true");
  CHECK(m("*x*", "axb") == "true");
  CHECK(m("a*b*c", "aXbYc") == "true");
  CHECK(m("a*", "ab/c") == "false");
  CHECK(m("subdir/*", "subdir/configmap.yaml") == "true");
  CHECK(m(".?*", ".git") == "true");
  CHECK(m("[a-", "a") == "syntax error in pattern");
  CHECK(m("\\", "a") == "syntax error in pattern");
  CHECK(m("[]a]", "]") == "syntax error in pattern");
  CHECK(m("[", "a") == "syntax error in pattern");
}

TEST_CASE("chart::glob_match")
{
  CHECK(g("*.txt", "a.txt") == "true");
  CHECK(g("*.txt", "dir/a.txt") == "false");
  CHECK(g("**.txt", "dir/a.txt") == "true");
  CHECK(g("files/*", "files/a") == "true");
  CHECK(g("files/*", "files/x/a") == "false");
  CHECK(g("files/**", "files/x/a") == "true");
  CHECK(g("{a,b}.txt", "b.txt") == "true");
  CHECK(g("{a,b}.txt", "c.txt") == "false");
  CHECK(g("f?le", "file") == "true");
  CHECK(g("f?le", "f/le") == "false");
  CHECK(g("[abc].txt", "b.txt") == "true");
  CHECK(g("[!abc].txt", "b.txt") == "false");
  CHECK(g("[a-z].txt", "q.txt") == "true");
  CHECK(g("a\\*", "a*") == "true");
  CHECK(g("a\\*", "ab") == "false");
  CHECK(g("{a", "a") == "bad");
  CHECK(g("[ab", "a") == "bad");
  CHECK(g("conf/{*.yaml,*.json}", "conf/x.json") == "true");
}

TEST_CASE("chart::IgnoreRules")
{
  auto rules = pave::chart::IgnoreRules::parse("# comment\n.git/\n*.bak\n/top.txt\ndocs/*.md\n!keep.bak\n\n");
  REQUIRE(rules);
  rules->add_defaults();
  CHECK(rules->ignore(".git", true));
  CHECK(!rules->ignore(".git", false));
  CHECK(rules->ignore("a.bak", false));
  CHECK(rules->ignore("sub/dir/a.bak", false));
  CHECK(!rules->ignore("keep.bak", false));
  CHECK(rules->ignore("top.txt", false));
  CHECK(!rules->ignore("x/top.txt", false));
  CHECK(rules->ignore("docs/a.md", false));
  CHECK(!rules->ignore("docs/x/a.md", false));
  CHECK(rules->ignore("templates/.hidden", false));
  CHECK(!rules->ignore("templates/visible.yaml", false));
  CHECK(!rules->ignore("", false));

  auto bad = pave::chart::IgnoreRules::parse("**/foo\n");
  REQUIRE(!bad);
  CHECK(bad.error().message == "double-star (**) syntax is not supported");
  auto bad2 = pave::chart::IgnoreRules::parse("[a-\n");
  REQUIRE(!bad2);
  CHECK(bad2.error().message == "syntax error in pattern");
}

TEST_CASE("chart::IgnoreRules: plain names and star suffixes match exactly as filepath.Match does")
{
  // The direct matching of "NAME" and "*SUFFIX" rules must agree with
  // go_path_match on every pattern/name pair, one rule at a time.
  const std::vector<std::string> patterns = {".git", "*.swp", "*~", "*.tar.gz", "a/b", "*/x", "*a/b", "values.yaml",
                                             "*", "*]", "]"};
  const std::vector<std::string> names = {".git", "x.swp", ".swp", "swp", "a.swp.bak", "dir/x.swp", "~", "x~", "d/x~",
                                          "a.tar.gz", "tar.gz", "a/b", "a/b/c", "q/x", "q/r/x", "/x", "xa/b", "a/a/b",
                                          "values.yaml", "values.yml", "]", "x]", ""};
  for (const auto& pattern : patterns) {
    // Structural rules ("a/b") are matched against the whole path, the others
    // against its base name; checking paths without '/' for the latter and
    // all paths for the former covers both.
    auto rules = pave::chart::IgnoreRules::parse(pattern + "\n");
    REQUIRE(rules);
    for (const auto& name : names) {
      if (name.empty()) {
        continue; // ignore("") is always false, before matching
      }
      const bool structural = pattern.find('/') != std::string::npos;
      if (!structural && name.find('/') != std::string::npos) {
        continue;
      }
      auto want = pave::chart::go_path_match(pattern, name);
      REQUIRE(want);
      INFO("pattern ", pattern, " name ", name);
      CHECK(rules->ignore(name, false) == *want);
    }
  }
}
