#include <doctest/doctest.h>

#include <sys/stat.h>

#include <pave/util/fs.hpp>

#include "testutil.hpp"

using namespace pave;

TEST_CASE("util::write_file_atomic")
{
  test::TestContext ctx;
  SUBCASE("creates parents and replaces content, leaving no temporary file")
  {
    REQUIRE(util::write_file_atomic("a/b/c.txt", "one"));
    CHECK(test::read_file("a/b/c.txt") == "one");
    REQUIRE(util::write_file_atomic("a/b/c.txt", "two"));
    CHECK(test::read_file("a/b/c.txt") == "two");
    auto files = util::list_files_recursive("a");
    REQUIRE(files);
    CHECK(*files == std::vector<std::string>{"b/c.txt"});
  }
  SUBCASE("applies the mode")
  {
    REQUIRE(util::write_file_atomic("secret", "x", 0600));
    struct stat st{};
    REQUIRE(::stat("secret", &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  SUBCASE("fails with the path when the directory cannot be created")
  {
    test::write_file("file", "x");
    auto r = util::write_file_atomic("file/sub/x", "y");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.starts_with("cannot create directory file/sub: "));
  }
}

TEST_CASE("util::read_file")
{
  test::TestContext ctx;
  auto r = util::read_file("missing");
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "cannot read missing: No such file or directory");
  test::write_file("x", std::string("a\0b", 3));
  CHECK(*util::read_file("x") == std::string("a\0b", 3));
}
