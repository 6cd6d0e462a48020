#include <doctest/doctest.h>

#include <sys/stat.h>
#include <thread>
#include <unistd.h>

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

TEST_CASE("util::read_file_errno reads files of any size, and streams that fstat cannot size")
{
  test::TestContext ctx;
  CHECK(util::read_file_errno("missing").error() == ENOENT);
  test::write_file("empty", "");
  CHECK(util::read_file_errno("empty")->empty());
  // Larger than one growth step, with every byte value.
  std::string big;
  for (std::size_t i = 0; i < 300000; ++i) {
    big.push_back(static_cast<char>(i * 7919 % 256));
  }
  test::write_file("big", big);
  CHECK(*util::read_file_errno("big") == big);
  // A pipe has no size: it is read to its end in growing steps.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string chunk(100000, 'p');
  std::thread writer([&] {
    for (int i = 0; i < 3; ++i) {
      CHECK(::write(fds[1], chunk.data(), chunk.size()) == static_cast<ssize_t>(chunk.size()));
    }
    ::close(fds[1]);
  });
  auto piped = util::read_file_errno("/proc/self/fd/" + std::to_string(fds[0]));
  writer.join();
  ::close(fds[0]);
  REQUIRE(piped);
  CHECK(*piped == chunk + chunk + chunk);
  // A directory opens but cannot be read.
  ::mkdir("dir", 0755);
  CHECK(util::read_file_errno("dir").error() == EISDIR);
}

TEST_CASE("util::read_or_map_file_errno maps regular files from map_from bytes, reads the rest")
{
  test::TestContext ctx;
  CHECK(util::read_or_map_file_errno("missing", 16).error() == ENOENT);
  ::mkdir("dir", 0755);
  CHECK(util::read_or_map_file_errno("dir", 16).error() == EISDIR);
  std::string big;
  for (std::size_t i = 0; i < 100000; ++i) {
    big.push_back(static_cast<char>(i * 7919 % 256));
  }
  test::write_file("big", big);
  for (const std::size_t map_from : {std::size_t(0), std::size_t(1), big.size() - 1, big.size(), big.size() + 1}) {
    CAPTURE(map_from);
    auto b = util::read_or_map_file_errno("big", map_from);
    REQUIRE(b);
    CHECK(*b == big);
  }
  test::write_file("empty", "");
  CHECK(util::read_or_map_file_errno("empty", 0)->empty());
  // A pipe is never mapped: it is read to its end.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  CHECK(::write(fds[1], "piped", 5) == 5);
  ::close(fds[1]);
  auto piped = util::read_or_map_file_errno("/proc/self/fd/" + std::to_string(fds[0]), 0);
  ::close(fds[0]);
  REQUIRE(piped);
  CHECK(*piped == "piped");
}
