#include <doctest/doctest.h>

#include <pave/util/mapped_file.hpp>

#include "testutil.hpp"

using namespace pave;

TEST_CASE("util::MappedFile")
{
  test::TestContext ctx;
  SUBCASE("maps the bytes, with zero padding after them")
  {
    for (const std::size_t size : {std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{10000}}) {
      const std::string content(size, 'x');
      test::write_file("f", content);
      const auto m = util::MappedFile::open("f");
      REQUIRE(m);
      CHECK((*m)->bytes() == content);
      const char* end = (*m)->bytes().data() + size;
      for (std::size_t i = 0; i < util::MappedFile::k_padding; ++i) {
        CHECK(end[i] == '\0');
      }
    }
  }
  SUBCASE("an empty file")
  {
    test::write_file("empty", "");
    const auto m = util::MappedFile::open("empty");
    REQUIRE(m);
    CHECK((*m)->bytes().empty());
  }
  SUBCASE("a missing file")
  {
    CHECK(util::MappedFile::open("nope").error().message == "cannot read nope: No such file or directory");
  }
}
