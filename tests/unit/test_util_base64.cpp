#include <doctest/doctest.h>

#include <pave/util/base64.hpp>
#include <pave/util/sha256.hpp>

using namespace pave;

TEST_CASE("util::base64")
{
  CHECK(util::base64_encode("") == "");
  CHECK(util::base64_encode("f") == "Zg==");
  CHECK(util::base64_encode("foobar") == "Zm9vYmFy");
  CHECK(*util::base64_decode("Zm9vYg==") == "foob");
  CHECK(*util::base64_decode("") == "");
  CHECK_FALSE(util::base64_decode("Zm9"));
  CHECK_FALSE(util::base64_decode("Zm9v!!=="));
  CHECK(util::sha256_tagged("abc") == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
