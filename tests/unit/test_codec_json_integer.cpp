#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include <pave/codec/json_integer.hpp>

using nlohmann::json;
using pave::codec::json_integer;
using pave::codec::json_integer_at;

TEST_CASE("json_integer: integers in range, never a float or an out-of-range value")
{
  CHECK(json_integer(json::parse("42")) == 42);
  CHECK(json_integer(json::parse("-7")) == -7);
  CHECK(json_integer(json::parse("9223372036854775807")) == std::numeric_limits<std::int64_t>::max());
  CHECK(json_integer(json::parse("-9223372036854775808")) == std::numeric_limits<std::int64_t>::min());
  // Above int64 (stored unsigned), floats (even whole ones), other types.
  CHECK_FALSE(json_integer(json::parse("9223372036854775808")));
  CHECK_FALSE(json_integer(json::parse("18446744073709551615")));
  CHECK_FALSE(json_integer(json::parse("1e300")));
  CHECK_FALSE(json_integer(json::parse("-1e300")));
  CHECK_FALSE(json_integer(json::parse("3.0")));
  CHECK_FALSE(json_integer(json::parse("\"3\"")));
  CHECK_FALSE(json_integer(json::parse("true")));
  CHECK_FALSE(json_integer(json()));
  // Bounds are inclusive, for signed and unsigned storage alike.
  CHECK(json_integer(json::parse("10"), 0, 10) == 10);
  CHECK(json_integer(json::parse("0"), 0, 10) == 0);
  CHECK_FALSE(json_integer(json::parse("11"), 0, 10));
  CHECK_FALSE(json_integer(json::parse("-1"), 0, 10));
  CHECK_FALSE(json_integer(json(std::uint64_t{5}), -10, -1));
  CHECK(json_integer(json(std::uint64_t{5}), 5, 5) == 5);
}

TEST_CASE("json_integer_at: a missing key or a bad value throws a json exception naming the key")
{
  const json doc = json::parse(R"({"n": 3, "f": 1e300, "s": "x", "big": 70000})");
  CHECK(json_integer_at(doc, "n") == 3);
  CHECK_THROWS_AS(json_integer_at(doc, "missing"), json::out_of_range);
  CHECK_THROWS_WITH_AS(json_integer_at(doc, "f"), "[json.exception.type_error.302] f must be an integer",
                       json::type_error);
  CHECK_THROWS_AS(json_integer_at(doc, "s"), json::type_error);
  CHECK_THROWS_WITH_AS(json_integer_at(doc, "big", 1, 65535),
                       "[json.exception.type_error.302] big must be an integer from 1 to 65535", json::type_error);
}
