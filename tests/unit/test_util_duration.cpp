#include <doctest/doctest.h>

#include <pave/util/base64.hpp>
#include <pave/util/digest.hpp>
#include <pave/util/duration.hpp>

using namespace pave;
using namespace std::chrono_literals;

TEST_CASE("util::parse_duration")
{
  CHECK(*util::parse_duration("0") == 0ms);
  CHECK(*util::parse_duration("250ms") == 250ms);
  CHECK(*util::parse_duration("30s") == 30s);
  CHECK(*util::parse_duration("1h30m") == 90min);
  CHECK(util::parse_duration("5x").error().message == "invalid duration \"5x\" (use e.g. 30s, 5m, 1h30m)");
  CHECK_FALSE(util::parse_duration("s"));
  CHECK_FALSE(util::parse_duration(""));
  CHECK_FALSE(util::parse_duration("10"));
}

TEST_CASE("util::base64 and sha256")
{
  CHECK(util::base64_encode("") == "");
  CHECK(util::base64_encode("f") == "Zg==");
  CHECK(util::base64_encode("foobar") == "Zm9vYmFy");
  CHECK(*util::base64_decode("Zm9vYg==") == "foob");
  CHECK(*util::base64_decode("") == "");
  CHECK_FALSE(util::base64_decode("Zm9"));
  CHECK_FALSE(util::base64_decode("Zm9v!!=="));
  CHECK(util::sha256_digest("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
